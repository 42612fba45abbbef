// When background health runs: once after startup, on every change of settings or key, and every
// interval; never two at once; backing off exponentially while failing; paused while the window is
// not focused (what fell due meanwhile runs on focus). Time comes from an injectable clock.
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

export interface HealthScheduleOptions {
  /** 0 turns periodic and startup checks off; changes still trigger one. */
  readonly intervalMs: number;
  /** Upper bound of the backoff while failing. */
  readonly maxBackoffMs: number;
  readonly clock: Clock;
  /** Runs one background check; resolves with the resulting health (never rejects). */
  readonly run: () => Promise<Health | 'notSetUp'>;
  readonly focused: boolean;
}

export const MIN_INTERVAL_SECONDS = 30;
export const MAX_INTERVAL_SECONDS = 86_400;
export const DEFAULT_INTERVAL_SECONDS = 300;

export class HealthScheduler {
  #intervalMs: number;
  #focused: boolean;
  #timer: unknown;
  #running = false;
  #rerunRequested = false;
  #dueWhileUnfocused = false;
  #failures = 0;
  #nextAt: number | undefined;
  #disposed = false;

  readonly #options: HealthScheduleOptions;

  constructor(options: HealthScheduleOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs;
    this.#focused = options.focused;
  }

  /** After startup: the first check, unless periodic checks are off. */
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
    if (this.#focused === focused) return;
    this.#focused = focused;
    if (!focused) {
      // Keep nextAt: what falls due while away runs when the window comes back.
      this.#clearTimer();
      return;
    }
    if (this.#dueWhileUnfocused || (this.#nextAt !== undefined && this.#nextAt <= this.#options.clock.now())) {
      this.#dueWhileUnfocused = false;
      this.#planIn(0);
    } else if (this.#nextAt !== undefined) {
      this.#arm(this.#nextAt - this.#options.clock.now());
    }
  }


  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
  }

  #planIn(ms: number): void {
    this.#nextAt = this.#options.clock.now() + ms;
    if (this.#focused) this.#arm(ms);
    else this.#dueWhileUnfocused = ms === 0 || this.#dueWhileUnfocused;
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
    let health: Health | 'notSetUp' = 'failing';
    try {
      health = await this.#options.run();
    } finally {
      this.#running = false;
    }
    if (this.#disposed) return;
    this.#failures = health === 'failing' ? this.#failures + 1 : 0;
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
      return;
    }
    this.#planIn(this.#delayAfter(this.#failures));
  }

  /** interval, then interval x2, x4 ... while failing, capped. */
  #delayAfter(failures: number): number {
    if (failures <= 1) return this.#intervalMs;
    const cap = Math.max(this.#intervalMs, this.#options.maxBackoffMs);
    return Math.min(this.#intervalMs * 2 ** Math.min(failures - 1, 30), cap);
  }
}
