// The wizard's controller in plain Node with in-memory fakes (SecretStorage, Memento, settings, checks):
// what runs, what is dropped, what is written, and that nothing throws once the panel is gone.
import * as assert from 'node:assert/strict';
import { LEGACY_STATE_KEY, STATE_KEY } from '../../src/wizard/state/stateTypes';
import { RefusedRequest } from '../../src/wizard/protocol/protocol';
import { flush } from './fakes/async';
import { SETTINGS_UNWRITABLE } from './fakes/settings';
import { fingerprintOf } from '../../src/services/keyStore';
import { KEY, maskedAs, OTHER_KEY, POOL_A, POOL_B, report } from './wizardFixtures';
import { atTestStep, setup } from './wizardHarness';

describe('wizard controller (plain Node, in-memory fakes)', () => {
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('a returning user: opens on the Trae step after the free checks, with no chat request', async () => {
    const { controller, checks } = await setup({ key: KEY });
    assert.equal(controller.state.step, 'trae');
    assert.deepEqual(
      checks.calls.map((c) => c.kind),
      ['reach', 'list'],
    );
    assert.equal(checks.count('test'), 0, 'nothing that costs quota ran');
  });

  it('closing the wizard while a test and a model list run: nothing throws, nothing is left unhandled (defect: "Webview is disposed")', async () => {
    const { controller, checks, settings } = await setup({ key: KEY });
    checks.auto = false;
    const from = checks.calls.length;
    const test = controller.runTest();
    void controller.recheck('models');
    await flush();
    controller.dispose();
    const running = checks.calls.slice(from);
    assert.deepEqual(running.map((c) => c.kind).sort(), ['list', 'test']);
    for (const call of running) call.answer.resolve({ kind: 'report', report: report(call.draft, { mode: 'full' }) });
    await test;
    settings.change({ model: 'gpt-5.4-mini' });
    await flush();
    assert.deepEqual(unhandled, []);
    assert.ok(
      running.every((c) => c.signal.aborted),
      'what ran was aborted',
    );
  });

  it('a change of URL aborts what runs for the old value, and its late answer is dropped', async () => {
    const { controller, checks, log } = await setup({ key: KEY, settings: { model: '' } });
    checks.auto = false;
    await controller.recheck('models');
    const forA = checks.calls.at(-1)!;
    controller.setDraft({ url: POOL_B, fullUrl: false, modelId: '' }, controller.state.draftVersion);
    await flush();
    assert.equal(forA.signal.aborted, true);
    forA.answer.resolve({ kind: 'report', report: report(forA.draft, { models: [] }) });
    await flush();
    assert.equal(controller.state.checks.current('list'), undefined);
    void log;
  });

  it('a URL that breaks a rule gets no probe, and the log says so once (the event an editor test waits for)', async () => {
    const { controller, checks, log } = await setup({ key: KEY });
    controller.goTo('url');
    const bad = 'http://127.0.0.2:4000/v1';
    controller.setDraft({ url: bad, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    controller.setVisible(true);
    await flush();
    assert.deepEqual(
      checks.calls.filter((c) => c.draft.url === bad),
      [],
    );
    assert.deepEqual(
      log.lines.filter((l) => l.includes('breaks a rule')),
      ['info Setup wizard: the URL breaks a rule (loopback-alias); nothing is sent to it.'],
    );
  });

  it("a typed key is stored, then the pool's verdict decides; a wrong paste is refused and never stored", async () => {
    const { controller, secrets } = await setup({ settings: { model: '' } });
    await assert.rejects(
      controller.storeKey(`mcp-cxp-0123456789ab-${'A'.repeat(43)}`),
      (e: unknown) => e instanceof RefusedRequest && e.reason.id === 'key.mcp.cause',
    );
    assert.equal(secrets.values.size, 0);
    controller.goTo('key');
    const { verdict } = await controller.storeKey(`  ${KEY}  `);
    assert.equal(verdict, 'accepted');
    assert.equal(secrets.values.get('codexPooler.poolApiKey'), KEY);
  });

  it('a working key is never replaced by one the pool rejects: kept, said, and "Store it anyway" stores it (defect: a typo lost the working key)', async () => {
    const { controller, secrets, checks, memento } = await setup({ key: KEY });
    await flush();
    controller.goTo('key');
    const typo = `${KEY.slice(0, 30)}X${KEY.slice(31)}`;
    checks.keyVerdicts.set(typo, 'rejected');
    const { verdict } = await controller.storeKey(typo);
    assert.equal(verdict, 'kept');
    assert.equal(secrets.values.get('codexPooler.poolApiKey'), KEY, 'the working key is still stored');
    assert.deepEqual(controller.state.keys.pending, {
      candidate: maskedAs(typo),
      kept: maskedAs(KEY),
      verdict: 'rejected',
      reason: controller.state.keys.pending?.reason,
    });
    assert.equal(checks.keyChecks.at(-1)?.target.baseUrl, POOL_A, 'checked at the saved pool');
    assert.ok(!JSON.stringify([...memento.values]).includes(typo.slice(20)), 'the new key is in memory only');
    const anyway = await controller.storePendingKey();
    assert.equal(secrets.values.get('codexPooler.poolApiKey'), typo, 'stored as the user chose');
    assert.equal(anyway.verdict === 'kept', false);
    assert.equal(controller.state.keys.pending, undefined);
    await assert.rejects(
      controller.storePendingKey(),
      (e: unknown) => e instanceof RefusedRequest && e.reason.id === 'ui.wizard.key.noPending',
    );
  });

  it('"Keep the working key" forgets the new one; closing the wizard forgets it too', async () => {
    const { controller, secrets, checks } = await setup({ key: KEY });
    await flush();
    checks.keyVerdicts.set(OTHER_KEY, 'rejected');
    assert.equal((await controller.storeKey(OTHER_KEY)).verdict, 'kept');
    controller.discardPendingKey();
    assert.equal(controller.state.keys.pending, undefined);
    await assert.rejects(controller.storePendingKey(), (e: unknown) => e instanceof RefusedRequest);
    assert.equal((await controller.storeKey(OTHER_KEY)).verdict, 'kept');
    controller.dispose();
    await assert.rejects(controller.storePendingKey(), (e: unknown) => e instanceof RefusedRequest);
    assert.equal(secrets.values.get('codexPooler.poolApiKey'), KEY);
  });

  it('a secret storage that fails says so and stores nothing elsewhere', async () => {
    const { controller, secrets, memento } = await setup({ settings: { model: '' } });
    secrets.failing.store = true;
    await assert.rejects(
      controller.storeKey(KEY),
      (e: unknown) => e instanceof RefusedRequest && e.reason.id === 'diag.keyStoreUnavailable.cause',
    );
    assert.ok(!JSON.stringify([...memento.values]).includes(KEY.slice(20)));
  });

  it("Save writes one settings change, in the pool's casing, only after a test passed for exactly these values", async () => {
    const { controller, settings, checks } = await setup({ key: KEY, settings: { baseUrl: POOL_A, model: '' } });
    controller.goTo('model');
    controller.setDraft({ url: POOL_A, fullUrl: false, modelId: 'GPT-5.5' }, controller.state.draftVersion);
    controller.goTo('test');
    assert.equal(controller.state.draft.modelId, 'gpt-5.5');
    await controller.save();
    assert.equal(checks.count('test'), 1, 'Save tested first');
    assert.deepEqual(settings.writes, [{ baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5', moreModels: [] }]);
    assert.equal(settings.events.filter((e) => e.connection).length, 1, 'one change');
    assert.equal(controller.state.step, 'trae');
  });

  it('Save writes a URL typed with a trailing slash without it, takes that form into the draft, and says so', async () => {
    const { controller, settings } = await setup({ key: KEY, settings: { baseUrl: POOL_A, model: '' } });
    controller.setDraft({ url: `${POOL_A}/`, fullUrl: false, modelId: '' }, controller.state.draftVersion);
    await flush();
    controller.goTo('model');
    controller.setDraft({ url: `${POOL_A}/`, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    controller.goTo('test');
    const version = controller.state.draftVersion;
    await controller.save();
    assert.deepEqual(settings.writes, [{ baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5', moreModels: [] }]);
    assert.equal(controller.state.draft.url, POOL_A, 'the field shows what was saved');
    assert.ok(controller.state.draftVersion > version, 'the webview takes it');
    assert.equal(controller.state.dirty, false);
    assert.equal(controller.state.step, 'trae', 'the checks that passed still count');
    assert.deepEqual(controller.state.analysis.findings, []);
    const saved = controller.state.notices.find((n) => n.id === 'saved');
    assert.deepEqual(saved?.message, {
      id: 'ui.wizard.notice.savedTidy',
      args: { url: POOL_A, without: { id: 'ui.wizard.notice.tidySlash' } },
    });
  });

  it('Save writes a clean URL as typed, with the plain notice', async () => {
    const { controller, settings } = await setup({ key: KEY, settings: { baseUrl: POOL_A, model: '' } });
    atTestStep(controller, 'gpt-5.5');
    await controller.save();
    assert.equal(settings.writes[0]?.baseUrl, POOL_A);
    assert.deepEqual(controller.state.notices.find((n) => n.id === 'saved')?.message, { id: 'ui.wizard.notice.saved' });
  });

  it('Save refuses values whose test failed', async () => {
    const { controller, settings, checks } = await setup({ key: KEY, settings: { model: '' } });
    controller.goTo('model');
    controller.setDraft({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    controller.goTo('test');
    checks.test = async (draft) => ({
      kind: 'report',
      report: report(draft, { mode: 'full', verdict: 'error', codes: ['quota_exhausted'] }),
    });
    await assert.rejects(controller.save(), RefusedRequest);
    assert.deepEqual(settings.writes, []);
  });

  it('settings changed outside the wizard (and the guide language) reach the open wizard (defect: the old draft won)', async () => {
    const { controller, settings } = await setup({ key: KEY });
    let renders = 0;
    controller.onDidChange(() => renders++);
    settings.change({ baseUrl: POOL_B, model: 'gpt-5.4-mini' });
    assert.deepEqual(controller.state.draft, { url: POOL_B, fullUrl: false, modelId: 'gpt-5.4-mini' });
    const before = renders;
    settings.change({ guideLanguage: 'zh-cn' }, { language: true });
    assert.ok(renders > before, 'a language change re-renders');
  });

  it('remembers the step and unsaved edits, never a key; removes what an earlier version stored', async () => {
    const { controller, memento } = await setup({ key: KEY, memento: { [LEGACY_STATE_KEY]: { url: KEY, step: 3 } } });
    assert.equal(memento.values.has(LEGACY_STATE_KEY), false);
    controller.goTo('url');
    controller.setDraft({ url: KEY, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    controller.setDraft({ url: `${POOL_A}/`, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    await flush();
    assert.deepEqual(memento.values.get(STATE_KEY), {
      step: 'url',
      draft: { url: `${POOL_A}/`, fullUrl: false, modelId: 'gpt-5.5' },
    });
    assert.ok(!JSON.stringify([...memento.values]).includes(KEY.slice(20)));
  });

  it('a memento that refuses a write: "could not remember the step" is a warning, nothing throws, and the next change is remembered once it can', async () => {
    const { controller, memento, log } = await setup({ key: KEY });
    const remembered = memento.values.get(STATE_KEY);
    memento.updateError = new Error('storage closed');
    controller.goTo('url');
    controller.setDraft({ url: `${POOL_A}/`, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    await flush();
    assert.ok(memento.refused.includes(STATE_KEY), 'the wizard tried to remember');
    assert.deepEqual(memento.values.get(STATE_KEY), remembered, 'what was remembered before stays');
    assert.ok(log.warnings().includes('Setup wizard: could not remember the step: Error: storage closed'));
    assert.deepEqual(log.errors(), []);
    assert.deepEqual(unhandled, []);
    assert.equal(controller.state.step, 'url', 'the wizard went on');
    memento.updateError = undefined;
    const next = { url: POOL_B, fullUrl: false, modelId: 'gpt-5.5' };
    controller.setDraft(next, controller.state.draftVersion);
    await flush();
    assert.deepEqual(memento.values.get(STATE_KEY), { step: 'url', draft: next });
  });

  it('a memento that refuses every write: the wizard still opens and works, and the legacy draft is left with a warning', async () => {
    const legacy = { url: 'https://old.example.com/v1', step: 2 };
    const closed = new Error('storage closed');
    const stored = { [LEGACY_STATE_KEY]: legacy };
    const { controller, memento, log, settings } = await setup({ key: KEY, memento: stored, mementoError: closed });
    assert.equal(controller.state.step, 'trae', 'opened as for any returning user');
    assert.deepEqual(memento.values.get(LEGACY_STATE_KEY), legacy, 'could not be removed');
    assert.ok(log.warnings().some((l) => /earlier version.*storage closed/.test(l)));
    settings.change({ model: 'gpt-5.4-mini' });
    await flush();
    assert.equal(controller.state.draft.modelId, 'gpt-5.4-mini', 'still in step with the settings');
    assert.deepEqual(unhandled, []);
  });

  it("Save when the settings cannot be written: rejects with the editor's reason, nothing is marked saved, and a retry saves", async () => {
    const { controller, settings, log } = await setup({ key: KEY, settings: { model: '' } });
    atTestStep(controller, 'gpt-5.5');
    settings.failing.writeConnection = true;
    await assert.rejects(controller.save(), new Error(SETTINGS_UNWRITABLE), 'the error as is, not a refusal');
    assert.deepEqual(settings.writes, []);
    assert.deepEqual(controller.state.saved, { url: POOL_A, fullUrl: false, modelId: '' }, 'not marked saved');
    assert.equal(controller.state.dirty, true);
    assert.ok(!controller.state.notices.some((n) => n.id === 'saved'));
    assert.equal(controller.state.step, 'test', 'still on the test step');
    assert.ok(!log.lines.some((l) => l.startsWith('info Setup wizard: saved')));
    settings.failing.writeConnection = false;
    await controller.save();
    assert.deepEqual(settings.writes, [{ baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5', moreModels: [] }]);
    assert.equal(controller.state.step, 'trae');
  });

  it('a guide language the settings cannot write: the request rejects and the language stays as it was', async () => {
    const { controller, settings } = await setup({ key: KEY });
    let renders = 0;
    controller.onDidChange(() => renders++);
    settings.failing.writeGuideLanguage = true;
    await assert.rejects(controller.setLanguage('zh-cn'), new Error(SETTINGS_UNWRITABLE));
    assert.equal(settings.values.guideLanguage, 'auto');
    assert.equal(renders, 0, 'nothing to render again');
  });

  it('a check that throws instead of answering is logged as an error and abandoned; Save is refused, not hung', async () => {
    const { controller, checks, log, settings } = await setup({ key: KEY, settings: { model: '' } });
    atTestStep(controller, 'gpt-5.5');
    checks.failing.test = true;
    await controller.runTest();
    assert.ok(log.errors().includes('Setup wizard: the test check failed to run: test blew up'));
    assert.equal(controller.state.checks.current('test'), undefined);
    await assert.rejects(
      controller.save(),
      (e: unknown) => e instanceof RefusedRequest && e.reason.id === 'ui.wizard.refused.notTested',
    );
    assert.deepEqual(settings.writes, []);
    checks.failing.test = false;
    await controller.save();
    assert.equal(settings.writes.length, 1, 'works again once the check does');
    assert.deepEqual(unhandled, []);
  });

  it('Copy: the key goes to the clipboard through the host, only when the Trae step is open', async () => {
    const { controller, clipboard } = await setup({ key: KEY });
    await controller.copy('apiKey');
    await controller.copy('displayName');
    assert.deepEqual(clipboard, [KEY, 'value of displayName']);
    controller.setDraft({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.4-mini' }, controller.state.draftVersion);
    await assert.rejects(controller.copy('apiKey'), RefusedRequest);
  });

  it('Copy of the key with a keyring prompt left open: refused with the reason after the timeout, nothing copied', async () => {
    const { controller, clipboard, secrets } = await setup({ key: KEY, settings: { timeoutSeconds: 1 } });
    secrets.hanging.get = true;
    await assert.rejects(
      controller.copy('apiKey'),
      (e: unknown) =>
        e instanceof RefusedRequest &&
        e.reason.id === 'diag.keyStoreUnavailable.cause' &&
        /no answer within 1 s/.test(JSON.stringify(e.reason.args)),
    );
    assert.deepEqual(clipboard, []);
    secrets.release();
    controller.dispose();
  });

  it('the host is the judge of where the key goes: a page that names a foreign pool that answers gets no key from any step', async () => {
    const { controller, checks, log } = await setup({ key: KEY });
    assert.equal(controller.state.step, 'trae', 'a returning user, past step 1');
    const foreign = 'https://collector.example.net/v1';
    const before = checks.calls.length;
    const keyed = () =>
      checks.calls
        .slice(before)
        .filter((c) => c.kind !== 'reach')
        .map((c) => new URL(c.draft.url).hostname);
    // What a misbehaving page could send from a later step: a foreign URL (a pool answers there, so the free
    // probe passes), then "check again", "run the test" and "store a key", without going on from step 1.
    controller.setDraft({ url: foreign, fullUrl: false, modelId: 'gpt-5.5' }, controller.state.draftVersion);
    await flush();
    assert.ok(checks.count('reach') > 0 && checks.calls.some((c) => c.kind === 'reach' && c.draft.url === foreign));
    assert.deepEqual(keyed(), [], 'no keyed request after the foreign URL');
    assert.equal(controller.state.step, 'url', 'a probe that passes does not take the host past step 1');
    await controller.recheck('url');
    await controller.recheck('key');
    assert.equal(controller.state.step, 'url');
    await assert.rejects(
      controller.runTest(),
      (e: unknown) => e instanceof RefusedRequest && e.reason.id === 'ui.wizard.refused.origin',
    );
    await assert.rejects(controller.runTraeCheck(), RefusedRequest);
    await controller.storeKey(OTHER_KEY);
    await flush();
    assert.ok(
      keyed().every((host) => host === 'pool-a.example.com'),
      `keyed requests went to ${keyed().join(', ')}`,
    );
    assert.ok(checks.keyChecks.every((c) => new URL(c.target.baseUrl).hostname === 'pool-a.example.com'));
    assert.ok(log.lines.some((l) => /test refused/.test(l)));
    // Going on from step 1, the host's own observation of the user's choice, is what lets the key go there.
    controller.goTo('key');
    await flush();
    assert.ok(keyed().includes('collector.example.net'));
  });

  it('another key stored elsewhere (Set Pool API Key) makes the wizard check it again', async () => {
    const { controller, keys, checks } = await setup({ key: KEY });
    const lists = checks.count('list');
    await keys.store(OTHER_KEY);
    await flush();
    assert.equal(checks.count('list'), lists + 1);
    assert.equal(controller.state.notices[0]?.id, 'keyChanged');
  });

  it('the status bar finds the key revoked: the open wizard checks again instead of still saying "the pool accepts this key" (review finding)', async () => {
    const t = await setup({ key: KEY });
    assert.equal(t.controller.state.step, 'trae');
    const lists = t.checks.count('list');
    const draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
    const revoked = report(draft, { verdict: 'error', codes: ['api_key_disabled'] });
    t.published.fire({ sequence: 9, report: revoked, finishedAt: Date.now(), keyFingerprint: fingerprintOf(KEY) });
    await flush();
    assert.equal(t.checks.count('list'), lists + 1, 'its free checks ran again');
    // A check that agrees with what the wizard found, or of another key or setup, changes nothing.
    t.published.fire({
      sequence: 10,
      report: report(draft),
      finishedAt: Date.now(),
      keyFingerprint: fingerprintOf(KEY),
    });
    t.published.fire({ sequence: 11, report: revoked, finishedAt: Date.now(), keyFingerprint: 'another key' });
    await flush();
    assert.equal(t.checks.count('list'), lists + 1);
    t.controller.dispose();
  });
});
