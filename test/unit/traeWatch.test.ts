// Trae confirmed: the pool's free usage counter as the witness of Trae's own chat. The witness (pure) and
// the watch (a fake clock over a fake counter, then over the real check service and a fake pool) claim
// only what the counter shows, re-baseline on anything doubtful, stay within their budget of reads, and
// never send a chat.
import * as assert from 'node:assert/strict';
import { UsageWitness } from '../../src/core/check/usageWitness';
import { OwnTraffic } from '../../src/services/ownTraffic';
import { PoolKeyStore } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import {
  OWN_TRAFFIC_SETTLE_MS,
  TraeWatch,
  WATCH_LIMIT_MS,
  WATCH_PERIOD_MS,
  WATCH_QUIET_MS,
  type WatchState,
} from '../../src/services/traeWatch';
import { SharedUsageReader, usageReader } from '../../src/services/usageReader';
import { flush } from './fakes/async';
import { FakeClock } from './fakes/clock';
import { FakeLog } from './fakes/log';
import { FakePool } from './fakes/pool';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { FakeUsage, watchOver } from './fakes/usage';
import { KEY } from './wizardFixtures';
import { checkServiceFor } from './fakes/checkEngine';

/** The watch's state, read afresh (not narrowed by an earlier assertion). */
const stateOf = (watch: TraeWatch): WatchState => watch.state;

describe('Trae confirmed: the usage witness (pure)', () => {
  it('the first reading is the baseline; more requests than that is "arrived", with the difference', () => {
    const w = new UsageWitness();
    assert.deepEqual(w.observe({ requestCount: 5, totalTokens: 100 }), { kind: 'baseline' });
    assert.deepEqual(w.observe({ requestCount: 5, totalTokens: 100 }), { kind: 'unchanged' });
    assert.deepEqual(w.observe({ requestCount: 7, totalTokens: 160 }), { kind: 'arrived', requests: 2, tokens: 60 });
  });

  it('a count that goes down (the 28-day window at UTC midnight) is a new baseline, never a claim', () => {
    const w = new UsageWitness();
    w.observe({ requestCount: 50, totalTokens: 9000 });
    assert.deepEqual(w.observe({ requestCount: 20, totalTokens: 3000 }), { kind: 'rebaselined' });
    // Tokens alone going down (requests equal) is a drop too.
    assert.deepEqual(w.observe({ requestCount: 20, totalTokens: 2999 }), { kind: 'rebaselined' });
    assert.deepEqual(w.observe({ requestCount: 21, totalTokens: 3056 }), { kind: 'arrived', requests: 1, tokens: 57 });
  });

  it('tokens that grow without a new request claim nothing (only a request count says a request arrived)', () => {
    const w = new UsageWitness();
    w.observe({ requestCount: 3, totalTokens: 10 });
    assert.deepEqual(w.observe({ requestCount: 3, totalTokens: 99 }), { kind: 'unchanged' });
  });

  it('forget(): the next reading is a baseline again', () => {
    const w = new UsageWitness();
    w.observe({ requestCount: 3, totalTokens: 10 });
    w.forget();
    assert.equal(w.hasBaseline, false);
    assert.deepEqual(w.observe({ requestCount: 9, totalTokens: 99 }), { kind: 'baseline' });
  });
});

