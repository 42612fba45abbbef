// When background health runs: once after startup, on every change of settings or key, and every
// interval; never two at once; while failing, once a minute whatever the interval (a pool that is back is
// seen within a minute, after any outage, for at most 60 free checks an hour); paused while the window is
// not focused, and on focus an answer older than its next check is checked again at once. A check that
// throws never stops the schedule. Time comes from an injectable clock.
import type { Health } from './diagnosis';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What one background check found; 'unknown': it ended without an answer (cancelled). */
export type ScheduledHealth = Health | 'notSetUp' | 'unknown';

export interface HealthScheduleOptions {
  /** 0 turns background checks off: no startup, periodic or focus checks; a change still checks once. */
  readonly intervalMs: number;
  readonly clock: Clock;
  /** Runs one background check and says what it found. */
  readonly run: () => Promise<ScheduledHealth>;
  readonly focused: boolean;
  /** Called whenever the plan (the next due time) changes, for "next check in …". */
  readonly onPlan?: () => void;
}

export const MIN_INTERVAL_SECONDS = 30;
export const MAX_INTERVAL_SECONDS = 86_400;
export const DEFAULT_INTERVAL_SECONDS = 300;
/**
 * The retry after a failing answer, whatever the interval: green at most a minute after the pool is back,
 * and at most 60 checks an hour (a shorter first retry would make it 61 in some hour).
 */
export const FAILING_RETRY_MS = 60_000;

export class HealthScheduler {
  #intervalMs: number;
  #focused: boolean;
  #timer: unknown;
  #running = false;
  #rerunRequested = false;
  #dueWhileUnfocused = false;
  #failures = 0;
  #nextAt: number | undefined;
  #lastRunAt: number | undefined;
  #disposed = false;

  readonly #options: HealthScheduleOptions;

  constructor(options: HealthScheduleOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs;
    this.#focused = options.focused;
  }

  /** When the next check is due (clock time), if one is planned. */
  get nextAt(): number | undefined {
    return this.#nextAt;
  }

  /** False when background checks are off (interval 0). */
  get enabled(): boolean {
    return this.#intervalMs > 0;
  }

  get running(): boolean {
    return this.#running;
  }

  /** After startup: the first check, unless background checks are off. */
  start(): void {
    if (this.#intervalMs > 0) this.#planIn(0);
  }

  /** Settings or key changed: check now (or as soon as the running check ends / focus returns). */
  trigger(): void {
    if (this.#disposed) return;
    if (this.#running) {
      this.#rerunRequested = true;
      return;
    }
    this.#planIn(0);
  }

  setIntervalMs(intervalMs: number): void {
    this.#intervalMs = intervalMs;
    if (!this.#running) this.#planAfterRun();
  }

  setFocused(focused: boolean): void {
    if (this.#focused === focused || this.#disposed) return;
    this.#focused = focused;
    if (!focused) {
      // Keep nextAt: what falls due while away runs when the window comes back.
      this.#clearTimer();
      return;
    }
    const now = this.#options.clock.now();
    // Failing: a minute after the last check, not at once (focus going back and forth adds no checks).
    const outdated =
      this.#intervalMs > 0 &&
      (this.#lastRunAt === undefined || now - this.#lastRunAt >= this.#delayAfter(this.#failures));
    if (this.#running) return;
    if (this.#dueWhileUnfocused || outdated || (this.#nextAt !== undefined && this.#nextAt <= now)) {
      this.#dueWhileUnfocused = false;
      this.#planIn(0);
    } else if (this.#nextAt !== undefined) {
      this.#arm(this.#nextAt - now);
    }
  }

  /**
   * An answer found outside the schedule (Check Connection): it counts like the schedule's own, so a
   * failing one is retried soon and a healthy one waits a full interval.
   */
  observe(health: ScheduledHealth): void {
    if (this.#disposed || health === 'unknown') return;
    this.#record(health);
    if (!this.#running) this.#planAfterRun();
  }

  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
  }

  #record(health: ScheduledHealth): void {
    this.#lastRunAt = this.#options.clock.now();
    if (health === 'unknown') return;
    this.#failures = health === 'failing' ? this.#failures + 1 : 0;
  }

  #planIn(ms: number): void {
    this.#nextAt = this.#options.clock.now() + ms;
    if (this.#focused) this.#arm(ms);
    else this.#dueWhileUnfocused = ms === 0 || this.#dueWhileUnfocused;
    this.#options.onPlan?.();
  }

  #arm(ms: number): void {
    this.#clearTimer();
    this.#timer = this.#options.clock.setTimeout(() => void this.#runNow(), Math.max(0, ms));
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #runNow(): Promise<void> {
    this.#timer = undefined;
    if (this.#disposed || this.#running) return;
    if (!this.#focused) {
      this.#dueWhileUnfocused = true;
      return;
    }
    this.#running = true;
    this.#nextAt = undefined;
    this.#options.onPlan?.();
    let health: ScheduledHealth;
    try {
      health = await this.#options.run();
    } catch {
      // A check that throws is a failing answer, never the end of the schedule.
      health = 'failing';
    }
    this.#running = false;
    if (this.#disposed) return;
    this.#record(health);
    if (this.#rerunRequested) {
      this.#rerunRequested = false;
      this.#planIn(0);
      return;
    }
    this.#planAfterRun();
  }

  #planAfterRun(): void {
    if (this.#intervalMs <= 0) {
      this.#nextAt = undefined;
      this.#clearTimer();
      this.#options.onPlan?.();
      return;
    }
    this.#planIn(this.#delayAfter(this.#failures));
  }

  /** The interval while healthy; while failing, a minute. */
  #delayAfter(failures: number): number {
    return failures === 0 ? this.#intervalMs : FAILING_RETRY_MS;
  }
}
