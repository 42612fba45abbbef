import * as assert from 'node:assert/strict';
import { HealthScheduler } from '../../src/core/healthSchedule';
import type { Health } from '../../src/core/diagnosis';
import { FakeClock } from './fakeClock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup(options: { intervalMs?: number; focused?: boolean; health?: () => Health | 'notSetUp'; runMs?: number } = {}) {
  const clock = new FakeClock();
  const runs: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const scheduler = new HealthScheduler({
    intervalMs: options.intervalMs ?? 5 * MINUTE,
    maxBackoffMs: HOUR,
    clock,
    focused: options.focused ?? true,
    run: async () => {
      runs.push(clock.now());
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (options.runMs) await new Promise<void>((resolve) => clock.setTimeout(resolve, options.runMs!));
      inFlight--;
      return options.health?.() ?? 'ok';
    },
  });
  return { clock, runs, scheduler, maxInFlight: () => maxInFlight };
}

describe('background health schedule (fake clock)', () => {
  it('runs once after start, then every interval', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(0);
    assert.deepEqual(runs, [0]);
    await clock.advance(16 * MINUTE);
    assert.deepEqual(runs, [0, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE]);
  });

  it('over a simulated 24 hours, healthy: exactly one check per interval plus the first', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(24 * HOUR);
    assert.equal(runs.length, 24 * 12 + 1);
  });

  it('backs off exponentially while failing, capped, and recovers', async () => {
    let health: Health = 'failing';
    const { clock, runs, scheduler } = setup({ health: () => health });
    scheduler.start();
    await clock.advance(4 * HOUR);
    const gaps = runs.slice(1).map((t, i) => (t - runs[i]!) / MINUTE);
    assert.deepEqual(gaps.slice(0, 6), [5, 10, 20, 40, 60, 60]);
    health = 'ok';
    const before = runs.length;
    await clock.advance(HOUR);
    const last = runs.slice(before - 1);
    assert.equal((last[1]! - last[0]!) / MINUTE, 60, 'the first healthy result was found at the backed-off time');
    assert.equal((last[2]! - last[1]!) / MINUTE, 5, 'then the normal interval again');
  });

  it('over 24 hours of failure, it backs off to at most one check an hour', async () => {
    const { clock, runs, scheduler } = setup({ health: () => 'failing' });
    scheduler.start();
    await clock.advance(24 * HOUR);
    assert.ok(runs.length <= 5 + 24, `${runs.length} checks`);
    assert.ok(runs.length >= 20, `${runs.length} checks`);
  });

  it('degraded is not failing: no backoff', async () => {
    const { clock, runs, scheduler } = setup({ health: () => 'degraded' });
    scheduler.start();
    await clock.advance(HOUR);
    assert.equal(runs.length, 13);
  });

  it('never runs while the window is unfocused; what fell due runs on focus', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(1 * MINUTE);
    scheduler.setFocused(false);
    await clock.advance(10 * HOUR);
    assert.deepEqual(runs, [0]);
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.equal(runs.length, 2);
    assert.equal(runs[1], 10 * HOUR + MINUTE);
  });

  it('a 24-hour day with the window away at night', async () => {
    const { clock, runs, scheduler } = setup({ intervalMs: 10 * MINUTE });
    scheduler.start();
    await clock.advance(8 * HOUR);
    scheduler.setFocused(false);
    const atBlur = runs.length;
    await clock.advance(14 * HOUR);
    assert.equal(runs.length, atBlur, 'zero checks while unfocused');
    scheduler.setFocused(true);
    await clock.advance(2 * HOUR);
    assert.equal(runs.length, atBlur + 1 + 12);
  });

  it('focus back before the next check is due keeps the plan', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(MINUTE);
    scheduler.setFocused(false);
    await clock.advance(MINUTE);
    scheduler.setFocused(true);
    await clock.advance(2 * MINUTE);
    assert.deepEqual(runs, [0]);
    await clock.advance(MINUTE);
    assert.deepEqual(runs, [0, 5 * MINUTE]);
  });

  it('a trigger runs at once, and a trigger during a run queues exactly one more (no overlap)', async () => {
    const { clock, runs, scheduler, maxInFlight } = setup({ runMs: 2000 });
    scheduler.start();
    await clock.advance(100);
    scheduler.trigger();
    scheduler.trigger();
    scheduler.trigger();
    await clock.advance(10_000);
    assert.deepEqual(runs, [0, 2000]);
    assert.equal(maxInFlight(), 1);
  });

  it('a trigger while unfocused waits for focus', async () => {
    const { clock, runs, scheduler } = setup({ focused: false });
    scheduler.start();
    scheduler.trigger();
    await clock.advance(HOUR);
    assert.deepEqual(runs, []);
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.deepEqual(runs, [HOUR]);
  });

  it('interval 0: no startup or periodic checks, but a change still checks once', async () => {
    const { clock, runs, scheduler } = setup({ intervalMs: 0 });
    scheduler.start();
    await clock.advance(HOUR);
    assert.deepEqual(runs, []);
    scheduler.trigger();
    await clock.advance(HOUR);
    assert.deepEqual(runs, [HOUR]);
    assert.equal(clock.pending(), 0);
  });

  it('changing the interval reschedules from now', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(MINUTE);
    scheduler.setIntervalMs(30_000);
    await clock.advance(61_000);
    assert.deepEqual(runs, [0, MINUTE + 30_000, MINUTE + 60_000]);
  });

  it('dispose stops everything', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(0);
    scheduler.dispose();
    scheduler.trigger();
    await clock.advance(HOUR);
    assert.deepEqual(runs, [0]);
  });
});
