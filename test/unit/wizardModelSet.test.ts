// Several models for Trae in the wizard (issue 24, point 1 and "Bad input, and nothing lost"), in plain Node
// with the controller and its in-memory fakes: one main model and up to 19 more; ids that differ only in case
// are one model; a 21st is refused with a sentence; a model the pool no longer offers is said, kept until the
// user removes it, and refused by Save by name while the other models stay chosen; a returning draft keeps it.
import * as assert from 'node:assert/strict';
import { renderMsg } from '../../src/core/text/messages';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import { diagnosis } from '../../src/core/check/diagnosis';
import { RefusedRequest } from '../../src/wizard/protocol/protocol';
import { WizardViewSchema } from '../../src/wizard/protocol/protocolViews';
import type { WizardState } from '../../src/wizard/state/state';
import { STATE_KEY } from '../../src/wizard/state/stateTypes';
import { buildView } from '../../src/wizard/view/view';
import { flush } from './fakes/async';
import { KEY, MODELS, POOL_A, report } from './wizardFixtures';
import { setup, viewContext } from './wizardHarness';

function viewOf(state: WizardState) {
  const view = buildView(state, viewContext(), 1);
  assert.ok(WizardViewSchema.safeParse(view).success, 'the view fits the protocol');
  return view;
}

/** On step 3 of a saved pool with a stored key, the draft's models set as the page would send them. */
async function atModelStep(more: string[], options: Parameters<typeof setup>[0] = {}) {
  const h = await setup({ key: KEY, settings: { baseUrl: POOL_A, model: '' }, ...options });
  h.controller.goTo('model');
  h.controller.setDraft(
    { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: more },
    h.controller.state.draftVersion,
  );
  await flush();
  return h;
}

const refusedFor = (model: string) => (e: unknown) =>
  e instanceof RefusedRequest &&
  e.reason.id === 'ui.wizard.refused.moreNotOffered' &&
  renderMsg(e.reason).includes(`"${model}"`) &&
  e.fix?.id === 'ui.wizard.refused.moreNotOfferedFix';

