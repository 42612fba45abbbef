// Replacing the stored Pool API key without ever losing a working one. The rule: a key the pool rejects
// never replaces a key the pool accepts. A new key is checked for free (the keyed model list) before it
// replaces a stored key; when the pool rejects it, or cannot judge it, and the stored key works, the
// stored key stays and the caller may offer "Store it anyway". No key stored, or one that does not
// work: the new key is stored at once. The write happens only if the stored key is still the one the
// decision was made about (read again just before it, with every other write of the key waiting); if it
// changed meanwhile, the decision is made again from the key stored now, and the outcome says so. A
// cancelled replacement stores nothing. Nothing here shows the key: only its masked id part.
import type { Diagnosis } from '../core/check/diagnosis';
import { firstProblem, keyRejection, keyVerdictOf, type KeyVerdict } from '../core/check/keyVerdict';
import { analyzeKey, type KeyAnalysis } from '../core/secrets/poolKey';
import { maskKey } from '../core/secrets/keyShape';
import type { CheckOutcome, CheckService, RunOptions } from './checkService';
import { fingerprintOf, type PoolKeyStore } from './keyStore';
import type { ConnectionSettings, LogPort } from './ports';
import type { Redactor } from './redactor';

/** Set on an outcome when the stored key changed elsewhere while the new one was checked (decided again). */
interface Meanwhile {
  readonly changedMeanwhile?: true;
}

export type ReplaceOutcome =
  /** Not a Pool key: nothing stored, nothing sent. */
  | { readonly kind: 'refused'; readonly analysis: KeyAnalysis }
  /** Stored. `verdict`: what the pool said of it before (unknown: stored at once, the usual check follows). */
  | ({ readonly kind: 'stored'; readonly masked: string; readonly verdict: KeyVerdict } & Meanwhile)
  /**
   * Not stored: the stored key works and the pool rejected the new one (`rejected`), or could not judge
   * it (`unknown`, with why). `reason` is the pool's answer about the new key.
   */
  | ({
      readonly kind: 'kept';
      readonly kept: string;
      readonly candidate: string;
      readonly verdict: Exclude<KeyVerdict, 'accepted'>;
      readonly reason?: Diagnosis;
    } & Meanwhile)
  /** Not stored: the stored key kept changing elsewhere while this one was checked; the user may try again. */
  | { readonly kind: 'changing'; readonly candidate: string }
  | { readonly kind: 'cancelled' };

export interface KeyReplacementDeps {
  readonly keys: Pick<PoolKeyStore, 'get' | 'replaceIf'>;
  readonly checks: Pick<CheckService, 'checkKey' | 'last'>;
  readonly redactor: Redactor;
  readonly log: LogPort;
}

export interface ReplaceOptions extends RunOptions {
  /** "Store it anyway": the user chose to store a key the pool did not accept (it will work later). */
  readonly force?: boolean;
}

/** How often a decision is made again when the stored key changed meanwhile, before giving up. */
const MAX_DECISIONS = 3;
const CANCELLED = { kind: 'cancelled' } as const;
/** What untilCancelled() gives when the signal aborted first. */
const ABORTED: unique symbol = Symbol('aborted');

type Decision =
  | { readonly kind: 'store'; readonly verdict: KeyVerdict; readonly why: string }
  | Extract<ReplaceOutcome, { kind: 'kept' | 'cancelled' }>;

export class KeyReplacement {
  constructor(private readonly deps: KeyReplacementDeps) {}

