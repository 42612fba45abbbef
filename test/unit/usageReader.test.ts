// One reader of GET /v1/usage per editor window: every watcher (the wizard's last step, the palette
// command) reads through it, so together they stay within one reading every 5 s, however often "Watch
// again" is pressed. A reading in flight is joined, a caller that aborts leaves at once without cancelling
// what others wait for, and a watcher's baseline is never a reading begun before its start or before the
// extension's own chat. Plain Node, fake clock over a fake usage counter.
import * as assert from 'node:assert/strict';
import { OwnTraffic } from '../../src/services/ownTraffic';
import { TraeWatch, WATCH_PERIOD_MS, type WatchState } from '../../src/services/traeWatch';
import { SharedUsageReader, USAGE_READ_GAP_MS } from '../../src/services/usageReader';
import { flush } from './fakes/async';
import { FakeClock } from './fakes/clock';
import { FakeUsage } from './fakes/usage';

const MINUTE = 60_000;

function world() {
  const clock = new FakeClock();
  const usage = new FakeUsage();
  /** When each reading began (clock time). */
  const began: number[] = [];
  const reader = new SharedUsageReader({
    clock,
    read: (signal) => {
      began.push(clock.now());
      return usage.read(signal);
    },
  });
  const own = new OwnTraffic(() => clock.now());
  const watcher = () => {
    const watch = new TraeWatch({ clock, usage: reader, ownTraffic: own });
    const states: WatchState[] = [];
    watch.onDidChange((s) => states.push(s));
    return { watch, arrived: () => states.some((s) => s.phase === 'arrived') };
  };
  return { clock, usage, began, reader, own, watcher };
}

/** The most readings that began within any 60 s. */
function mostInAMinute(times: readonly number[]): number {
  return Math.max(0, ...times.map((t0) => times.filter((t) => t >= t0 && t < t0 + MINUTE).length));
}

function shortestGap(times: readonly number[]): number {
  return Math.min(Infinity, ...times.slice(1).map((t, i) => t - times[i]!));
}

/** Settles `promise` into what it did, without waiting for anything else. */
function outcomeOf<T>(promise: Promise<T>): { readonly value?: T; readonly error?: unknown; settled: boolean } {
  const outcome: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  void promise.then(
    (value) => Object.assign(outcome, { value, settled: true }),
    (error: unknown) => Object.assign(outcome, { error, settled: true }),
  );
  return outcome;
}

describe('one reader of /v1/usage per window: the pace', () => {
  it('the wizard and the palette command watching together: readings 5 s apart at least, both see Trae', async () => {
    const w = world();
    const wizard = w.watcher();
    const palette = w.watcher();
    wizard.watch.start();
    await w.clock.advance(2_500);
    palette.watch.start();
    await w.clock.advance(5 * MINUTE);
    assert.ok(shortestGap(w.began) >= USAGE_READ_GAP_MS, `readings ${shortestGap(w.began)} ms apart`);
    assert.ok(mostInAMinute(w.began) <= 12, `${mostInAMinute(w.began)} readings in a minute`);
    assert.ok(mostInAMinute(w.began) >= 11, 'and it does keep reading');
    w.usage.served(57);
    await w.clock.advance(2 * WATCH_PERIOD_MS);
    assert.ok(wizard.arrived() && palette.arrived(), 'both saw the request');
    assert.equal(w.clock.pending(), 0, 'nothing left reading');
  });

  for (const [how, gapMs] of [
    ['in a burst', 0],
    ['every second', 1_000],
    ['every 3 s', 3_000],
  ] as const) {
    it(`"Watch again" pressed 20 times ${how}, the palette command watching too: at most 12 a minute`, async () => {
      const w = world();
      const wizard = w.watcher();
      const palette = w.watcher();
      wizard.watch.start();
      palette.watch.start();
      await w.clock.advance(MINUTE);
      for (let press = 0; press < 20; press++) {
        wizard.watch.start();
        await w.clock.advance(gapMs);
      }
      await w.clock.advance(2 * MINUTE);
      assert.ok(mostInAMinute(w.began) <= 12, `${mostInAMinute(w.began)} readings in a minute`);
      assert.ok(shortestGap(w.began) >= USAGE_READ_GAP_MS);
      assert.equal(w.usage.chats, 0, 'no chat');
      wizard.watch.dispose();
      palette.watch.dispose();
      assert.equal(w.clock.pending(), 0, 'nothing left reading');
    });
  }

  it('a reading in flight is joined: two callers, one request, the same answer', async () => {
    const w = world();
    w.usage.hold = true;
    const first = outcomeOf(w.reader.read(0, new AbortController().signal));
    const second = outcomeOf(w.reader.read(0, new AbortController().signal));
    assert.equal(w.usage.reads, 1);
    w.usage.release();
    await flush();
    assert.equal(first.value?.seq, 1);
    assert.deepEqual(second.value, first.value);
  });

  it('otherwise the next reading waits until 5 s after the last began', async () => {
    const w = world();
    await w.reader.read(0, new AbortController().signal);
    await w.clock.advance(1_000);
    const next = outcomeOf(w.reader.read(0, new AbortController().signal));
    await w.clock.advance(USAGE_READ_GAP_MS - 1_001);
    assert.equal(w.usage.reads, 1, 'not before 5 s');
    await w.clock.advance(1);
    await flush();
    assert.equal(w.usage.reads, 2);
    assert.equal(next.value?.seq, 2);
  });
});