describe('Trae confirmed: the watch (fake clock, fake usage counter)', () => {
  function setup() {
    const usage = new FakeUsage();
    const { clock, own, watch } = watchOver(usage.read);
    const states: WatchState[] = [];
    watch.onDidChange((s) => states.push(s));
    return { clock, usage, own, watch, states, arrived: () => states.some((s) => s.phase === 'arrived') };
  }

  async function started(t: ReturnType<typeof setup>): Promise<void> {
    t.watch.start();
    await flush();
  }

  it('a chat the pool served confirms: "+1 request, +57 tokens" at the time it was seen, then it stops', async () => {
    const t = setup();
    await started(t);
    assert.equal(t.watch.state.phase, 'waiting');
    assert.equal(t.usage.reads, 1, 'the baseline is read at once');
    await t.clock.advance(WATCH_PERIOD_MS);
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    const state = stateOf(t.watch);
    if (state.phase !== 'arrived') return assert.fail(`still ${state.phase}`);
    assert.equal(state.requests, 1);
    assert.equal(state.tokens, 57);
    assert.equal(state.at, 2 * WATCH_PERIOD_MS);
    assert.deepEqual(state.target, t.usage.target);
    assert.equal(state.keyFingerprint, t.usage.keyFingerprint);
    // Straight from waiting to arrived: a listener (the palette command) never hears 'idle' in between.
    assert.deepEqual(
      t.states.map((s) => s.phase),
      ['settling', 'waiting', 'arrived'],
    );
    // Nothing after the first confirmation.
    const reads = t.usage.reads;
    assert.equal(t.clock.pending(), 0, 'no timer left');
    await t.clock.advance(10 * 60_000);
    assert.equal(t.usage.reads, reads);
  });

  it("the baseline is taken only after the extension's own chats ended and settled (they move the counter too)", async () => {
    const t = setup();
    const endOwn = t.own.begin();
    await started(t);
    assert.equal(t.watch.state.phase, 'settling');
    await t.clock.advance(30_000);
    assert.equal(t.usage.reads, 0, 'no reading while our own chat runs');
    endOwn();
    t.usage.served(12); // our own stream counts when it ends
    await t.clock.advance(OWN_TRAFFIC_SETTLE_MS - 1);
    assert.equal(t.usage.reads, 0, 'none before it settled');
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.usage.reads, 1, 'the baseline');
    await t.clock.advance(WATCH_PERIOD_MS * 3);
    assert.equal(t.arrived(), false, 'our own chat is never Trae');
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.watch.state.phase, 'arrived');
  });

  it('our own chat during the watch (Check Connection meanwhile) re-baselines instead of confirming', async () => {
    const t = setup();
    await started(t);
    const endOwn = t.own.begin();
    assert.equal(t.watch.state.phase, 'settling');
    t.usage.served(12);
    endOwn();
    await t.clock.advance(WATCH_PERIOD_MS * 4);
    assert.equal(t.arrived(), false);
    assert.equal(t.watch.state.phase, 'waiting');
  });

  it('a reading begun before our own chat started says nothing (it belongs to the old baseline)', async () => {
    const t = setup();
    await started(t);
    t.usage.hold = true;
    await t.clock.advance(WATCH_PERIOD_MS);
    const endOwn = t.own.begin();
    t.usage.served(12);
    t.usage.release();
    await flush();
    endOwn();
    await t.clock.advance(WATCH_PERIOD_MS * 3);
    assert.equal(t.arrived(), false);
  });

  it('a refused request (401, 400 invalid_model) never confirms; the next served one is +1, not more', async () => {
    const t = setup();
    await started(t);
    for (let i = 0; i < 20; i++) {
      const reads = t.usage.reads;
      t.usage.refused();
      await t.clock.advance(WATCH_PERIOD_MS);
      assert.equal(t.usage.reads, reads + 1, 'a reading after each refused request');
      assert.equal(t.arrived(), false, `claimed after refused request ${i + 1}`);
    }
    assert.equal(t.usage.reached.refused, 20, 'the refused requests reached the pool');
    // A failure that reached an upstream account (a 502) is counted by the pool: a request did arrive.
    t.usage.chat('upstreamFailed', 0);
    await t.clock.advance(WATCH_PERIOD_MS);
    const state = stateOf(t.watch);
    if (state.phase !== 'arrived') return assert.fail(`still ${state.phase}`);
    assert.deepEqual([state.requests, state.tokens], [1, 0], 'only what the pool counted');
  });

  it('no request never confirms; after 10 minutes it stops', async () => {
    const t = setup();
    await started(t);
    await t.clock.advance(20 * WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false);
    await t.clock.advance(WATCH_LIMIT_MS);
    assert.equal(t.watch.state.phase, 'timedOut');
    assert.equal(t.clock.pending(), 0);
    const reads = t.usage.reads;
    await t.clock.advance(60 * 60_000);
    assert.equal(t.usage.reads, reads, 'nothing after 10 minutes');
    assert.equal(t.arrived(), false);
  });

  it('reads at most 12 times a minute, and says "quiet" after two minutes without a request', async () => {
    const t = setup();
    await started(t);
    await t.clock.advance(60_000 - 1);
    assert.ok(t.usage.reads <= 12, `${t.usage.reads} reads in a minute`);
    assert.ok(t.usage.reads >= 11, 'and it does keep reading');
    const state = t.watch.state;
    assert.ok(state.phase === 'waiting' && !state.quiet);
    await t.clock.advance(WATCH_QUIET_MS);
    const later = t.watch.state;
    assert.ok(later.phase === 'waiting' && later.quiet, 'quiet after two minutes');
  });

  it('a drop at UTC midnight re-baselines and claims nothing; a chat after it confirms', async () => {
    const t = setup();
    await started(t);
    t.usage.rollover();
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false);
    // A drop bigger than a chat in between: still no claim.
    t.usage.served(57);
    t.usage.rollover();
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false);
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.watch.state.phase, 'arrived');
  });

  it('a usage answer that fails says so, re-baselines and claims nothing', async () => {
    const t = setup();
    await started(t);
    t.usage.failing = true;
    await t.clock.advance(WATCH_PERIOD_MS);
    const failed = t.watch.state;
    assert.ok(failed.phase === 'waiting' && failed.problem, 'the failed reading is said');
    t.usage.served(57);
    t.usage.failing = false;
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false, 'what moved while blind is not claimed');
    const recovered = t.watch.state;
    assert.ok(recovered.phase === 'waiting' && !recovered.problem);
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.watch.state.phase, 'arrived');
  });

  it('a reading that throws is a failed reading, not an unhandled rejection', async () => {
    const { clock, watch } = watchOver(() => Promise.reject(new Error('boom')));
    watch.start();
    await flush();
    assert.equal(watch.state.phase, 'waiting');
    await clock.advance(WATCH_PERIOD_MS);
    assert.equal(watch.state.phase, 'waiting');
    watch.dispose();
  });

  it('another setup or key between two readings re-baselines (the counters belong to something else)', async () => {
    const t = setup();
    await started(t);
    t.usage.keyFingerprint = 'fp-other';
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false);
    t.usage.target = { ...t.usage.target, model: 'gpt-5.4' };
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false);
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.watch.state.phase, 'arrived');
  });

  for (const how of ['stop (step left or panel hidden)', 'dispose (panel closed)'] as const) {
    it(`${how}: no timer left, no reading after, a reading in flight is dropped`, async () => {
      const t = setup();
      await started(t);
      t.usage.hold = true;
      await t.clock.advance(WATCH_PERIOD_MS);
      const reads = t.usage.reads;
      t.usage.served(57);
      if (how.startsWith('stop')) t.watch.stop();
      else t.watch.dispose();
      t.usage.release();
      await flush();
      assert.equal(t.arrived(), false);
      assert.equal(t.clock.pending(), 0);
      await t.clock.advance(10 * 60_000);
      assert.equal(t.usage.reads, reads);
      if (how.startsWith('stop')) assert.equal(t.watch.state.phase, 'idle');
    });
  }

  it('start again after a stop: a fresh baseline (what came meanwhile is not claimed)', async () => {
    const t = setup();
    await started(t);
    t.watch.stop();
    t.usage.served(57);
    await started(t);
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.arrived(), false);
  });
});

