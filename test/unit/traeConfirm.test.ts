// Trae confirmed, remembered and shown: "Confirmed from Trae on …" holds for one URL, Full URL switch,
// model and key fingerprint, and is forgotten when any of them changes or the user says Forget; the
// wizard's last step watches only while it is open and visible, records what arrives, offers the
// checklist when nothing does, and leaves no timer behind. Plain Node, fake clock.
import * as assert from 'node:assert/strict';
import { CONFIRMATION_KEY, TraeConfirmations } from '../../src/services/traeConfirmations';
import { fingerprintOf, PoolKeyStore } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { WATCH_PERIOD_MS, WATCH_QUIET_MS } from '../../src/services/traeWatch';
import { renderMsg } from '../../src/core/text/messages';
import { confirmView } from '../../src/wizard/confirm/confirmView';
import { buildView } from '../../src/wizard/view/view';
import { guideFor } from '../../src/wizard/view/guideView';
import { flush } from './fakes/async';
import { FakeLog } from './fakes/log';
import { FakeMemento } from './fakes/memento';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { KEY, OTHER_KEY, POOL_A, POOL_B, report } from './wizardFixtures';
import { setup, viewContext } from './wizardHarness';

describe('Trae confirmed: remembered for this setup and key, forgotten when it no longer holds', () => {
  async function confirmations() {
    const memento = new FakeMemento();
    const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5' });
    const keys = new PoolKeyStore(new FakeSecretStorage(), new Redactor());
    await keys.store(KEY);
    const store = new TraeConfirmations({ memento, settings, keys, log: new FakeLog() });
    await flush();
    const target = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };
    await store.record({ target, keyFingerprint: fingerprintOf(KEY), at: Date.UTC(2026, 11, 2, 10, 42) });
    return { memento, settings, keys, store };
  }

  it('holds for the URL, model and key it was seen with; the memento holds a one-way hash, never the key', async () => {
    const { memento, store } = await confirmations();
    assert.equal(store.current?.at, Date.UTC(2026, 11, 2, 10, 42));
    const stored = JSON.stringify(memento.values.get(CONFIRMATION_KEY));
    assert.ok(!stored.includes(KEY) && !stored.includes(KEY.slice(-20)), stored);
    assert.ok(stored.includes(fingerprintOf(KEY)));
  });

  const changes: Array<[string, (s: FakeSettings) => void]> = [
    ['the URL', (s) => s.change({ baseUrl: POOL_B })],
    ['the Full URL switch', (s) => s.change({ fullUrl: true })],
    ['the model', (s) => s.change({ model: 'gpt-5.4-mini' })],
  ];
  for (const [what, change] of changes) {
    it(`a change of ${what} clears it (and a change back does not bring it back)`, async () => {
      const { memento, settings, store } = await confirmations();
      const before = { ...settings.values };
      change(settings);
      await flush();
      assert.equal(store.current, undefined);
      assert.equal(memento.values.has(CONFIRMATION_KEY), false);
      settings.change(before);
      await flush();
      assert.equal(store.current, undefined);
    });
  }

  it('another key clears it; so does clearing the key', async () => {
    const first = await confirmations();
    await first.keys.store(OTHER_KEY);
    await flush();
    assert.equal(first.store.current, undefined);
    assert.equal(first.memento.values.has(CONFIRMATION_KEY), false);
    const second = await confirmations();
    await second.keys.clear();
    await flush();
    assert.equal(second.store.current, undefined);
  });

  it('"Forget" clears it; a change of the guide language does not', async () => {
    const { settings, store } = await confirmations();
    settings.change({ guideLanguage: 'zh-cn' }, { language: true });
    await flush();
    assert.ok(store.current);
    await store.forget();
    assert.equal(store.current, undefined);
  });

  it('a reading made with a key that changed before it was recorded is not kept (nor shown for the new key)', async () => {
    const { memento, keys, store } = await confirmations();
    await store.forget();
    await keys.store(OTHER_KEY);
    await flush();
    const target = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };
    const kept = await store.record({ target, keyFingerprint: fingerprintOf(KEY), at: 1 });
    assert.equal(kept, false);
    assert.equal(store.current, undefined, '"Confirmed from Trae" would be shown for the new key');
    assert.equal(memento.values.has(CONFIRMATION_KEY), false);
    // The stored key's own reading is kept.
    assert.equal(await store.record({ target, keyFingerprint: fingerprintOf(OTHER_KEY), at: 2 }), true);
    assert.equal(memento.values.has(CONFIRMATION_KEY), true);
  });

  it('a reading made with a URL or model that changed before it was recorded is not kept', async () => {
    const { settings, store } = await confirmations();
    await store.forget();
    const target = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };
    settings.change({ model: 'gpt-5.4-mini' });
    await flush();
    assert.equal(await store.record({ target, keyFingerprint: fingerprintOf(KEY), at: 1 }), false);
    settings.change({ model: 'gpt-5.5', baseUrl: POOL_B });
    await flush();
    assert.equal(await store.record({ target, keyFingerprint: fingerprintOf(KEY), at: 1 }), false);
    assert.equal(store.current, undefined);
  });

  it('the key changes while the confirmation is being written: it is not kept', async () => {
    const { memento, keys, store } = await confirmations();
    await store.forget();
    memento.duringNextUpdate = async () => {
      await keys.store(OTHER_KEY);
      await flush(); // the change is handled before the write lands
    };
    const target = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };
    assert.equal(await store.record({ target, keyFingerprint: fingerprintOf(KEY), at: 1 }), false);
    assert.equal(memento.values.has(CONFIRMATION_KEY), false);
    assert.equal(store.current, undefined);
  });

  it('whatever an earlier version or a corrupt store left is ignored, not trusted', async () => {
    for (const junk of [null, 42, 'x', { at: 'soon' }, { target: null, keyFingerprint: 'f', at: 1 }, []]) {
      const memento = new FakeMemento();
      memento.values.set(CONFIRMATION_KEY, junk);
      const keys = new PoolKeyStore(new FakeSecretStorage(), new Redactor());
      await keys.store(KEY);
      const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5' });
      const store = new TraeConfirmations({ memento, settings, keys, log: new FakeLog() });
      await flush();
      assert.equal(store.current, undefined, JSON.stringify(junk));
    }
  });
});

