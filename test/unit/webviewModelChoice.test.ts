// Step 3's models for Trae in the page (plain Node, the DOM fake, the views the host really builds): the
// main model and "Also in Trae" per row, the "Chosen for Trae (n of 20)" set with Make main and Remove, a
// 21st refused with a sentence, a model the pool no longer offers said and kept, and a list of 5,000 models
// with 20 chosen drawn once per filter, not once per tick.
import * as assert from 'node:assert/strict';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import { renderMsg } from '../../src/core/text/messages';
import { mountModel } from '../../src/webview/steps/model';
import { addFurther, furtherOf, makeMain } from '../../src/webview/steps/modelChoice';
import type { AppContext, LocalDraft } from '../../src/webview/stepContract';
import { buildView } from '../../src/wizard/view/view';
import { buildModelList } from '../../src/wizard/view/viewParts';
import type { FakeElement } from './fakes/dom';
import { MODELS, POOL_A } from './wizardFixtures';
import { listModels, reachedState, usePage, viewContext } from './wizardHarness';

const many = (n: number): ModelInfo[] =>
  Array.from({ length: n }, (_, i) => ({ id: `model-${i}`, displayName: `Model ${i}`, supportsImages: i % 2 === 0 }));

/** The host's side on step 3, with the page's draft applied to it as setDraft would. */
function host(models: readonly ModelInfo[]) {
  const state = reachedState({ url: POOL_A, fullUrl: false, modelId: '' });
  let token = 0;
  const listed = (list: readonly ModelInfo[]) => {
    listModels(state, list);
    token++;
  };
  listed(models);
  assert.equal(state.goTo('model'), undefined);
  const views = (local?: LocalDraft) => {
    if (local) state.setDraft({ url: POOL_A, fullUrl: false, modelId: local.modelId, moreModels: local.moreModels });
    return [buildView(state, viewContext(), token), buildModelList(state, token, renderMsg)] as const;
  };
  return { state, listed, views };
}