  /**
   * Stores `candidate` unless that would replace a working key with one the pool does not accept.
   * `target`: where both keys are checked (the saved connection, or an origin the user chose in the
   * wizard). Throws KeyStoreError when the editor's secret storage fails.
   */
  async replace(candidate: string, target: ConnectionSettings, options: ReplaceOptions = {}): Promise<ReplaceOutcome> {
    const analysis = analyzeKey(candidate);
    if (!analysis.ok || analysis.key === undefined) return { kind: 'refused', analysis };
    const key = analysis.key;
    this.deps.redactor.remember(key);
    const meanwhile = (changed: boolean): Meanwhile => (changed ? { changedMeanwhile: true } : {});
    for (let round = 0; round < MAX_DECISIONS; round++) {
      if (options.signal?.aborted) return CANCELLED;
      const current = await untilCancelled(this.deps.keys.get(), options.signal);
      if (current === ABORTED) return CANCELLED;
      const decision: Decision = options.force
        ? { kind: 'store', verdict: 'unknown', why: 'stored as asked, without the pool accepting it first' }
        : await this.#decide(key, current, target, options);
      if (decision.kind === 'cancelled') return CANCELLED;
      if (decision.kind === 'kept') return { ...decision, ...meanwhile(round > 0) };
      const written = await this.deps.keys.replaceIf(current, key, options.signal);
      if (written === 'cancelled') return CANCELLED;
      if (written === 'stored') {
        this.deps.log.info(`Pool API key stored in secret storage (${maskKey(key)}): ${decision.why}.`);
        return { kind: 'stored', masked: maskKey(key), verdict: decision.verdict, ...meanwhile(round > 0) };
      }
      this.deps.log.warn(
        `The stored Pool API key changed while ${maskKey(key)} was checked; deciding again from the key stored now.`,
      );
    }
    this.deps.log.warn(`Pool API key not stored (${maskKey(key)}): the stored key kept changing meanwhile.`);
    return { kind: 'changing', candidate: maskKey(key) };
  }

  /** Whether `key` should replace `current`, asked of the pool for free when a working key could be lost. */
  async #decide(
    key: string,
    current: string | undefined,
    target: ConnectionSettings,
    options: RunOptions,
  ): Promise<Decision> {
    if (current === undefined || current === key) {
      return { kind: 'store', verdict: 'unknown', why: 'no working key could be lost' };
    }
    const fresh = await this.deps.checks.checkKey(key, target, options);
    if (fresh.kind === 'cancelled' || options.signal?.aborted) return CANCELLED;
    const verdict = keyVerdictOf(fresh.report);
    if (verdict === 'accepted') return { kind: 'store', verdict, why: 'the pool accepts it' };
    const works = await this.#works(current, target, options);
    if (options.signal?.aborted) return CANCELLED;
    if (!works) return { kind: 'store', verdict, why: 'the stored key does not work either' };
    const reason = verdict === 'rejected' ? keyRejection(fresh.report) : firstProblem(fresh.report);
    this.deps.log.warn(
      `Pool API key not replaced: the pool ${verdict === 'rejected' ? 'rejected' : 'could not check'} the new key ` +
        `(${maskKey(key)}${reason ? `: ${reason.detail}` : ''}); the working key (${maskKey(current)}) is still stored.`,
    );
    return { kind: 'kept', kept: maskKey(current), candidate: maskKey(key), verdict, ...(reason ? { reason } : {}) };
  }

  /** Whether the stored key works: asked of the pool, or (when it cannot answer) its last answer for this key. */
  async #works(current: string, target: ConnectionSettings, options: RunOptions): Promise<boolean> {
    const check: CheckOutcome = await this.deps.checks.checkKey(current, target, options);
    if (check.kind === 'cancelled') return false;
    const verdict = keyVerdictOf(check.report);
    if (verdict !== 'unknown') return verdict === 'accepted';
    const last = this.deps.checks.last;
    return (
      last !== undefined && last.keyFingerprint === fingerprintOf(current) && keyVerdictOf(last.report) === 'accepted'
    );
  }
}

/** The work's result, or ABORTED as soon as the signal aborts (the work goes on, and its failure is ignored). */
function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(ABORTED);
  }
  return new Promise((resolve, reject) => {
    const cancelled = () => resolve(ABORTED);
    signal.addEventListener('abort', cancelled, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancelled));
  });
}
