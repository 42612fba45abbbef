// The Trae watch at its edges (npm run mutation found these untested, docs/mutation.md): the exact moments of
// "quiet" and of the 10-minute limit, the settle time after the extension's own chat, a reading cancelled
// (not just ignored) when the watch stops, each state said once, and the last state kept after a stop.
import * as assert from 'node:assert/strict';
import { OwnTraffic } from '../../src/services/ownTraffic';
import {
  OWN_TRAFFIC_SETTLE_MS,
  TraeWatch,
  WATCH_LIMIT_MS,
  WATCH_PERIOD_MS,
  WATCH_QUIET_MS,
  type WatchState,
} from '../../src/services/traeWatch';
import { SharedUsageReader, USAGE_READ_GAP_MS, type UsageRead } from '../../src/services/usageReader';
import { flush } from './fakes/async';
import { FakeClock } from './fakes/clock';
import { FakeUsage, watchOver } from './fakes/usage';

function setup() {
  const usage = new FakeUsage();
  const signals: AbortSignal[] = [];
  const readUsage = (signal: AbortSignal): Promise<UsageRead> => {
    signals.push(signal);
    return usage.read(signal);
  };
  const { clock, own, watch } = watchOver(readUsage);
  const states: WatchState[] = [];
  watch.onDidChange((s) => states.push(s));
  return { clock, usage, own, watch, states, signals };
}

