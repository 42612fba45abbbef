// Step 3's model filter in the page (plain Node, the DOM fake, the views the host really builds): a filter
// that hides models stays in sight with a way to clear it, however short the list became since (issue
// "What a new user met, again", point 4: "h" typed in a long list, then "Refresh the list" brought back
// 3 models; the filter box vanished while the filter stayed, and nothing but leaving the step cleared it).
import * as assert from 'node:assert/strict';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import { renderMsg } from '../../src/core/text/messages';
import { mountModel } from '../../src/webview/steps/model';
import type { AppContext } from '../../src/webview/stepContract';
import { buildView } from '../../src/wizard/view/view';
import { buildModelList } from '../../src/wizard/view/viewParts';
import { MODELS, POOL_A } from './wizardFixtures';
import { listModels, reachedState, usePage, viewContext } from './wizardHarness';

/** A long list, as the hostile-models scenario has: most names hold an "h". */
const LONG: ModelInfo[] = Array.from({ length: 40 }, (_, i) => ({
  id: `model-${i}`,
  displayName: i % 2 === 0 ? `Hostile ${i}` : `Plain ${i}`,
  supportsImages: false,
}));

/** The host's side: the wizard's state on step 3, a list check that can be answered again (Refresh). */
function host() {
  const state = reachedState({ url: POOL_A, fullUrl: false, modelId: '' });
  let token = 0;
  const listed = (models: readonly ModelInfo[]) => {
    listModels(state, models);
    token++;
    assert.equal(state.goTo('model'), undefined);
    return [buildView(state, viewContext(), token), buildModelList(state, token, renderMsg)] as const;
  };
  return { listed };
}

describe('step 3 in the page: the model filter', () => {
  const page = usePage();

  function mount() {
    const ctx = {
      local: { url: POOL_A, fullUrl: false, modelId: '', basedOn: 0 },
      goTo: () => undefined,
      draftChanged: () => undefined,
      showFailure: (error: unknown) => assert.fail(String(error)),
      act: () => undefined,
    } as unknown as AppContext;
    const step = mountModel(ctx);
    page.document.body.append(step.element);
    const body = page.document.body;
    const byId = (id: string) => page.document.getElementById(id)!;
    return {
      step,
      byId,
      filter: byId('model-filter'),
      row: () => body.querySelector('.filter-row')!,
      options: () => byId('model-options').querySelectorAll('.model-option').length,
      legend: () => body.querySelector('legend')!.textContent,
    };
  }

  it('a filter set on a long list stays in sight, with Clear, after a refresh brings 3 models (defect: no way out)', () => {
    const pool = host();
    const p = mount();
    p.step.update(...pool.listed(LONG));
    assert.equal(p.row().hidden, false, 'a long list has the filter');
    assert.equal(p.byId('clear-filter').hidden, true, 'nothing to clear yet');
    p.filter.value = 'h';
    p.filter.dispatch('input');
    assert.equal(p.options(), 20);
    assert.equal(p.byId('clear-filter').hidden, false);

    p.step.update(...pool.listed(MODELS));
    assert.equal(p.legend(), 'Models on this pool (3)');
    assert.equal(p.options(), 0, 'the filter still applies');
    assert.equal(p.row().hidden, false, 'a filter that hides models is in sight');
    assert.equal(p.byId('clear-filter').hidden, false, 'and it can be cleared');
    const none = p.byId('models-none');
    assert.equal(none.hidden, false);
    assert.match(none.textContent, /^No model matches the filter\. Clear the filter$/);

    p.byId('clear-filter-none').click();
    assert.equal(p.filter.value, '');
    assert.equal(p.options(), 3, 'every model is back');
    assert.equal(none.hidden, true);
    assert.equal(p.row().hidden, true, 'a short list with no filter needs none');
    assert.equal(page.document.activeElement?.id, 'model-0', 'focus goes to the list, not into a hidden box');
  });

  it('Clear in the filter row on a long list: every model again, focus stays in the filter', () => {
    const pool = host();
    const p = mount();
    p.step.update(...pool.listed(LONG));
    p.filter.value = 'plain 37';
    p.filter.dispatch('input');
    assert.equal(p.options(), 1);
    p.byId('clear-filter').click();
    assert.equal(p.options(), 40);
    assert.equal(p.row().hidden, false);
    assert.equal(p.byId('clear-filter').hidden, true);
    assert.equal(p.byId('models-none').hidden, true);
    assert.equal(page.document.activeElement?.id, 'model-filter');
  });

  it('a short list with no filter shows no filter box, as before', () => {
    const pool = host();
    const p = mount();
    p.step.update(...pool.listed(MODELS));
    assert.equal(p.options(), 3);
    assert.equal(p.row().hidden, true);
    assert.equal(p.byId('models-none').hidden, true);
  });
});