describe('step 3 in the page: the models for Trae', () => {
  const page = usePage();

  function mount() {
    let changes = 0;
    const local: LocalDraft = { url: POOL_A, fullUrl: false, modelId: '', moreModels: [], basedOn: 0 };
    const ctx = {
      local,
      goTo: () => undefined,
      draftChanged: () => changes++,
      showFailure: (error: unknown) => assert.fail(String(error)),
      act: () => undefined,
    } as unknown as AppContext;
    const step = mountModel(ctx);
    page.document.body.append(step.element);
    const byId = (id: string) => page.document.getElementById(id)!;
    const rowOf = (id: string) =>
      byId('model-options')
        .querySelectorAll('.model-option')
        .find((r) => r.querySelector(`input[type=radio]`)!.value === id)!;
    const tick = (id: string, on = true) => {
      const box = rowOf(id).querySelector('input[type=checkbox]')!;
      box.checked = on;
      box.dispatch('change');
    };
    const pick = (id: string) => {
      const radio = rowOf(id).querySelector('input[type=radio]')!;
      radio.checked = true;
      radio.dispatch('change');
    };
    const items = () =>
      byId('chosen-list')
        .querySelectorAll('li')
        .map((li) => li.textContent);
    const button = (li: FakeElement, label: RegExp) =>
      li.querySelectorAll('button').find((b) => label.test(b.textContent))!;
    return { step, local, byId, rowOf, tick, pick, items, button, changes: () => changes };
  }

  /** Step 3 drawn for a pool that lists these models. */
  function opened(models: readonly ModelInfo[]) {
    const pool = host(models);
    const p = mount();
    p.step.update(...pool.views());
    return { pool, p };
  }

  /** The user's set on the fixtures' pool: GPT-5.5 as the main model, then GPT-5.4 Mini and GPT-5.6 Terra. */
  function threeChosen() {
    const { pool, p } = opened(MODELS);
    p.pick('gpt-5.5');
    p.tick('gpt-5.4-mini');
    p.tick('gpt-5.6-terra');
    return { pool, p };
  }

  it('a user picks a main model and two more: the set lists three, main first, and the host gets all three', () => {
    const { pool, p } = threeChosen();
    assert.equal(p.local.modelId, 'gpt-5.5');
    assert.deepEqual(p.local.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);
    assert.ok(p.changes() >= 3, 'each choice goes to the host');
    assert.equal(p.byId('chosen-title').textContent, 'Chosen for Trae (3 of 20)');
    assert.deepEqual(p.items(), [
      'gpt-5.5Main model',
      'gpt-5.4-miniGPT-5.4 MiniMake mainRemove',
      'gpt-5.6-terraGPT-5.6 TerraMake mainRemove',
    ]);
    const mainBox = p.rowOf('gpt-5.5').querySelector('input[type=checkbox]')!;
    assert.equal(mainBox.checked && mainBox.disabled, true, 'the main model is in Trae, and not a further one');
    assert.equal(mainBox.getAttribute('aria-label'), 'Main model: gpt-5.5');
    const also = p.rowOf('gpt-5.4-mini').querySelector('input[type=checkbox]')!;
    assert.equal(also.getAttribute('aria-label'), 'Also in Trae: gpt-5.4-mini', 'a real name per box');

    // The host's view, built from the draft the page sends, agrees.
    p.step.update(...pool.views(p.local));
    assert.deepEqual(pool.state.draft.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra']);
    assert.equal(p.byId('chosen-title').textContent, 'Chosen for Trae (3 of 20)');
  });

  it('Make main swaps a further model with the main one; Remove takes one out and keeps the rest', () => {
    const { p } = threeChosen();
    const [, mini] = p.byId('chosen-list').querySelectorAll('li');
    p.button(mini!, /^Make main$/).click();
    assert.equal(p.local.modelId, 'gpt-5.4-mini');
    assert.deepEqual(p.local.moreModels, ['gpt-5.5', 'gpt-5.6-terra']);
    assert.equal(p.byId('model').value, 'gpt-5.4-mini', 'the Model ID field follows');
    const terra = p.byId('chosen-list').querySelectorAll('li')[2]!;
    p.button(terra, /^Remove$/).click();
    assert.deepEqual(p.local.moreModels, ['gpt-5.5']);
    assert.equal(p.byId('chosen-title').textContent, 'Chosen for Trae (2 of 20)');
    assert.equal(page.document.activeElement?.id, 'chosen-title', 'focus is not lost with the button');
  });

  it('ids that differ only in case are one model; the main model typed in other casing is not also a further one', () => {
    const local: LocalDraft = {
      url: POOL_A,
      fullUrl: false,
      modelId: 'gpt-5.5',
      moreModels: ['gpt-5.4-mini'],
      basedOn: 0,
    };
    assert.equal(addFurther(local, 'GPT-5.4-MINI'), 'already');
    assert.equal(addFurther(local, ' GPT-5.5 '), 'already');
    local.modelId = 'GPT-5.4-Mini';
    assert.deepEqual(furtherOf(local), []);
    makeMain(local, 'gpt-5.6-terra');
    assert.deepEqual(
      [local.modelId, furtherOf(local)],
      ['gpt-5.6-terra', []],
      'a model from outside replaces the main one',
    );
  });

  it('a 21st model is refused with a sentence that says what to do; nothing is dropped', () => {
    const { p } = opened(many(40));
    p.pick('model-0');
    for (let i = 1; i < 20; i++) p.tick(`model-${i}`);
    assert.equal(p.byId('chosen-title').textContent, 'Chosen for Trae (20 of 20)');
    const refused = p.byId('chosen-refused');
    assert.equal(refused.hidden, true);
    p.tick('model-20');
    const box = p.rowOf('model-20').querySelector('input[type=checkbox]')!;
    assert.equal(box.checked, false, 'the box does not stay ticked');
    assert.equal(furtherOf(p.local).length, 19);
    assert.equal(refused.hidden, false);
    assert.equal(refused.getAttribute('role'), 'alert');
    assert.equal(
      refused.textContent,
      'Trae gets at most 20 models from one setup: "model-20" was not added. Remove one of the chosen models first.',
    );
    p.tick('model-19', false);
    assert.equal(refused.hidden, true, 'the sentence goes once there is room');
  });

  it('the pool stops offering a chosen model: it is marked "not offered now" and kept until the user removes it', () => {
    const { pool, p } = threeChosen();
    p.step.update(...pool.views(p.local));
    assert.equal(p.byId('chosen-gone').hidden, true);
    pool.listed(MODELS.filter((m) => m.id !== 'gpt-5.4-mini'));
    p.step.update(...pool.views());
    const [, mini] = p.byId('chosen-list').querySelectorAll('li');
    assert.match(mini!.textContent, /^gpt-5\.4-mini.*not offered now/);
    assert.equal(mini!.textContent, 'gpt-5.4-mininot offered nowRemove', 'not offered: Remove, no Make main');
    const gone = p.byId('chosen-gone');
    assert.equal(gone.hidden, false);
    assert.match(gone.textContent, /the pool's list for this key does not have "gpt-5\.4-mini"/);
    assert.deepEqual(p.local.moreModels, ['gpt-5.4-mini', 'gpt-5.6-terra'], 'kept, with the others');
    p.button(mini!, /^Remove$/).click();
    p.step.update(...pool.views(p.local));
    assert.deepEqual(p.items(), ['gpt-5.5Main model', 'gpt-5.6-terraGPT-5.6 TerraMake mainRemove']);
    assert.equal(p.byId('chosen-gone').hidden, true);
  });

  it('5,000 models and 20 chosen: at most 150 rows are drawn, and a tick or a new view does not draw them again', () => {
    const { pool, p } = opened(many(5000));
    const options = p.byId('model-options');
    assert.equal(options.querySelectorAll('.model-option').length, 150);
    p.pick('model-0');
    for (let i = 1; i < 20; i++) p.tick(`model-${i}`);
    const before = options.childNodes.slice();
    p.tick('model-7', false);
    p.step.update(...pool.views(p.local));
    assert.ok(
      options.childNodes.every((row, i) => row === before[i]),
      'the same rows, marked in place',
    );
    assert.equal(p.byId('chosen-title').textContent, 'Chosen for Trae (19 of 20)');
  });
});
