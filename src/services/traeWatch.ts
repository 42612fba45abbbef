// Watching the pool for Trae's first request, for free: GET /v1/usage every 5 s while someone looks (the
// wizard's last step, or a progress notification), never a chat. Every watcher of a window reads through
// the window's one SharedUsageReader (usageReader.ts), so two watchers and "Watch again" share its pace.
// It takes its baseline once the extension's own chats have ended and settled, from a reading begun after
// that (and after start()), stops at the first request that arrives, after 10 minutes, or when stopped
// (the step hidden, the panel closed). A count that goes down, a reading that fails, or a change of the
// setup takes a new baseline and never makes a claim. After 2 minutes without a request it says so
// (`quiet`), so the page can offer the checklist. No `vscode`.
import type { Clock } from '../core/check/healthSchedule';
import { UsageWitness } from '../core/check/usageWitness';
import type { Msg } from '../core/text/messages';
import { Emitter, type Disposable, type Event } from './events';
import type { OwnTraffic } from './ownTraffic';
import type { ConnectionSettings } from './ports';
import { sameConnection } from './traeFindings';
import { USAGE_READ_GAP_MS, type UsageRead, type UsageReadings } from './usageReader';

export const WATCH_PERIOD_MS = USAGE_READ_GAP_MS;
export const WATCH_LIMIT_MS = 10 * 60_000;
export const WATCH_QUIET_MS = 2 * 60_000;
/** After the extension's own chat ends, the pool settles it within seconds: the baseline waits this long. */
export const OWN_TRAFFIC_SETTLE_MS = 3_000;

export type WatchState =
  | { readonly phase: 'idle' }
  /** Waiting for the extension's own chats to end and settle before the baseline. */
  | { readonly phase: 'settling' }
  | {
      readonly phase: 'waiting';
      /** When watching began (clock time). */
      readonly since: number;
      /** Two minutes without a request: time for the checklist. */
      readonly quiet: boolean;
      /** The last reading failed (the baseline is taken again from the next one). */
      readonly problem?: Msg;
    }
  | {
      readonly phase: 'arrived';
      readonly at: number;
      readonly requests: number;
      readonly tokens: number;
      readonly target: ConnectionSettings;
      readonly keyFingerprint: string;
    }
  /** Ten minutes without a request: stopped. */
  | { readonly phase: 'timedOut' };

export interface TraeWatchDeps {
  readonly clock: Clock;
  /** The window's one reader, shared by every watcher. */
  readonly usage: UsageReadings;
  readonly ownTraffic: Pick<OwnTraffic, 'busy' | 'lastEndedAt' | 'onDidChange'>;
}

export class TraeWatch implements Disposable {
  readonly #changed = new Emitter<WatchState>();
  readonly onDidChange: Event<WatchState> = this.#changed.event;
  readonly #witness = new UsageWitness();
  #state: WatchState = { phase: 'idle' };
  #startedAt = 0;
  #timer: unknown;
  #reading: AbortController | undefined;
  #baseline: { target: ConnectionSettings; keyFingerprint: string } | undefined;
  #ownTraffic: Disposable | undefined;
  /** Bumps when the extension's own chat starts or ends: a reading begun before that says nothing. */
  #epoch = 0;
  /** The reader's count of readings begun at start() or the last own chat's change: only later ones count. */
  #freshAfter = 0;

  constructor(private readonly deps: TraeWatchDeps) {}

  get state(): WatchState {
    return this.#state;
  }

  get watching(): boolean {
    return this.#state.phase === 'settling' || this.#state.phase === 'waiting';
  }

  /** Starts (or starts again) watching from a fresh baseline. */
  start(): void {
    this.stop();
    this.#startedAt = this.deps.clock.now();
    this.#freshAfter = this.deps.usage.begun;
    this.#witness.forget();
    this.#ownTraffic = this.deps.ownTraffic.onDidChange(() => this.#ownTrafficChanged());
    this.#set({ phase: 'settling' });
    void this.#tick();
  }

  /** Stops reading (the step was left or hidden, the panel closed); the last state stays readable. */
  stop(): void {
    this.#halt();
    if (this.watching) this.#set({ phase: 'idle' });
  }

  dispose(): void {
    this.stop();
    this.#changed.dispose();
  }

  #ownTrafficChanged(): void {
    if (!this.watching) return;
    // The extension's own chat moves the counter too: a new baseline once it has ended and settled.
    this.#epoch++;
    this.#freshAfter = this.deps.usage.begun;
    this.#witness.forget();
    this.#baseline = undefined;
    this.#set({ phase: 'settling' });
  }

  #schedule(ms: number): void {
    this.#timer = this.deps.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#tick();
    }, ms);
  }

  async #tick(): Promise<void> {
    if (!this.watching) return;
    const now = this.deps.clock.now();
    if (now - this.#startedAt >= WATCH_LIMIT_MS) return this.#end({ phase: 'timedOut' });
    const own = this.deps.ownTraffic;
    const settledAt = (own.lastEndedAt ?? -Infinity) + OWN_TRAFFIC_SETTLE_MS;
    if (own.busy || now < settledAt) {
      this.#set({ phase: 'settling' });
      return this.#schedule(own.busy ? WATCH_PERIOD_MS : Math.max(0, settledAt - now));
    }
    const reading = new AbortController();
    this.#reading = reading;
    const epoch = this.#epoch;
    const after = this.#freshAfter;
    const stamped = await this.deps.usage.read(after, reading.signal).catch(() => undefined);
    if (this.#reading !== reading || reading.signal.aborted) return;
    this.#reading = undefined;
    // A reading joined in flight counts only if it began after the baseline's mark (the reader promises it).
    if (epoch === this.#epoch && (!stamped || stamped.seq > after)) this.#observe(stamped?.read);
    if (this.watching) this.#schedule(WATCH_PERIOD_MS);
  }

  #observe(read: UsageRead | undefined): void {
    const now = this.deps.clock.now();
    const quiet = now - this.#startedAt >= WATCH_QUIET_MS;
    if (!read?.ok) {
      this.#witness.forget();
      this.#baseline = undefined;
      return this.#set({ phase: 'waiting', since: this.#startedAt, quiet, ...(read ? { problem: read.problem } : {}) });
    }
    const base = this.#baseline;
    if (base && (base.keyFingerprint !== read.keyFingerprint || !sameConnection(base.target, read.target))) {
      // Another setup or key than the baseline's: the counters belong to something else now.
      this.#witness.forget();
    }
    this.#baseline = { target: read.target, keyFingerprint: read.keyFingerprint };
    const step = this.#witness.observe(read.reading);
    if (step.kind === 'arrived') {
      return this.#end({ phase: 'arrived', at: now, requests: step.requests, tokens: step.tokens, ...this.#baseline });
    }
    this.#set({ phase: 'waiting', since: this.#startedAt, quiet });
  }

  /** Found, or given up: straight to that state (a listener never sees 'idle' in between). */
  #end(state: WatchState): void {
    this.#halt();
    this.#set(state);
  }

  #halt(): void {
    if (this.#timer !== undefined) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#reading?.abort();
    this.#reading = undefined;
    this.#ownTraffic?.dispose();
    this.#ownTraffic = undefined;
  }

  #set(state: WatchState): void {
    if (JSON.stringify(state) === JSON.stringify(this.#state)) return;
    this.#state = state;
    this.#changed.fire(state);
  }
}