describe("Trae confirmed: the wizard's last step (plain Node, fake clock)", () => {
  async function atConfirm() {
    const t = await setup({ key: KEY });
    assert.equal(t.controller.state.step, 'trae');
    t.controller.goTo('confirm');
    await flush();
    return t;
  }

  it('opening the step starts the watch; a chat served with the key confirms and is remembered', async () => {
    const t = await atConfirm();
    assert.equal(t.controller.confirmSnapshot.watch.phase, 'waiting');
    assert.equal(t.usage.reads, 1);
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    const snapshot = t.controller.confirmSnapshot;
    assert.equal(snapshot.watch.phase, 'arrived');
    assert.ok(snapshot.confirmed, 'remembered');
    assert.deepEqual(t.confirmations.current?.target, { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' });
    assert.equal(t.clock.pending(), 0, 'nothing left watching');
    assert.equal(t.checks.count('test') + t.checks.count('trae'), 0, 'no chat of our own');
    t.controller.dispose();
  });

  it('the key changed while the usage was read: what that reading saw is not confirmed for the new key', async () => {
    const t = await atConfirm();
    t.usage.hold = true;
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.usage.heldReads, 1, 'a reading made with the old key is in flight');
    t.usage.served(57);
    // Another window stores a new key; its change event has not reached this one yet.
    t.secrets.values.set('codexPooler.poolApiKey', OTHER_KEY);
    t.usage.release();
    await flush();
    assert.equal(t.controller.confirmSnapshot.watch.phase, 'arrived', 'the reading did see a request');
    assert.equal(t.controller.confirmSnapshot.confirmed, undefined, 'but not for the key stored now');
    assert.equal(t.confirmations.current, undefined);
    assert.ok(t.log.lines.some((l) => /not kept/.test(l)));
    t.controller.dispose();
  });

  it('watches only while the step is open and the panel visible; coming back starts from a fresh baseline', async () => {
    const t = await atConfirm();
    t.controller.setVisible(false);
    assert.equal(t.clock.pending(), 0, 'hidden: no timer');
    const reads = t.usage.reads;
    t.usage.served(57); // while hidden: not claimed later
    await t.clock.advance(60_000);
    assert.equal(t.usage.reads, reads);
    t.controller.setVisible(true);
    await flush();
    await t.clock.advance(WATCH_PERIOD_MS);
    assert.equal(t.controller.confirmSnapshot.watch.phase, 'waiting');
    t.controller.goTo('trae');
    assert.equal(t.clock.pending(), 0, 'left the step: no timer');
    t.controller.goTo('confirm');
    await flush();
    t.controller.dispose();
    assert.equal(t.clock.pending(), 0, 'closed: no timer');
    await t.clock.advance(60_000);
  });

  it('nothing for two minutes, or "Trae showed an error": the checklist (and no claim)', async () => {
    const t = await atConfirm();
    assert.equal(t.controller.confirmSnapshot.checklist, false);
    t.controller.sawTraeError();
    assert.equal(t.controller.confirmSnapshot.checklist, true, 'at once when the user says so');
    const u = await atConfirm();
    await u.clock.advance(WATCH_QUIET_MS);
    assert.equal(u.controller.confirmSnapshot.checklist, true, 'after two quiet minutes');
    assert.equal(u.controller.confirmSnapshot.watch.phase, 'waiting', 'and it keeps watching');
    t.controller.dispose();
    u.controller.dispose();
  });

  it('a confirmed setup is not watched again on return unless the user asks ("Watch again")', async () => {
    const t = await atConfirm();
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    t.controller.goTo('trae');
    t.controller.goTo('confirm');
    await flush();
    const reads = t.usage.reads;
    await t.clock.advance(60_000);
    assert.equal(t.usage.reads, reads, 'not watched again');
    t.controller.watchAgain();
    await flush();
    assert.equal(t.controller.confirmSnapshot.watch.phase, 'waiting');
    assert.ok(t.usage.reads > reads);
    await t.controller.forgetConfirmation();
    assert.equal(t.controller.confirmSnapshot.confirmed, undefined);
    t.controller.dispose();
  });

  it('"Watch again" is refused away from the step (nothing starts watching behind the user\'s back)', async () => {
    const t = await setup({ key: KEY });
    assert.throws(() => t.controller.watchAgain());
    assert.equal(t.usage.reads, 0);
    t.controller.dispose();
  });

  it('the step says what it saw, exactly: "a request with your key", the time, +requests and +tokens', async () => {
    const t = await atConfirm();
    t.usage.served(57);
    await t.clock.advance(WATCH_PERIOD_MS);
    const guide = guideFor(t.controller.state, 'en');
    const view = confirmView(t.controller.state, guide, t.controller.confirmSnapshot, {
      render: renderMsg,
      timeOfDay: () => '10:42:13',
      dateTime: () => 'Dec 2, 10:42',
    });
    assert.ok(view);
    assert.equal(view.line, 'A request with your key reached the pool at 10:42:13 (+1 request, +57 tokens).');
    assert.match(view.proves, /not which app sent it/);
    assert.equal(
      view.confirmed,
      'Confirmed from Trae on Dec 2, 10:42: a request with your key reached the pool while this step waited for Trae.',
    );
    assert.equal(view.prompt, 'Reply with exactly: trae ok');
    assert.deepEqual(
      view.instructions.map((i) => i.id),
      ['addInTrae', 'autoModeOff', 'selectModel', 'sendTest'],
    );
    assert.equal(view.checklist, undefined, 'no checklist once it arrived');
    const nav = buildView(
      t.controller.state,
      viewContext({ guide: () => guide, confirm: t.controller.confirmSnapshot }),
      1,
    ).nav;
    assert.equal(nav.at(-1)?.done, true, 'the last step is ticked once confirmed');
    t.controller.dispose();
  });

  it('the model list is fetched again on open; one older than a minute says how old it is meanwhile', async () => {
    const draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
    const now = Date.UTC(2026, 11, 2, 12, 0);
    const lastCheck = {
      sequence: 1,
      report: report(draft),
      finishedAt: now - 5 * 60_000,
      keyFingerprint: fingerprintOf(KEY),
    };
    const t = await setup({ key: KEY, lastCheck, now: () => now, holdChecks: true });
    assert.equal(t.checks.count('list'), 1, 'fetched again');
    const ctx = viewContext({ confirm: t.controller.confirmSnapshot, now });
    const before = buildView(t.controller.state, ctx, 1).model;
    assert.equal(before.listAge, 'This list is from 5 min ago; fetching a fresh one…');
    t.checks.calls.find((c) => c.kind === 'list')?.answer.resolve({ kind: 'report', report: report(draft) });
    await flush();
    assert.equal(buildView(t.controller.state, ctx, 2).model.listAge, undefined, 'fresh: no age said');
    // Younger than a minute: checked again on open too (the wizard follows the pool), with no age said meanwhile.
    const fresh = await setup({
      key: KEY,
      lastCheck: { ...lastCheck, finishedAt: now - 30_000 },
      now: () => now,
      holdChecks: true,
    });
    assert.equal(fresh.checks.count('list'), 1, 'checked again on open');
    assert.equal(buildView(fresh.controller.state, ctx, 1).model.listAge, undefined);
    t.controller.dispose();
    fresh.controller.dispose();
  });
});
