import * as assert from 'node:assert/strict';
import { HealthScheduler } from '../../src/core/check/healthSchedule';
import type { ScheduledHealth } from '../../src/core/check/healthSchedule';
import { FakeClock } from './fakes/clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup(
  options: {
    intervalMs?: number;
    focused?: boolean;
    health?: () => ScheduledHealth;
    runMs?: number;
    throws?: () => boolean;
  } = {},
) {
  const clock = new FakeClock();
  const runs: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const scheduler = new HealthScheduler({
    intervalMs: options.intervalMs ?? 5 * MINUTE,
    clock,
    focused: options.focused ?? true,
    run: async () => {
      runs.push(clock.now());
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (options.runMs) await new Promise<void>((resolve) => clock.setTimeout(resolve, options.runMs!));
      inFlight--;
      if (options.throws?.()) throw new Error('secret storage failed');
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

  it('while failing, retries start fast and back off gently, never past the interval; then the interval again', async () => {
    let health: ScheduledHealth = 'failing';
    const { clock, runs, scheduler } = setup({ health: () => health });
    scheduler.start();
    await clock.advance(30 * MINUTE);
    const gaps = runs.slice(1).map((t, i) => (t - runs[i]!) / 1000);
    assert.deepEqual(gaps.slice(0, 8), [10, 20, 30, 60, 120, 300, 300, 300]);
    health = 'ok';
    const before = runs.length;
    await clock.advance(HOUR);
    const last = runs.slice(before - 1);
    assert.equal((last[2]! - last[1]!) / MINUTE, 5, 'healthy again: the normal interval');
  });

  it('a pool that comes back within a minute is seen within about a minute', async () => {
    let health: ScheduledHealth = 'ok';
    const { clock, runs, scheduler } = setup({ health: () => health });
    scheduler.start();
    await clock.advance(4 * MINUTE);
    health = 'failing';
    await clock.advance(MINUTE + 1);
    assert.equal(runs[runs.length - 1], 5 * MINUTE, 'the failure is seen at the next check');
    await clock.advance(59_000);
    health = 'ok';
    const backAt = clock.now();
    await clock.advance(2 * MINUTE);
    const greenAt = runs.find((t) => t >= backAt)!;
    assert.ok(greenAt - backAt <= 61_000, `green ${(greenAt - backAt) / 1000} s after the pool came back`);
  });

  it('the failing retries never exceed a short interval', async () => {
    const { clock, runs, scheduler } = setup({ intervalMs: 30_000, health: () => 'failing' });
    scheduler.start();
    await clock.advance(5 * MINUTE);
    const gaps = runs.slice(1).map((t, i) => (t - runs[i]!) / 1000);
    assert.deepEqual(gaps.slice(0, 5), [10, 20, 30, 30, 30]);
  });

  it('a check that throws counts as failing and never stops the schedule', async () => {
    let throws = true;
    const { clock, runs, scheduler } = setup({ throws: () => throws });
    scheduler.start();
    await clock.advance(MINUTE);
    assert.ok(runs.length >= 4, `${runs.length} checks after a throwing one`);
    throws = false;
    await clock.advance(10 * MINUTE);
    assert.ok(runs.length >= 6);
    assert.notEqual(scheduler.nextAt, undefined, 'a next check is planned');
  });

  it('a cancelled check (unknown) keeps the plan going without counting as a failure', async () => {
    let health: ScheduledHealth = 'unknown';
    const { clock, runs, scheduler } = setup({ health: () => health });
    scheduler.start();
    await clock.advance(0);
    health = 'ok';
    await clock.advance(5 * MINUTE);
    assert.deepEqual(runs, [0, 5 * MINUTE]);
  });

  it('on focus: a failing answer is checked again at once', async () => {
    const { clock, runs, scheduler } = setup({ health: () => 'failing', intervalMs: HOUR });
    scheduler.start();
    await clock.advance(0);
    scheduler.setFocused(false);
    await clock.advance(5_000);
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.deepEqual(runs, [0, 5_000]);
  });

  it('on focus: an answer older than the period is checked again, a fresh one is not', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(0);
    scheduler.setFocused(false);
    await clock.advance(MINUTE);
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.deepEqual(runs, [0], 'fresh: no extra check');
    scheduler.setFocused(false);
    await clock.advance(5 * MINUTE);
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.deepEqual(runs, [0, 6 * MINUTE]);
  });

  it('says when the next check is due', async () => {
    let plans = 0;
    const clock = new FakeClock();
    const scheduler = new HealthScheduler({
      intervalMs: 5 * MINUTE,
      clock,
      focused: true,
      run: async () => 'ok',
      onPlan: () => plans++,
    });
    scheduler.start();
    await clock.advance(0);
    assert.equal(scheduler.nextAt, 5 * MINUTE);
    assert.ok(plans >= 2);
    scheduler.setIntervalMs(0);
    assert.equal(scheduler.nextAt, undefined);
    assert.equal(scheduler.enabled, false);
  });

  it('over 24 hours of failure: at most the healthy rate (one check per interval) plus the first retries', async () => {
    const { clock, runs, scheduler } = setup({ health: () => 'failing' });
    scheduler.start();
    await clock.advance(24 * HOUR);
    assert.ok(runs.length <= 24 * 12 + 6, `${runs.length} checks`);
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

  it('interval 0: no startup, periodic or focus checks, but a change still checks once', async () => {
    const { clock, runs, scheduler } = setup({ intervalMs: 0 });
    scheduler.start();
    await clock.advance(HOUR);
    scheduler.setFocused(false);
    scheduler.setFocused(true);
    await clock.advance(HOUR);
    assert.deepEqual(runs, []);
    scheduler.trigger();
    await clock.advance(HOUR);
    assert.deepEqual(runs, [2 * HOUR]);
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

describe('background health schedule: answers from outside the schedule', () => {
  it('a failing Check Connection is retried soon in the background; a healthy one waits the interval', async () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    const scheduler = new HealthScheduler({
      intervalMs: 5 * MINUTE,
      clock,
      focused: true,
      run: async () => (runs.push(clock.now()), 'ok'),
    });
    scheduler.start();
    await clock.advance(MINUTE);
    scheduler.observe('failing');
    assert.equal(scheduler.nextAt, MINUTE + 10_000, 'the first retry 10 s after a failing answer');
    await clock.advance(10_000);
    assert.deepEqual(runs, [0, MINUTE + 10_000]);
    scheduler.observe('ok');
    assert.equal(scheduler.nextAt, MINUTE + 10_000 + 5 * MINUTE);
  });
});
