// The one owner of check outcomes for the whole editor. It runs checks of the SAVED settings (the status
// bar's and Check Connection's) and publishes them: the newest finished check wins, a cancelled one is an
// outcome of its own (nothing new is known), never a diagnosis. It also runs the wizard's checks of an
// unsaved draft, which are never published. The key is read here and goes no further than the core.
import type { OwnTraffic } from './ownTraffic';
import type { checkConnection } from '../core/check/check';
import type { CheckMode, CheckReport } from '../core/check/checkReport';
import { renderMsg } from '../core/text/messages';
import type { PoolClient } from '../core/pool/poolClient';
import type { formatReport } from '../core/check/reportText';
import type { ProxyRoute } from '../core/http/proxyRoute';
import type { Transport } from '../core/http/transport';
import { Emitter, type Disposable, type Event } from './events';
import { fingerprintOf, KeyStoreError, type PoolKeyStore } from './keyStore';
import { isMainModel, withModel } from './modelChoice';
import type { ConnectionSettings, LogPort, PoolSettings, SettingsPort } from './ports';

export type CheckOutcome = { readonly kind: 'report'; readonly report: CheckReport } | { readonly kind: 'cancelled' };

export interface PublishedCheck {
  readonly sequence: number;
  readonly report: CheckReport;
  /** Wall-clock milliseconds. */
  readonly finishedAt: number;
  /** Which key it ran with (a one-way hash), so a later key change makes it stale. */
  readonly keyFingerprint?: string;
}

export type CheckEvent =
  | { readonly kind: 'started'; readonly mode: CheckMode; readonly sequence: number }
  | { readonly kind: 'reported'; readonly check: PublishedCheck }
  | { readonly kind: 'cancelled'; readonly sequence: number };

/**
 * The check itself: the pool client (with the schemas every answer is read against), the diagnoses and the
 * report's text. The editor loads it on the first check (dist/checkEngine.js), so activation does not parse it.
 */
export interface CheckEngine {
  readonly checkConnection: typeof checkConnection;
  readonly formatReport: typeof formatReport;
  readonly PoolClient: typeof PoolClient;
}

export interface TestedModel {
  readonly report: CheckReport;
  /** Wall-clock milliseconds. */
  readonly finishedAt: number;
}

export interface CheckServiceDeps {
  /** Loads the check on first use (src/checkEngine.ts); called before every check, so it caches itself. */
  readonly engine: () => Promise<CheckEngine>;
  readonly settings: SettingsPort;
  readonly keys: PoolKeyStore;
  readonly log: LogPort;
  readonly transport: Transport;
  readonly userAgent: string;
  /** The proxy a request to this URL goes through, when certain (to name it in diagnoses). */
  readonly proxyFor: (url: string) => ProxyRoute | undefined;
  /** Where the chats this service sends are announced (they move the pool's usage counter too). */
  readonly ownTraffic?: Pick<OwnTraffic, 'begin'>;
  readonly now?: () => number;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
}

export class CheckService implements Disposable {
  readonly #changed = new Emitter<CheckEvent>();
  readonly onDidChange: Event<CheckEvent> = this.#changed.event;
  readonly #tested = new Emitter<TestedModel>();
  /**
   * A full check of the saved pool with the stored key finished, whichever model it ran on: Check Connection,
   * a model picked for it, or the wizard's "Test every model" on the saved URL (published or not).
   */
  readonly onDidTestModel: Event<TestedModel> = this.#tested.event;
  readonly #running = new Map<number, CheckMode>();
  #sequence = 0;
  #last: PublishedCheck | undefined;
  readonly #now: () => number;

