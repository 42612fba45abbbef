// The wizard's state model, with no editor and no network: every transition, and each defect of the
// first wizard as a case (issue "Wizard v2").
import * as assert from 'node:assert/strict';
import { WizardState } from '../../src/wizard/state/state';
import type { Draft, KeyInfo } from '../../src/wizard/state/stateTypes';
import { KEY, MODELS, POOL_A, POOL_B, report } from './wizardFixtures';

const stored: KeyInfo = { kind: 'stored', masked: 'sk-cxp-0123…', fingerprint: 'f1' };
const saved: Draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };

/** A model walked to the test step for pool A: reach and list passed. */
function atTest(init: Partial<ConstructorParameters<typeof WizardState>[0]> = {}): WizardState {
  const model = new WizardState({ saved: { url: POOL_A, fullUrl: false, modelId: '' }, key: stored, ...init });
  pass(model, 'reach');
  assert.equal(model.goTo('key'), undefined);
  pass(model, 'list');
  model.setDraft({ ...model.draft, modelId: 'gpt-5.5' });
  assert.equal(model.goTo('test'), undefined);
  return model;
}

function pass(model: WizardState, kind: 'reach' | 'list' | 'test'): string {
  const begun = model.begin(kind);
  if (!begun.ok) throw new assert.AssertionError({ message: `${kind} refused: ${begun.reason.id}` });
  const { token, draft } = begun;
  const result =
    kind === 'reach'
      ? { ok: true, diagnoses: [], durationMs: 3 }
      : report(draft, { mode: kind === 'test' ? 'full' : 'background' });
  assert.equal(model.finish(kind, token, result as never), true);
  return token;
}