describe('Trae confirmed: the watch over the real usage reader and check service (fake pool)', () => {
  it('sends no chat: only GET /v1/usage, with the key, to the saved pool; a chat served elsewhere confirms', async () => {
    const pool = new FakePool();
    pool.accepted.add(KEY);
    const secrets = new FakeSecretStorage();
    const keys = new PoolKeyStore(secrets, new Redactor());
    await keys.store(KEY);
    const settings = new FakeSettings({ baseUrl: 'https://pool.example.com/v1', model: 'gpt-5.5' });
    const clock = new FakeClock();
    const own = new OwnTraffic(() => clock.now());
    const checks = checkServiceFor({ settings, keys, log: new FakeLog(), transport: pool.transport, ownTraffic: own });
    const readUsage = usageReader({ settings, keys, transport: pool.transport, userAgent: 'tests' });
    const reader = new SharedUsageReader({ clock, read: (signal) => clock.track(() => readUsage(signal))() });
    const watch = new TraeWatch({ clock, usage: reader, ownTraffic: own });
    watch.start();
    await flush();
    await clock.advance(3 * WATCH_PERIOD_MS);
    // Check Connection meanwhile: our own chat, announced, never taken for Trae's.
    await checks.check('full');
    await flush();
    await clock.advance(OWN_TRAFFIC_SETTLE_MS + 3 * WATCH_PERIOD_MS);
    assert.notEqual(watch.state.phase, 'arrived');
    const ownChats = pool.requests.filter((r) => r.method === 'POST').length;
    assert.equal(ownChats, 1, "only Check Connection's chat");
    pool.served(KEY, 57); // Trae's chat, sent by Trae, not by us
    await clock.advance(WATCH_PERIOD_MS);
    assert.equal(watch.state.phase, 'arrived');
    // Everything but Check Connection's own model list and chat: the watch's reads.
    const fromWatch = pool.requests.filter((r) => r.method !== 'POST' && !r.url.endsWith('/models'));
    assert.ok(fromWatch.length >= 6);
    for (const r of fromWatch) {
      assert.equal(r.method, 'GET');
      assert.equal(r.url, 'https://pool.example.com/v1/usage');
      assert.equal(r.authorization, `Bearer ${KEY}`);
    }
    assert.equal(pool.requests.filter((r) => r.method === 'POST').length, 1, 'the watch sent no chat');
    watch.dispose();
    checks.dispose();
  });
});
