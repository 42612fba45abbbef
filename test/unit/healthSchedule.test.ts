import * as assert from 'node:assert/strict';
import { FAILING_RETRY_MS, HealthScheduler } from '../../src/core/check/healthSchedule';
import type { ScheduledHealth } from '../../src/core/check/healthSchedule';
import { FakeClock } from './fakes/clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The most checks that ran within any hour. */
function mostInAnHour(runs: readonly number[]): number {
  return Math.max(0, ...runs.map((t0) => runs.filter((t) => t >= t0 && t < t0 + HOUR).length));
}

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

  for (const intervalMs of [30_000, 5 * MINUTE, 24 * HOUR]) {
    it(`while failing, a check every minute whatever the interval (${intervalMs / 1000} s); then the interval again`, async () => {
      let health: ScheduledHealth = 'failing';
      const { clock, runs, scheduler } = setup({ intervalMs, health: () => health });
      scheduler.start();
      await clock.advance(30 * MINUTE);
      const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
      assert.deepEqual(new Set(gaps), new Set([FAILING_RETRY_MS]));
      assert.equal(FAILING_RETRY_MS, MINUTE);
      health = 'ok';
      const before = runs.length;
      await clock.advance(MINUTE + 2 * intervalMs);
      const last = runs.slice(before - 1);
      assert.equal(last[1]! - last[0]!, MINUTE, 'the next retry finds it healthy');
      assert.equal(last[2]! - last[1]!, intervalMs, 'healthy again: the normal interval');
    });
  }

  it('a pool back after 30 s, 10 min or 1 h down is green within a minute, whatever the moment it died', async () => {
    for (const outageMs of [30_000, 10 * MINUTE, HOUR]) {
      // Every 7 s between two healthy checks (7 and 300 share no factor: every phase of the retries is met).
      for (let diesAt = 5 * MINUTE + 7_000; diesAt < 10 * MINUTE; diesAt += 7_000) {
        const backAt = diesAt + outageMs;
        let checks = 0;
        const { clock, runs, scheduler } = setup({
          health: () => {
            checks++;
            return clock.now() >= diesAt && clock.now() < backAt ? 'failing' : 'ok';
          },
        });
        scheduler.start();
        await clock.advance(backAt + 2 * MINUTE);
        scheduler.dispose();
        const red = runs.some((t) => t >= diesAt && t < backAt);
        if (!red) continue; // never seen down: nothing to turn green
        const greenAt = runs.find((t) => t >= backAt)!;
        assert.ok(
          greenAt - backAt <= MINUTE,
          `died at ${diesAt}, down ${outageMs}: green after ${greenAt - backAt} ms`,
        );
        const whileDown = runs.filter((t) => t >= diesAt && t < backAt);
        assert.ok(mostInAnHour(whileDown) <= 60, `${mostInAnHour(whileDown)} checks in an hour while failing`);
        assert.equal(checks, runs.length);
      }
    }
  });
  it('a check that throws counts as failing and never stops the schedule', async () => {
    let throws = true;
    const { clock, runs, scheduler } = setup({ throws: () => throws });
    scheduler.start();
    await clock.advance(3 * MINUTE);
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

  it('on focus: a failing answer is checked again a minute after the last check, however often focus comes back', async () => {
    const { clock, runs, scheduler } = setup({ health: () => 'failing', intervalMs: HOUR });
    scheduler.start();
    await clock.advance(0);
    for (let i = 0; i < 10; i++) {
      scheduler.setFocused(false);
      await clock.advance(2_000);
      scheduler.setFocused(true);
      await clock.advance(1_000);
    }
    assert.deepEqual(runs, [0], 'focus going back and forth adds no check');
    await clock.advance(MINUTE - 30_000);
    assert.deepEqual(runs, [0, MINUTE]);
    scheduler.setFocused(false);
    await clock.advance(5 * MINUTE);
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.deepEqual(runs, [0, MINUTE, 6 * MINUTE], 'away longer than a minute: at once');
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

  it('over 24 hours of failure: at most 60 checks in any hour', async () => {
    const { clock, runs, scheduler } = setup({ health: () => 'failing' });
    scheduler.start();
    await clock.advance(24 * HOUR);
    assert.equal(mostInAnHour(runs), 60);
    assert.equal(runs.length, 24 * 60 + 1);
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
    assert.equal(scheduler.nextAt, 2 * MINUTE, 'the retry a minute after a failing answer');
    await clock.advance(MINUTE);
    assert.deepEqual(runs, [0, 2 * MINUTE]);
    scheduler.observe('ok');
    assert.equal(scheduler.nextAt, 2 * MINUTE + 5 * MINUTE);
  });
});