describe('wizard model (plain Node)', () => {
  it('a test result for values that changed since never counts: no Save, no later steps (defect: untested values saved)', () => {
    const model = atTest();
    const begun = model.begin('test') as { token: string; draft: Draft };
    // While the test for pool A / gpt-5.5 runs, the user switches to pool B / another model.
    model.setDraft({ url: POOL_B, fullUrl: false, modelId: 'gpt-5.6-terra' });
    assert.equal(
      model.finish('test', begun.token, report(begun.draft, { mode: 'full' })),
      false,
      'stale result applied',
    );
    assert.equal(model.testPassed, false);
    assert.equal(model.canSave, false);
    assert.equal(model.toSave(), undefined);
    assert.equal(model.reachable('trae'), false);
  });

  it('after a passed test, changing the model closes Save again until it is tested', () => {
    const model = atTest();
    pass(model, 'test');
    assert.deepEqual(model.toSave(), { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' });
    model.setDraft({ ...model.draft, modelId: 'gpt-5.4-mini' });
    assert.equal(model.canSave, false);
    model.setDraft({ ...model.draft, fullUrl: true, url: `${POOL_A}/chat/completions` });
    assert.equal(model.canSave, false);
  });

  it('a model list fetched for an old URL cannot overwrite the new one, whichever lands last (defect: stale list landing last)', () => {
    const model = atTest();
    const forA = model.begin('list') as { token: string; draft: Draft };
    // The user goes back to step 1, enters pool B, a pool answers there, they go on: B is approved.
    model.goTo('url');
    model.setDraft({ ...model.draft, url: POOL_B });
    pass(model, 'reach');
    assert.equal(model.goTo('key'), undefined);
    const forB = model.begin('list') as { token: string; draft: Draft };
    assert.equal(
      model.finish('list', forB.token, report(forB.draft, { models: MODELS.slice(0, 1) })),
      true,
      'the new list lands first',
    );
    assert.equal(
      model.finish('list', forA.token, report(forA.draft, { models: [] })),
      false,
      'the old one, landing later, is dropped',
    );
    assert.deepEqual(
      model.checks.current('list')?.facts.models?.map((m) => m.id),
      ['gpt-5.6-terra'],
    );
    assert.equal(model.checks.current('list')?.target.baseUrl, POOL_B);
  });

  it('a draft for a pool never approved gets no keyed check', () => {
    const model = atTest();
    model.setDraft({ ...model.draft, url: POOL_B });
    assert.ok(!model.begin('list').ok, 'pool B did not pass step 1: the key may not go there yet');
  });

  it('reopened with an unsaved new URL the user had gone on with: back at step 2, and its key check runs', () => {
    const draft = { url: POOL_B, fullUrl: false, modelId: '' };
    const model = new WizardState({
      saved,
      key: stored,
      persisted: { step: 'key', draft, chosen: 'https://pool-b.example.com' },
    });
    assert.equal(model.step, 'url');
    pass(model, 'reach');
    assert.equal(model.step, 'key');
    assert.deepEqual(model.wanted(), ['list']);
    assert.deepEqual(model.persisted(), { step: 'key', draft, chosen: 'https://pool-b.example.com' });
  });

  it('reopened with an unsaved new URL the user never went on with: a passing probe does not take it past step 1', () => {
    for (const chosen of [
      undefined,
      'https://pool-a.example.com',
      'https://pool-b.example.com:8443',
      42,
      'javascript:',
    ]) {
      const model: WizardState = new WizardState({
        saved,
        key: stored,
        persisted: { step: 'test', draft: { url: POOL_B, fullUrl: false, modelId: 'gpt-5.5' }, chosen },
      });
      pass(model, 'reach');
      assert.equal(model.step, 'url', `resumed past step 1 with chosen=${String(chosen)}`);
      assert.deepEqual(model.wanted(), [], 'no keyed check is wanted');
      assert.equal(model.begin('list').ok, false);
      // Next, the user's own choice, is what approves it.
      assert.equal(model.goTo('key'), undefined);
      assert.deepEqual(model.wanted(), ['list']);
    }
  });

  it('the key goes only to the saved origin or one that passed step 1 in this session (host is the judge)', () => {
    const model = new WizardState({ saved, key: stored });
    model.setDraft({ ...model.draft, url: 'https://evil.example.net/v1' });
    const refused = model.begin('test');
    assert.ok(!refused.ok);
    assert.equal(refused.reason.id, 'ui.wizard.refused.origin');
    assert.ok(!model.begin('list').ok);
    // Passing step 1 (a pool answered, the user went on) is what approves an origin.
    pass(model, 'reach');
    assert.equal(model.goTo('key'), undefined);
    assert.ok(model.begin('list').ok);
  });

  it('an empty list after a refresh replaces the old one, and Refresh can always run again', () => {
    const model = atTest();
    model.checks.forget('list');
    assert.deepEqual(model.wanted(), ['list']);
    const begun = model.begin('list') as { token: string; draft: Draft };
    assert.equal(model.finish('list', begun.token, report(begun.draft, { models: [] })), true);
    assert.deepEqual(model.checks.current('list')?.facts.models, []);
    assert.equal(model.modelMatch, 'none');
    assert.equal(model.reachable('test'), false);
  });

  it("a model typed in other casing is used in the pool's casing, and the user is told (defect: GPT-5.5 saved as typed)", () => {
    const model = new WizardState({ saved: { url: POOL_A, fullUrl: false, modelId: '' }, key: stored });
    pass(model, 'reach');
    model.goTo('key');
    pass(model, 'list');
    model.setDraft({ ...model.draft, modelId: 'GPT-5.5' });
    assert.equal(model.modelMatch, 'case');
    const version = model.draftVersion;
    assert.equal(model.goTo('test'), undefined);
    assert.equal(model.draft.modelId, 'gpt-5.5');
    assert.ok(model.draftVersion > version, 'the webview is told to take the new value');
    assert.equal(model.notices[0]?.id, 'modelCase');
    pass(model, 'test');
    assert.equal(model.toSave()?.modelId, 'gpt-5.5');
  });

  it('a Pool key typed into the URL or model field is never kept in the draft or its storage', () => {
    const model = new WizardState({ saved, key: stored });
    model.setDraft({ url: KEY, fullUrl: false, modelId: `Bearer ${KEY}` });
    assert.equal(model.draft.url, POOL_A);
    assert.equal(model.draft.modelId, 'gpt-5.5');
    assert.deepEqual(model.notices.map((n) => n.id).sort(), ['secretInModel', 'secretInUrl']);
    assert.ok(!JSON.stringify(model.persisted()).includes(KEY.slice(20)));
    // Typed a character at a time after a URL: from "sk-cxp-" on, nothing more is taken.
    model.setDraft({ url: `${POOL_A}sk-cxp-0123`, fullUrl: false, modelId: 'gpt-5.5' });
    assert.equal(model.draft.url, POOL_A);
    // And what an earlier version stored is not brought back.
    const reopened = new WizardState({
      saved,
      key: stored,
      persisted: { step: 'url', draft: { url: KEY, fullUrl: false, modelId: 'x' } },
    });
    assert.ok(!JSON.stringify(reopened.draft).includes(KEY.slice(20)));
  });

  it('Clear Pool API Key: the later steps close and the wizard says why (defect: Trae step still said "stored")', () => {
    const model = atTest();
    pass(model, 'test');
    model.markSaved(model.toSave()!);
    assert.equal(model.step, 'trae');
    model.setKey({ kind: 'none' });
    assert.equal(model.step, 'key');
    assert.equal(model.notices[0]?.id, 'keyCleared');
    assert.equal(model.reachable('trae'), false);
    assert.equal(model.checks.current('list'), undefined, 'what the old key found no longer counts');
  });

  it('"A different Pool API key is stored now" goes away once the right key is back (defect: the banner stayed)', () => {
    const model = atTest();
    const other: KeyInfo = { kind: 'stored', masked: 'sk-cxp-abcdef012345-…', fingerprint: 'f2' };
    model.setKey(other);
    assert.equal(model.notices[0]?.id, 'keyChanged');
    assert.match(JSON.stringify(model.notices[0]?.message.args), /abcdef012345/, 'says which key, by its id part');
    model.setKey(stored);
    assert.equal(
      model.notices.some((n) => n.id === 'keyChanged'),
      false,
      'the key the wizard works with is back',
    );
    model.setKey({ kind: 'none' });
    assert.equal(model.notices[0]?.id, 'keyCleared');
    model.setKey(stored);
    assert.equal(
      model.notices.some((n) => n.id === 'keyCleared'),
      false,
      'a key is stored again',
    );
  });

  it('a key stored in the wizard itself is not "a different key"', () => {
    const model = atTest();
    model.setKey({ kind: 'stored', masked: 'sk-cxp-abcdef012345-…', fingerprint: 'f2' }, true);
    assert.deepEqual(
      model.notices.map((n) => n.id),
      [],
    );
    model.setKey(stored);
    assert.equal(model.notices[0]?.id, 'keyChanged', 'now the one stored elsewhere is the different one');
  });

  it('settings changed elsewhere are the truth for a draft without edits; edits are kept and the draft says it differs', () => {
    const clean = new WizardState({ saved, key: stored });
    clean.setSaved({ url: POOL_B, fullUrl: false, modelId: 'gpt-5.4-mini' });
    assert.deepEqual(clean.draft, { url: POOL_B, fullUrl: false, modelId: 'gpt-5.4-mini' });
    assert.equal(clean.dirty, false);
    assert.equal(clean.notices[0]?.id, 'settingsChanged');
    const edited = new WizardState({ saved, key: stored });
    edited.setDraft({ ...edited.draft, modelId: 'gpt-5.6-terra' });
    edited.setSaved({ url: POOL_B, fullUrl: false, modelId: 'gpt-5.4-mini' });
    assert.equal(edited.draft.modelId, 'gpt-5.6-terra');
    assert.equal(edited.dirty, true);
  });

  it('an edit made before the webview saw a host change is dropped, not allowed to undo it', () => {
    const model = new WizardState({ saved, key: stored });
    model.setDraft({ ...model.draft, modelId: 'typo' });
    const seen = model.draftVersion;
    model.discardDraft();
    assert.equal(model.setDraft({ ...saved, modelId: 'typo2' }, seen), false);
    assert.equal(model.draft.modelId, 'gpt-5.5');
  });

  it('a returning user whose last check agrees opens on the Trae step with every step reachable and no test needed', () => {
    const model = new WizardState({
      saved,
      key: stored,
      lastCheck: { report: report(saved), keyFingerprint: 'f1', at: Date.now() },
    });
    assert.equal(model.step, 'trae');
    for (const step of ['url', 'key', 'model', 'test', 'trae', 'confirm'] as const)
      assert.equal(model.reachable(step), true, step);
    assert.deepEqual(model.wanted(), [], 'nothing to run: no chat request');
  });

  it('a returning user without a last check is taken to the Trae step once the free checks pass', () => {
    const model = new WizardState({ saved, key: stored });
    assert.equal(model.step, 'url');
    assert.deepEqual(model.wanted(), ['reach']);
    pass(model, 'reach');
    assert.deepEqual(model.wanted(), ['list'], 'the saved origin is approved from the start');
    pass(model, 'list');
    assert.equal(model.step, 'trae');
  });

  it('the last check of another key does not count', () => {
    const model = new WizardState({
      saved,
      key: stored,
      lastCheck: { report: report(saved), keyFingerprint: 'someone else', at: Date.now() },
    });
    assert.equal(model.step, 'url');
  });

  it('an unreachable step is refused; the stored step is restored only as far as it is reachable', () => {
    const model = new WizardState({ saved: { ...saved, modelId: '' }, key: stored, persisted: { step: 'model' } });
    assert.equal(model.step, 'url');
    assert.ok(model.goTo('test'));
    pass(model, 'reach');
    assert.equal(model.step, 'key', 'on its way back to the stored step');
    pass(model, 'list');
    assert.equal(model.step, 'model');
    assert.deepEqual(model.persisted(), { step: 'model' });
  });

  it('typing on step 1 cancels the jump ahead to the stored step', () => {
    const model = new WizardState({ saved: { ...saved, modelId: '' }, key: stored, persisted: { step: 'model' } });
    model.setDraft({ ...model.draft, url: `${POOL_A}/` });
    pass(model, 'reach');
    assert.equal(model.step, 'url');
  });

  it('the model list is wanted only after the user went on from step 1 with a pool that answered', () => {
    const model = new WizardState({ saved: { url: '', fullUrl: false, modelId: '' }, key: stored });
    model.setDraft({ url: POOL_B, fullUrl: false, modelId: '' });
    pass(model, 'reach');
    assert.deepEqual(model.wanted(), []);
    model.goTo('key');
    assert.deepEqual(model.wanted(), ['list']);
    void MODELS;
  });
});
