// A fake clock for the health schedule: time moves only when a test says so, timers fire in order,
// and work a timer starts (a check, maybe over real HTTP) is awaited before time moves on.
import type { Clock } from '../../../src/core/check/healthSchedule';

export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  /** Work started by the last timer; advance() waits for it. */
  private inFlight: Promise<unknown> | undefined;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  pending(): number {
    return this.timers.size;
  }

  /** Wraps a job so advance() waits for it before firing the next timer. */
  track<T>(job: () => Promise<T>): () => Promise<T> {
    return () => {
      const promise = job();
      this.inFlight = promise;
      return promise;
    };
  }

  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
      await this.settle();
    }
    this.time = end;
  }

  private async settle(): Promise<void> {
    for (let i = 0; i < 10; i++) await Promise.resolve();
    while (this.inFlight) {
      const current = this.inFlight;
      await current.catch(() => undefined);
      if (this.inFlight === current) this.inFlight = undefined;
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
  }
}
