// Replacing the stored Pool API key without ever losing a working one. The rule: a key the pool rejects
// never replaces a key the pool accepts. A new key is checked for free (the keyed model list) before it
// replaces a stored key; when the pool rejects it, or cannot judge it, and the stored key works, the
// stored key stays and the caller may offer "Store it anyway". No key stored, or one that does not
// work: the new key is stored at once. Nothing here shows the key: only its masked id part.
import type { Diagnosis } from '../core/check/diagnosis';
import { firstProblem, keyRejection, keyVerdictOf, type KeyVerdict } from '../core/check/keyVerdict';
import { analyzeKey, maskKey, type KeyAnalysis } from '../core/secrets/poolKey';
import type { CheckOutcome, CheckService, RunOptions } from './checkService';
import { fingerprintOf, type PoolKeyStore } from './keyStore';
import type { ConnectionSettings, LogPort } from './ports';
import type { Redactor } from './redactor';

export type ReplaceOutcome =
  /** Not a Pool key: nothing stored, nothing sent. */
  | { readonly kind: 'refused'; readonly analysis: KeyAnalysis }
  /** Stored. `verdict`: what the pool said of it before (unknown: stored at once, the usual check follows). */
  | { readonly kind: 'stored'; readonly masked: string; readonly verdict: KeyVerdict }
  /**
   * Not stored: the stored key works and the pool rejected the new one (`rejected`), or could not judge
   * it (`unknown`, with why). `reason` is the pool's answer about the new key.
   */
  | {
      readonly kind: 'kept';
      readonly kept: string;
      readonly candidate: string;
      readonly verdict: Exclude<KeyVerdict, 'accepted'>;
      readonly reason?: Diagnosis;
    }
  | { readonly kind: 'cancelled' };

export interface KeyReplacementDeps {
  readonly keys: PoolKeyStore;
  readonly checks: Pick<CheckService, 'checkKey' | 'last'>;
  readonly redactor: Redactor;
  readonly log: LogPort;
}

export interface ReplaceOptions extends RunOptions {
  /** "Store it anyway": the user chose to store a key the pool did not accept (it will work later). */
  readonly force?: boolean;
}

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
    if (options.force) return this.#store(key, 'unknown', 'stored as asked, without the pool accepting it first');
    const current = await this.deps.keys.get();
    if (current === undefined || current === key) return this.#store(key, 'unknown', 'no working key could be lost');

    const fresh = await this.deps.checks.checkKey(key, target, options);
    if (fresh.kind === 'cancelled') return fresh;
    const verdict = keyVerdictOf(fresh.report);
    if (verdict === 'accepted') return this.#store(key, 'accepted', 'the pool accepts it');

    if (!(await this.#works(current, target, options))) {
      if (options.signal?.aborted) return { kind: 'cancelled' };
      return this.#store(key, verdict, 'the stored key does not work either');
    }
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

  async #store(key: string, verdict: KeyVerdict, why: string): Promise<ReplaceOutcome> {
    const stored = await this.deps.keys.store(key);
    if (!stored.ok) return { kind: 'refused', analysis: stored };
    this.deps.log.info(`Pool API key stored in secret storage (${maskKey(key)}): ${why}.`);
    return { kind: 'stored', masked: maskKey(key), verdict };
  }
}