  constructor(private readonly deps: CheckServiceDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** The newest finished check of the saved settings. */
  get last(): PublishedCheck | undefined {
    return this.#last;
  }

  /** The newest check still running, if any. */
  get running(): { readonly mode: CheckMode; readonly sequence: number } | undefined {
    const newest = Math.max(0, ...this.#running.keys());
    const mode = this.#running.get(newest);
    return mode ? { mode, sequence: newest } : undefined;
  }

  /** Checks the saved settings and publishes the outcome. */
  async check(mode: CheckMode, options: RunOptions = {}): Promise<CheckOutcome> {
    const sequence = ++this.#sequence;
    this.#running.set(sequence, mode);
    this.#changed.fire({ kind: 'started', mode, sequence });
    try {
      const settings = this.deps.settings.read();
      const { outcome, keyFingerprint } = await this.#run(mode, settings, options.signal, `${mode} check`);
      this.#running.delete(sequence);
      if (outcome.kind === 'cancelled') {
        this.#changed.fire({ kind: 'cancelled', sequence });
        return outcome;
      }
      if (!this.#last || sequence > this.#last.sequence) {
        this.#last = {
          sequence,
          report: outcome.report,
          finishedAt: this.#now(),
          ...(keyFingerprint ? { keyFingerprint } : {}),
        };
        this.#changed.fire({ kind: 'reported', check: this.#last });
      }
      return outcome;
    } finally {
      if (this.#running.delete(sequence)) this.#changed.fire({ kind: 'cancelled', sequence });
    }
  }

  /**
   * Checks the saved settings on one model of the set (a command's pick): the main model's check is published
   * as check() does; another model's is not (the status bar shows the setup, which the main model stands for).
   */
  async checkModel(mode: CheckMode, model: string | undefined, options: RunOptions = {}): Promise<CheckOutcome> {
    const settings = this.deps.settings.read();
    if (model === undefined || isMainModel(settings, model)) return this.check(mode, options);
    const target = withModel(settings, model);
    return (await this.#run(mode, target, options.signal, `${mode} check of the model ${JSON.stringify(model)}`))
      .outcome;
  }

  /** Checks values that are not saved (the wizard's draft); nothing is published. */
  async checkDraft(mode: CheckMode, target: ConnectionSettings, options: RunOptions = {}): Promise<CheckOutcome> {
    return (await this.#run(mode, target, options.signal, `${mode} check (setup wizard draft)`)).outcome;
  }

  /**
   * The free check (model list and usage) with a key that is not the stored one: a new key before it may
   * replace the stored key, or the stored key itself. Never published. The caller has made sure the
   * redactor knows the key, and that `target` is an origin the user chose.
   */
  async checkKey(key: string, target: ConnectionSettings, options: RunOptions = {}): Promise<CheckOutcome> {
    return (await this.#run('background', target, options.signal, 'free check of a key before it is stored', { key }))
      .outcome;
  }

  async #run(
    mode: CheckMode,
    target: ConnectionSettings & { readonly secretIn?: PoolSettings['secretIn'] },
    signal: AbortSignal | undefined,
    title: string,
    given?: { readonly key: string },
  ): Promise<{ outcome: CheckOutcome; keyFingerprint?: string }> {
    const settings = this.deps.settings.read();
    let key: string | undefined = given?.key;
    let keyUnavailable: string | undefined;
    if (!given) {
      try {
        key = await this.deps.keys.get();
      } catch (error) {
        if (!(error instanceof KeyStoreError)) throw error;
        keyUnavailable = error.detail;
      }
    }
    const { checkConnection, formatReport, PoolClient } = await this.deps.engine();
    const client = new PoolClient({
      transport: this.deps.transport,
      timeoutMs: settings.timeoutSeconds * 1000,
      userAgent: this.deps.userAgent,
    });
    // A full check sends the chat check: the extension's own traffic, for whoever watches the usage counter.
    const endOwnChat = mode === 'full' ? this.deps.ownTraffic?.begin() : undefined;
    const report = await checkConnection(
      {
        baseUrl: target.baseUrl,
        fullUrl: target.fullUrl,
        model: target.model,
        ...(target.moreModels?.length ? { moreModels: target.moreModels } : {}),
        key,
        mode,
        proxyFor: this.deps.proxyFor,
        ...(keyUnavailable !== undefined ? { keyUnavailable } : {}),
        ...(target.secretIn?.length ? { secretInSettings: target.secretIn } : {}),
        ...(signal ? { signal } : {}),
      },
      { client },
    ).finally(() => endOwnChat?.());
    if (signal?.aborted) {
      this.deps.log.info(`${title}: cancelled.`);
      return { outcome: { kind: 'cancelled' } };
    }
    const saved = this.deps.settings.read();
    if (mode === 'full' && !given && target.baseUrl === saved.baseUrl && target.fullUrl === saved.fullUrl) {
      this.#tested.fire({ report, finishedAt: this.#now() });
    }
    const text = formatReport(report, (m) => renderMsg(m));
    if (report.verdict === 'ok') this.deps.log.info(`${title}\n${text}`);
    else this.deps.log.warn(`${title}\n${text}`);
    return { outcome: { kind: 'report', report }, ...(key ? { keyFingerprint: fingerprintOf(key) } : {}) };
  }

  dispose(): void {
    this.#changed.dispose();
    this.#tested.dispose();
  }
}
