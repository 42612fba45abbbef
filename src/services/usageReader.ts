// Free readings of the pool's usage (GET /v1/usage) for the saved setup and the stored key, for the watch
// over Trae's request (traeWatch.ts). One SharedUsageReader per editor window serves every watcher (the
// wizard's last step, the palette command): a reading in flight is joined, and readings begin at least
// 5 s apart, whoever asks and however often "Watch again" is pressed. Never published and not logged.
// Built on first use (src/interactive.ts), not at activation. No `vscode`.
import type { Clock } from '../core/check/healthSchedule';
import type { UsageReading } from '../core/check/usageWitness';
import { diagnoseFailure } from '../core/check/failureDiagnosis';
import { PoolClient } from '../core/pool/poolClient';
import { analyzeKey } from '../core/secrets/poolKey';
import { msg, type Msg } from '../core/text/messages';
import { analyzeEndpoint } from '../core/url/endpoint';
import type { Transport } from '../core/http/transport';
import type { Disposable } from './events';
import { fingerprintOf, KeyStoreError, type PoolKeyStore } from './keyStore';
import type { ConnectionSettings, SettingsPort } from './ports';

/** Readings of one window begin at least this far apart: at most 12 a minute. */
export const USAGE_READ_GAP_MS = 5_000;

/** One free reading of the pool's usage, with the setup and key (a one-way hash) it was made with. */
export type UsageRead =
  | {
      readonly ok: true;
      readonly reading: UsageReading;
      readonly target: ConnectionSettings;
      readonly keyFingerprint: string;
    }
  | { readonly ok: false; readonly problem: Msg };

/** A reading and its place in the reader's order: the `seq`-th reading the reader began (1, 2, …). */
export interface StampedRead {
  readonly read: UsageRead;
  readonly seq: number;
}

/** What a watcher needs: readings, each begun after a mark it took (`begun` at its baseline). */
export interface UsageReadings {
  /** How many readings have begun so far: a later reading has a greater `seq`. */
  readonly begun: number;
  /** A reading whose `seq` is greater than `after`; rejects at once when `signal` aborts. */
  read(after: number, signal: AbortSignal): Promise<StampedRead>;
}

export interface UsageReaderDeps {
  readonly settings: SettingsPort;
  readonly keys: Pick<PoolKeyStore, 'get'>;
  readonly transport: Transport;
  readonly userAgent: string;
}

export function usageReader(deps: UsageReaderDeps): (signal?: AbortSignal) => Promise<UsageRead> {
  return async (signal) => {
    const settings = deps.settings.read();
    let key: string | undefined;
    try {
      key = await deps.keys.get();
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      return { ok: false, problem: msg('diag.keyStoreUnavailable.cause', { detail: error.detail }) };
    }
    const endpoint = analyzeEndpoint(settings.baseUrl, settings.fullUrl).endpoint;
    if (!endpoint) return { ok: false, problem: msg('ui.wizard.refused.url') };
    if (key === undefined || !analyzeKey(key).ok) return { ok: false, problem: msg('diag.keyMissing.cause') };
    const client = new PoolClient({
      transport: deps.transport,
      timeoutMs: settings.timeoutSeconds * 1000,
      userAgent: deps.userAgent,
    });
    const result = await client.getUsage({ endpoint, key, ...(signal ? { signal } : {}) });
    if (!result.ok) return { ok: false, problem: diagnoseFailure(result.failure, { step: 'usage', endpoint }).cause };
    const { baseUrl, fullUrl, model } = settings;
    return {
      ok: true,
      reading: { requestCount: result.value.request_count, totalTokens: result.value.total_tokens },
      target: { baseUrl, fullUrl, model },
      keyFingerprint: fingerprintOf(key),
    };
  };
}

export interface SharedUsageReaderDeps {
  readonly clock: Clock;
  /** One reading over the network (usageReader()). */
  readonly read: (signal: AbortSignal) => Promise<UsageRead>;
}

interface Waiter {
  readonly after: number;
  readonly resolve: (value: StampedRead) => void;
  readonly reject: (error: unknown) => void;
  readonly release: () => void;
}

interface Reading {
  readonly seq: number;
  readonly controller: AbortController;
  readonly waiters: Set<Waiter>;
}

/** The window's one reader: joins the reading in flight, or begins the next one 5 s after the last began. */
export class SharedUsageReader implements UsageReadings, Disposable {
  #begun = 0;
  #lastBeganAt = -Infinity;
  #inFlight: Reading | undefined;
  readonly #queued = new Set<Waiter>();
  #timer: unknown;
  #disposed = false;

  constructor(private readonly deps: SharedUsageReaderDeps) {}

  get begun(): number {
    return this.#begun;
  }

  read(after: number, signal: AbortSignal): Promise<StampedRead> {
    if (this.#disposed || signal.aborted) return Promise.reject(cancelled());
    return new Promise<StampedRead>((resolve, reject) => {
      const onAbort = () => {
        this.#leave(waiter);
        reject(cancelled());
      };
      const waiter: Waiter = { after, resolve, reject, release: () => signal.removeEventListener('abort', onAbort) };
      signal.addEventListener('abort', onAbort, { once: true });
      const flight = this.#inFlight;
      if (flight && flight.seq > after) flight.waiters.add(waiter);
      else {
        this.#queued.add(waiter);
        this.#plan();
      }
    });
  }

  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
    const waiters = [...this.#queued, ...(this.#inFlight?.waiters ?? [])];
    this.#queued.clear();
    this.#inFlight?.controller.abort();
    this.#inFlight = undefined;
    for (const waiter of waiters) {
      waiter.release();
      waiter.reject(cancelled());
    }
  }

  /** One reading at a time; the next begins once the last has ended and 5 s after it began. */
  #plan(): void {
    if (this.#disposed || this.#queued.size === 0 || this.#inFlight || this.#timer !== undefined) return;
    const wait = this.#lastBeganAt + USAGE_READ_GAP_MS - this.deps.clock.now();
    if (wait <= 0) return this.#begin();
    this.#timer = this.deps.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#begin();
    }, wait);
  }

  #begin(): void {
    if (this.#disposed || this.#queued.size === 0) return;
    const reading: Reading = { seq: ++this.#begun, controller: new AbortController(), waiters: new Set(this.#queued) };
    this.#queued.clear();
    this.#lastBeganAt = this.deps.clock.now();
    this.#inFlight = reading;
    this.#run(reading).then(undefined, () => undefined);
  }

  async #run(reading: Reading): Promise<void> {
    let outcome: { read: UsageRead } | { error: unknown };
    try {
      outcome = { read: await this.deps.read(reading.controller.signal) };
    } catch (error) {
      outcome = { error };
    }
    if (this.#inFlight === reading) this.#inFlight = undefined;
    for (const waiter of reading.waiters) {
      waiter.release();
      if ('read' in outcome) waiter.resolve({ read: outcome.read, seq: reading.seq });
      else waiter.reject(outcome.error);
    }
    reading.waiters.clear();
    this.#plan();
  }

  /** A caller that aborts leaves; the reading goes on for the others, and is cancelled only when none is left. */
  #leave(waiter: Waiter): void {
    waiter.release();
    if (this.#queued.delete(waiter) && this.#queued.size === 0) this.#clearTimer();
    const flight = this.#inFlight;
    if (!flight?.waiters.delete(waiter) || flight.waiters.size > 0) return;
    flight.controller.abort();
    this.#inFlight = undefined;
    this.#plan();
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function cancelled(): Error {
  return new Error('The usage reading was cancelled.');
}