describe('Trae confirmed: the watch at its edges', () => {
  it("idle before it starts; quiet and the 10-minute limit count from the start, not from the clock's zero", async () => {
    const t = setup();
    assert.deepEqual(t.watch.state, { phase: 'idle' });
    assert.equal(t.watch.watching, false);
    await t.clock.advance(60 * 60_000);
    t.watch.start();
    await flush();
    await t.clock.advance(WATCH_PERIOD_MS);
    const early = t.watch.state;
    assert.ok(early.phase === 'waiting' && !early.quiet && early.since === 60 * 60_000, JSON.stringify(early));
    await t.clock.advance(WATCH_QUIET_MS);
    const later = t.watch.state;
    assert.ok(later.phase === 'waiting' && later.quiet);
    t.watch.dispose();
  });

  it('"quiet" from exactly two minutes after the start, not a reading later', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    await t.clock.advance(WATCH_QUIET_MS - WATCH_PERIOD_MS);
    const before = t.watch.state;
    assert.ok(before.phase === 'waiting' && !before.quiet, 'not quiet one reading before');
    await t.clock.advance(WATCH_PERIOD_MS);
    const at = t.watch.state;
    assert.ok(at.phase === 'waiting' && at.quiet, 'quiet at two minutes');
    t.watch.dispose();
  });

  it('stops at exactly 10 minutes: no reading at that moment, one every 5 s before it', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    await t.clock.advance(WATCH_LIMIT_MS - 1);
    assert.equal(t.watch.state.phase, 'waiting');
    await t.clock.advance(1);
    assert.equal(t.watch.state.phase, 'timedOut');
    assert.equal(t.usage.reads, WATCH_LIMIT_MS / WATCH_PERIOD_MS);
    assert.equal(t.clock.pending(), 0);
  });

  it("the baseline is read exactly when the extension's own chat has settled, and not a moment before", async () => {
    const t = setup();
    const endOwn = t.own.begin();
    t.watch.start();
    await flush();
    // Ends between two looks (at 5 s and 10 s): the look at 10 s waits for the rest of the settle time.
    await t.clock.advance(8_000);
    endOwn();
    await t.clock.advance(OWN_TRAFFIC_SETTLE_MS - 1);
    assert.equal(t.usage.reads, 0);
    assert.equal(t.watch.state.phase, 'settling');
    await t.clock.advance(1);
    assert.equal(t.usage.reads, 1, 'read at once when settled');
    assert.equal(t.watch.state.phase, 'waiting');
    t.watch.dispose();
  });

  it('while its own chat runs the watch looks again every 5 s (and reads nothing)', async () => {
    const t = setup();
    const endOwn = t.own.begin();
    t.watch.start();
    await flush();
    assert.equal(t.clock.pending(), 1, 'one timer');
    await t.clock.advance(WATCH_PERIOD_MS - 1);
    assert.equal(t.clock.pending(), 1, 'still the same timer before 5 s');
    endOwn();
    await t.clock.advance(1);
    // The check at 5 s sees the chat ended just now: it waits for the settle time, then reads.
    assert.equal(t.usage.reads, 0);
    await t.clock.advance(OWN_TRAFFIC_SETTLE_MS);
    assert.equal(t.usage.reads, 1);
    t.watch.dispose();
  });

  it('a reading begun before our own chat, answered while the chat runs, leaves the watch settling', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    t.usage.hold = true;
    await t.clock.advance(WATCH_PERIOD_MS);
    const endOwn = t.own.begin();
    t.usage.release();
    await flush();
    assert.equal(t.watch.state.phase, 'settling', 'the old reading is not a new baseline');
    endOwn();
    t.watch.dispose();
  });

  it('stop cancels the reading in flight (the request is aborted, not only ignored); so does a new start', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    t.usage.hold = true;
    await t.clock.advance(WATCH_PERIOD_MS);
    const first = t.signals.at(-1)!;
    assert.equal(first.aborted, false);
    t.watch.stop();
    assert.equal(first.aborted, true);
    t.watch.start();
    await t.clock.advance(USAGE_READ_GAP_MS);
    const second = t.signals.at(-1)!;
    assert.notEqual(second, first);
    t.watch.start();
    assert.equal(second.aborted, true, 'starting again cancels the reading under way');
    t.watch.dispose();
  });

  it('starting again while watching leaves one timer and one reading every 5 s', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    t.watch.start();
    await flush();
    const reads = t.usage.reads;
    await t.clock.advance(60_000);
    assert.equal(t.usage.reads - reads, 12);
    assert.equal(t.clock.pending(), 1);
    t.watch.dispose();
  });

  it('says each state once: no event repeats the state before it', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    await t.clock.advance(WATCH_PERIOD_MS * 6);
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.watch.state.phase, 'arrived');
    const said = t.states.map((s) => JSON.stringify(s));
    assert.equal(said.filter((s) => s.includes('"waiting"')).length, 1, said.join('\n'));
    assert.ok(
      said.every((s, i) => s !== said[i - 1]),
      said.join('\n'),
    );
  });

  it('a stop after the confirmation (or the time limit) keeps what was found readable', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.watch.state.phase, 'arrived');
    t.watch.stop();
    assert.equal(t.watch.state.phase, 'arrived');
    const timed = setup();
    timed.watch.start();
    await flush();
    await timed.clock.advance(WATCH_LIMIT_MS);
    timed.watch.stop();
    assert.equal(timed.watch.state.phase, 'timedOut');
  });

  it('a reading that throws says no problem of its own (only a failed answer has one)', async () => {
    const { watch } = watchOver(() => Promise.reject(new Error('boom')));
    watch.start();
    await flush();
    const state = watch.state;
    assert.ok(state.phase === 'waiting' && !('problem' in state), JSON.stringify(state));
    watch.dispose();
  });

  it('after dispose, nothing is said any more', async () => {
    const t = setup();
    t.watch.start();
    await flush();
    t.watch.dispose();
    const said = t.states.length;
    t.watch.start();
    await flush();
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.states.length, said);
    t.watch.stop();
  });

  it('a reading the reader began before the mark is not counted, even when it says the counter moved', async () => {
    const clock = new FakeClock();
    const usage = new FakeUsage();
    const reader = new SharedUsageReader({ clock, read: (signal) => usage.read(signal) });
    // A reader that breaks its promise once: it answers with a reading stamped at the mark, not after it.
    let stale = false;
    const readings = {
      get begun() {
        return reader.begun;
      },
      read: async (after: number, signal: AbortSignal) =>
        stale ? { seq: after, read: await usage.read(signal) } : reader.read(after, signal),
    };
    const watch = new TraeWatch({ clock, usage: readings, ownTraffic: new OwnTraffic(() => clock.now()) });
    watch.start();
    await flush();
    assert.equal(watch.state.phase, 'waiting', 'the baseline was read');
    usage.served(57);
    stale = true;
    await clock.advance(WATCH_PERIOD_MS);
    assert.equal(watch.state.phase, 'waiting', 'a reading from before the mark is no witness');
    stale = false;
    await clock.advance(WATCH_PERIOD_MS);
    assert.equal(watch.state.phase, 'arrived', 'the next true reading is');
    watch.dispose();
  });
});