describe('one reader of /v1/usage per window: callers that abort', () => {
  it('a caller that aborts gets its answer at once; the reading goes on for the others', async () => {
    const w = world();
    w.usage.hold = true;
    const leaving = new AbortController();
    const left = outcomeOf(w.reader.read(0, leaving.signal));
    const staying = outcomeOf(w.reader.read(0, new AbortController().signal));
    leaving.abort();
    await flush();
    assert.ok(left.settled && left.error instanceof Error, 'the aborting caller returned before the reading ended');
    assert.equal(w.usage.aborted, 0, 'the reading others wait for was not cancelled');
    w.usage.release();
    await flush();
    assert.equal(staying.value?.seq, 1);
  });

  it('when the last caller aborts, the request is cancelled; it still counts for the pace', async () => {
    const w = world();
    w.usage.hold = true;
    const caller = new AbortController();
    const outcome = outcomeOf(w.reader.read(0, caller.signal));
    caller.abort();
    await flush();
    assert.ok(outcome.settled);
    assert.equal(w.usage.aborted, 1);
    w.usage.hold = false;
    const next = outcomeOf(w.reader.read(0, new AbortController().signal));
    assert.equal(w.usage.reads, 1, 'the next one waits its 5 s');
    await w.clock.advance(USAGE_READ_GAP_MS);
    await flush();
    assert.equal(next.value?.seq, 2);
  });

  it('a caller waiting for its turn that aborts leaves at once and leaves no timer', async () => {
    const w = world();
    await w.reader.read(0, new AbortController().signal);
    const caller = new AbortController();
    const outcome = outcomeOf(w.reader.read(1, caller.signal));
    assert.equal(w.clock.pending(), 1);
    caller.abort();
    await flush();
    assert.ok(outcome.settled && outcome.error);
    assert.equal(w.clock.pending(), 0);
    await w.clock.advance(MINUTE);
    assert.equal(w.usage.reads, 1);
  });

  it('dispose (the window closes): every caller is answered, nothing is left reading', async () => {
    const w = world();
    w.usage.hold = true;
    const inFlight = outcomeOf(w.reader.read(0, new AbortController().signal));
    const queued = outcomeOf(w.reader.read(1, new AbortController().signal));
    w.reader.dispose();
    await flush();
    assert.ok(inFlight.error && queued.error);
    assert.equal(w.usage.aborted, 1);
    assert.equal(w.clock.pending(), 0);
    await assert.rejects(w.reader.read(0, new AbortController().signal));
  });
});

describe('one reader of /v1/usage per window: baselines stay honest', () => {
  it('"Watch again" while another watcher\'s reading is in flight: the baseline is a reading begun after the press', async () => {
    const w = world();
    const wizard = w.watcher();
    const palette = w.watcher();
    wizard.watch.start();
    palette.watch.start();
    await flush();
    w.usage.hold = true;
    await w.clock.advance(WATCH_PERIOD_MS);
    assert.equal(w.usage.heldReads, 1, 'one reading in flight, for both');
    w.usage.served(57); // before the press: not to be claimed by the fresh watch
    wizard.watch.start();
    await flush();
    w.usage.hold = false;
    w.usage.release('begun'); // answered as the counter was when that reading began
    await flush();
    await w.clock.advance(4 * WATCH_PERIOD_MS);
    assert.equal(wizard.arrived(), false, 'what came before "Watch again" is not claimed');
    assert.equal(palette.arrived(), true, 'the palette, watching since before, saw it');
  });

  it('a reading begun before our own chat, still in flight after it settled, is not joined (it would be a stale baseline)', async () => {
    const w = world();
    const wizard = w.watcher();
    const palette = w.watcher();
    w.usage.hold = true;
    palette.watch.start(); // reading 1 at 0 s
    await w.clock.advance(1_000);
    wizard.watch.start(); // waits for reading 1 to end
    await flush();
    await w.clock.advance(2_000);
    w.usage.release(); // at 3 s: the palette's baseline, its next tick at 8 s; reading 2 begins at 5 s for the wizard
    await flush();
    await w.clock.advance(2_000);
    assert.equal(w.usage.heldReads, 1, 'reading 2 in flight, for the wizard alone');
    await w.clock.advance(500);
    const endOwn = w.own.begin(); // Check Connection: our own chat, counted when it ends
    w.usage.served(12);
    await w.clock.advance(500);
    endOwn();
    await w.clock.advance(4_000); // settled at 9 s; the palette asks at 9 s while reading 2 is in flight
    w.usage.hold = false;
    w.usage.release('begun'); // reading 2 says what the counter was before our own chat
    await flush();
    await w.clock.advance(6 * WATCH_PERIOD_MS);
    assert.equal(palette.arrived(), false, 'our own chat is never Trae');
    assert.equal(wizard.arrived(), false);
    w.usage.served(57);
    await w.clock.advance(2 * WATCH_PERIOD_MS);
    assert.ok(palette.arrived() && wizard.arrived(), 'Trae after it is');
  });
});