describe('several models for Trae in the wizard (plain Node)', () => {
  it('three models chosen: main first, saved as the main model and an array, with one model list for all', async () => {
    const { controller, settings, checks } = await atModelStep(['gpt-5.4-mini', 'gpt-5.6-terra']);
    const lists = checks.count('list');
    controller.setDraft(
      { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.6-terra', 'gpt-5.4-mini'] },
      controller.state.draftVersion,
    );
    await flush();
    assert.equal(checks.count('list'), lists, 'choosing models sends no request');
    assert.deepEqual(viewOf(controller.state).draft.moreModels, ['gpt-5.6-terra', 'gpt-5.4-mini']);
    controller.goTo('test');
    await controller.save();
    assert.deepEqual(settings.writes, [
      { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5', moreModels: ['gpt-5.6-terra', 'gpt-5.4-mini'] },
    ]);
    assert.equal(checks.calls.filter((c) => c.kind === 'test').at(-1)!.draft.modelId, 'gpt-5.5', 'the test: main');
  });

  it('two ids that differ only in case are one model, and the main model is never also a further one', async () => {
    const { controller } = await atModelStep(['GPT-5.5', 'gpt-5.4-mini', 'GPT-5.4-MINI', ' gpt-5.6-terra ']);
    assert.deepEqual(controller.state.draft.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);
    assert.deepEqual(viewOf(controller.state).draft.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);
  });

  it('a 21st model is refused with a sentence that names it and says what to do; the 20 stay', async () => {
    const more = Array.from({ length: 20 }, (_, i) => `model-${i + 1}`);
    const { controller } = await atModelStep(more);
    assert.deepEqual(controller.state.draft.moreModels, more.slice(0, 19), 'main + 19: Trae gets 20');
    const notice = viewOf(controller.state).notices.find((n) => n.id === 'modelsTooMany');
    assert.equal(
      notice?.text,
      'Trae gets at most 20 models from one setup: "model-20" was not added. Remove one of the chosen models first.',
    );
    assert.equal(notice?.severity, 'error');
  });

  it('a chosen model the pool does not offer is shown as not offered now, not dropped', async () => {
    const { controller } = await atModelStep(['gpt-5.4-mini', 'gpt-retired']);
    const view = viewOf(controller.state);
    assert.deepEqual(view.draft.moreModels, ['gpt-5.4-mini', 'gpt-retired'], 'kept');
    assert.deepEqual(view.model.notOffered, ['gpt-retired']);
    assert.equal(controller.state.reachable('test'), true, 'the main model is fine: the user may go on');
  });

  it('the pool drops a model while the wizard is open: the set says so, and the user keeps the others', async () => {
    const { controller, checks } = await atModelStep(['gpt-5.4-mini', 'gpt-5.6-terra']);
    assert.equal(viewOf(controller.state).model.notOffered, undefined, 'all offered');
    const fewer: ModelInfo[] = MODELS.filter((m) => m.id !== 'gpt-5.4-mini');
    checks.list = async (draft) => ({ kind: 'report', report: report(draft, { models: fewer }) });
    await controller.recheck('models');
    await flush();
    const view = viewOf(controller.state);
    assert.deepEqual(view.model.notOffered, ['gpt-5.4-mini']);
    assert.deepEqual(view.draft.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra'], 'nothing dropped');
  });

  it('Save refuses a set with a model the list does not offer, by name, before any chat; the others stay and save once it is removed', async () => {
    const { controller, settings, checks } = await atModelStep(['gpt-5.4-mini', 'gpt-gone', 'gpt-5.6-terra']);
    controller.goTo('test');
    await assert.rejects(controller.save(), refusedFor('gpt-gone'));
    assert.equal(settings.writes.length, 0, 'nothing written');
    assert.equal(checks.count('test'), 0, 'no quota spent on a save that is refused');
    assert.deepEqual(controller.state.draft.moreModels, ['gpt-5.4-mini', 'gpt-gone', 'gpt-5.6-terra'], 'kept');
    controller.setDraft(
      { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'] },
      controller.state.draftVersion,
    );
    await controller.save();
    assert.deepEqual(settings.writes.at(-1)?.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);
  });

  it('Save is refused for a model the pool dropped after the test passed, and writes nothing', async () => {
    const { controller, settings, checks } = await atModelStep(['gpt-5.4-mini']);
    controller.goTo('test');
    await controller.runTest();
    checks.list = async (draft) => ({ kind: 'report', report: report(draft, { models: MODELS.slice(0, 2) }) });
    await controller.recheck('models');
    await flush();
    await assert.rejects(controller.save(), refusedFor('gpt-5.4-mini'));
    assert.deepEqual(settings.writes, []);
  });

  it("a returning draft keeps its set (the memento holds ids only), and the test's finding about a model removed since is not said", async () => {
    const first = await atModelStep(['gpt-5.4-mini', 'gpt-5.6-terra']);
    const remembered = first.memento.values.get(STATE_KEY) as { draft?: { moreModels?: string[] } };
    assert.deepEqual(remembered.draft?.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);
    first.controller.dispose();
    const again = await setup({
      key: KEY,
      settings: { baseUrl: POOL_A, model: '' },
      memento: { [STATE_KEY]: remembered },
    });
    assert.deepEqual(again.controller.state.draft.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);

    // A test that ran while "gpt-x" was chosen: its finding goes once "gpt-x" is no longer in the set.
    const gone = diagnosis('more-model-not-listed', 'models', 'gone', { args: { model: 'gpt-x' } });
    again.checks.test = async (draft) => {
      const r = report(draft, { mode: 'full' });
      return { kind: 'report', report: { ...r, verdict: 'warning', diagnoses: [gone] } };
    };
    again.controller.setDraft(
      { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.4-mini', 'gpt-x'] },
      again.controller.state.draftVersion,
    );
    again.controller.goTo('test');
    await again.controller.runTest();
    assert.equal(viewOf(again.controller.state).test.report?.problems.length, 1, 'said while chosen');
    again.controller.setDraft(
      { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.4-mini'] },
      again.controller.state.draftVersion,
    );
    assert.equal(viewOf(again.controller.state).test.report?.problems.length, 0, 'not said once removed');
  });
});
