// Step 5 with several models (issue 24, points 2 and 6): one Add Model card per model with the values fitted to
// it and Display Names told apart, the shared rows said once, "Added in Trae" ticks remembered for the setup
// (across a reload, never with the key) and dropped when the set changes; step 6 says that one confirmation
// covers the setup. Host view model and the page (the DOM fake), in plain Node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import catalog from '../../src/core/text/catalog.json';
import { renderMsg } from '../../src/core/text/messages';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import type { GuideLanguage } from '../../src/core/trae/traeLabels';
import { dialogFields } from '../../src/core/trae/guideText';
import type { AppContext } from '../../src/webview/stepContract';
import { mountTrae } from '../../src/webview/steps/trae';
import { guideFor, guidesFor, guideTextFor } from '../../src/wizard/view/guideView';
import { WizardState } from '../../src/wizard/state/state';
import type { Draft, StateInit } from '../../src/wizard/state/stateTypes';
import { buildView } from '../../src/wizard/view/view';
import { WizardViewSchema } from '../../src/wizard/protocol/protocolViews';
import { RefusedRequest } from '../../src/wizard/protocol/protocol';
import { STATE_KEY } from '../../src/wizard/state/stateTypes';
import { flush } from './fakes/async';
import { KEY as STORED_KEY, MODELS, POOL_A, POOL_B } from './wizardFixtures';
import { listModels, reachedState, setup, usePage, viewContext } from './wizardHarness';

const KEY = 'sk-cxp-0123456789ab-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const THREE: Draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.6-terra', moreModels: ['gpt-5.5', 'gpt-5.4-mini'] };

/** A saved, working setup on step 5 (the list answered with `models`). */
function onStepFive(saved: Draft, persisted?: StateInit['persisted'], models: readonly ModelInfo[] = MODELS) {
  const state = reachedState(saved, persisted);
  listModels(state, models);
  assert.equal(state.goTo('trae'), undefined);
  return state;
}

function viewOf(state: WizardState, language: GuideLanguage = 'en') {
  const view = buildView(state, viewContext({ language, guide: (w) => guideFor(w, language) }), 1);
  assert.ok(WizardViewSchema.safeParse(view).success, 'the view fits the protocol');
  return view;
}

const valueOf = (rows: readonly { fields: readonly { id: string; value: string; on: boolean }[] }[], id: string) =>
  rows.flatMap((r) => r.fields).find((f) => f.id === id);

describe('step 5 with several models: one Add Model card per model', () => {
  it('three models: three cards, main first, each with its own Model ID, Multimodal, Display Name and window', () => {
    const models = viewOf(onStepFive(THREE)).guide!.models!;
    assert.deepEqual(
      models.cards.map((c) => [c.modelId, c.main, c.added]),
      [
        ['gpt-5.6-terra', true, false],
        ['gpt-5.5', false, false],
        ['gpt-5.4-mini', false, false],
      ],
    );
    const mini = models.cards[2]!;
    const all = [...mini.required, ...mini.advanced];
    assert.equal(valueOf(all, 'modelId')?.value, 'gpt-5.4-mini');
    assert.equal(valueOf(all, 'multimodal')?.on, false, 'no image input listed for gpt-5.4-mini');
    assert.equal(valueOf([...models.cards[0]!.required], 'multimodal')?.on, true);
    assert.equal(valueOf(all, 'displayName')?.value, 'GPT-5.4 Mini via Codex Pooler');
    assert.deepEqual([valueOf(all, 'contextInput')?.value, valueOf(all, 'contextOutput')?.value], ['105600', '16000']);
    assert.deepEqual(
      all.flatMap((r) => r.fields.map((f) => f.id)),
      ['modelId', 'multimodal', 'displayName', 'contextInput', 'contextOutput'],
      'only the rows that differ per model: URL, Full URL and key are said once',
    );
    assert.equal(models.progress, '0 of 3 added in Trae');
    assert.match(models.intro, /open Add Model once for each of the 3 cards/);
  });

  it('a model the pool no longer offers: its card says "not offered now", the others do not', () => {
    const withoutMini = MODELS.filter((m) => m.id !== 'gpt-5.4-mini');
    const cards = viewOf(onStepFive(THREE, undefined, withoutMini)).guide!.models!.cards;
    assert.deepEqual(
      cards.map((c) => [c.modelId, c.notOffered === true]),
      [
        ['gpt-5.6-terra', false],
        ['gpt-5.5', false],
        ['gpt-5.4-mini', true],
      ],
    );
    assert.ok(
      viewOf(onStepFive(THREE)).guide!.models!.cards.every((c) => c.notOffered === undefined),
      'all offered: no card says otherwise',
    );
  });

  it('one model: no cards and no progress, the step is drawn as before', () => {
    const view = viewOf(onStepFive({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' }));
    assert.equal(view.guide!.models, undefined);
    assert.ok(valueOf(view.guide!.required, 'modelId'));
  });

  it('two models whose names would be equal get Display Names told apart, each within 32 characters', () => {
    const twins: ModelInfo[] = [
      { id: 'team-a/model', displayName: 'Shared Name', supportsImages: false, contextLength: 258400 },
      { id: 'team-b/model', displayName: 'Shared Name', supportsImages: false, contextLength: 258400 },
    ];
    const state = onStepFive(
      { url: POOL_A, fullUrl: false, modelId: 'team-a/model', moreModels: ['team-b/model'] },
      {},
      [...MODELS, ...twins],
    );
    const names = viewOf(state).guide!.models!.cards.map((c) => valueOf(c.advanced, 'displayName')!.value);
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, 2, names.join(' | '));
    for (const name of names) assert.ok(name.length <= 32, name);
    // The main guide (Copy all, step 6) uses the same told-apart name as the main card.
    const main = guideFor(state, 'en')!;
    assert.equal(dialogFields(main.dialog).find((f) => f.id === 'displayName')?.value, names[0]);
  });

  it("a card's Copy copies that model's value: the guide for gpt-5.4-mini, not the main model's", () => {
    const state = onStepFive(THREE);
    const fields = dialogFields(guideFor(state, 'en', 'GPT-5.4-MINI')!.dialog);
    assert.equal(fields.find((f) => f.id === 'modelId')?.value, 'gpt-5.4-mini');
    assert.equal(fields.find((f) => f.id === 'contextInput')?.value, '105600');
    assert.equal(guideFor(state, 'en', 'not-in-the-set'), undefined, 'a model outside the set copies nothing');
  });

  it('"Copy all as text": the main checklist, then each further model with only what differs (never the key)', () => {
    const state = onStepFive(THREE);
    const [main, ...others] = guidesFor(state, 'en');
    const text = guideTextFor(main!, 'all', renderMsg, '<your Pool API key>', others)!;
    const tail = text.split('\n').slice(-3);
    assert.deepEqual(tail, [
      'Then one more Add Model entry for each of the 2 further models, with the same values except:',
      '- Model ID: gpt-5.5; Multimodal: On; Display Name: GPT-5.5 via Codex Pooler; Context Window Input: 184000; Context Window Output: 16000',
      '- Model ID: gpt-5.4-mini; Multimodal: Off; Display Name: GPT-5.4 Mini via Codex Pooler; Context Window Input: 105600; Context Window Output: 16000',
    ]);
    assert.ok(text.includes('<your Pool API key>') && !text.includes('sk-cxp-'));
  });
});

describe('"Added in Trae": ticks remembered for the setup', () => {
  it('ticks two of three: "2 of 3 added", and they survive a reload (the persisted state, never the key)', () => {
    const state = onStepFive(THREE);
    assert.equal(state.markAdded('gpt-5.6-terra', true), true);
    assert.equal(state.markAdded('GPT-5.4-mini', true), true, 'matched without case');
    const models = viewOf(state).guide!.models!;
    assert.deepEqual(
      models.cards.map((c) => c.added),
      [true, false, true],
    );
    assert.equal(models.progress, '2 of 3 added in Trae');
    const stored = JSON.parse(JSON.stringify(state.persisted())) as StateInit['persisted'];
    const text = JSON.stringify(stored);
    assert.ok(!text.includes(KEY) && !text.includes('sk-cxp'), 'no key');
    assert.ok(!text.includes(POOL_A), 'the URL only as a fingerprint');
    const reloaded = onStepFive(THREE, stored);
    assert.deepEqual(
      viewOf(reloaded).guide!.models!.cards.map((c) => c.added),
      [true, false, true],
    );
    assert.equal(reloaded.markAdded('gpt-5.5', true), true);
    assert.equal(viewOf(reloaded).guide!.models!.progress, 'All 3 added in Trae');
    assert.equal(reloaded.markAdded('gpt-5.5', false), true);
    assert.equal(viewOf(reloaded).guide!.models!.progress, '2 of 3 added in Trae');
  });

  it('a model that leaves the set loses its tick (and it is not stored again); its return starts unticked', () => {
    const state = onStepFive(THREE);
    state.markAdded('gpt-5.4-mini', true);
    state.markAdded('gpt-5.5', true);
    state.setSaved({ ...THREE, moreModels: ['gpt-5.5'] });
    assert.deepEqual(state.persisted().added?.models, ['gpt-5.5']);
    state.setSaved(THREE);
    assert.deepEqual(
      viewOf(state).guide!.models!.cards.map((c) => c.added),
      [false, true, false],
    );
  });

  it('another URL (or Full URL switch) is another setup: no tick carries over', () => {
    const state = onStepFive(THREE);
    state.markAdded('gpt-5.5', true);
    const stored = state.persisted();
    assert.deepEqual(viewOf(onStepFive({ ...THREE, url: POOL_B }, stored)).guide!.models!.cards[1]!.added, false);
    assert.ok(onStepFive(THREE, stored).added.ticked(THREE).has('gpt-5.5'));
    assert.equal(onStepFive(THREE, stored).added.ticked({ ...THREE, fullUrl: true }).size, 0);
  });

  it('a model outside the set, or a step 5 that cannot be open, is refused; hostile storage is ignored', () => {
    const state = onStepFive(THREE);
    assert.equal(state.markAdded('gpt-9', true), false);
    const hostile = [{ setup: '<img>', models: ['gpt-5.5'] }, { setup: 'x'.repeat(32), models: 'gpt-5.5' }, 'text'];
    for (const added of hostile) {
      const view = viewOf(onStepFive(THREE, { added }));
      assert.ok(view.guide!.models!.cards.every((c) => !c.added));
    }
    const closed = new WizardState({ saved: THREE, key: { kind: 'none' } });
    assert.equal(closed.markAdded('gpt-5.5', true), false);
  });
});

describe('"Added in Trae" through the controller', () => {
  it('ticks are stored with the wizard state (never the key), survive a reopen, and follow the settings', async () => {
    const settings = { moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'] };
    const first = await setup({ key: STORED_KEY, settings });
    assert.equal(first.controller.state.step, 'trae');
    first.controller.markAdded('gpt-5.4-mini', true);
    first.controller.markAdded('gpt-5.5', true);
    await flush();
    const stored = first.memento.values.get(STATE_KEY);
    assert.ok(!JSON.stringify(stored).includes(STORED_KEY), 'no key in the stored state');
    first.controller.dispose();

    const second = await setup({ key: STORED_KEY, settings, memento: { [STATE_KEY]: stored } });
    const { state } = second.controller;
    assert.deepEqual([...state.added.ticked(state.saved)].sort(), ['gpt-5.4-mini', 'gpt-5.5'], 'after the reopen');
    assert.throws(() => second.controller.markAdded('gpt-9', true), RefusedRequest);
    await second.controller.copy('modelId', 'gpt-5.6-terra');
    assert.equal(second.clipboard.at(-1), 'value of modelId for gpt-5.6-terra', "the card's model reaches the copy");

    await second.settings.writeConnection({
      baseUrl: POOL_A,
      fullUrl: false,
      model: 'gpt-5.5',
      moreModels: ['gpt-5.6-terra'],
    });
    await flush();
    const after = second.memento.values.get(STATE_KEY) as { added?: { models: string[] } };
    assert.deepEqual(after.added?.models, ['gpt-5.5'], 'gpt-5.4-mini left the set: its tick is gone');
    second.controller.dispose();
  });
});

describe('step 6 with several models: one confirmation covers the setup', () => {
  it('says the usage counter is per key, not per model, and asks to add every model', () => {
    const confirm = viewOf(onStepFive(THREE)).confirm!;
    assert.match(confirm.proves, /per key, not per model/);
    assert.match(confirm.proves, /One confirmation covers the whole setup/);
    assert.equal(confirm.instructions[0]?.title, 'Add the 3 models in Trae');
    assert.doesNotMatch(JSON.stringify(confirm), /confirm(ation)? (for )?each model|per model confirm/i);
    const one = viewOf(onStepFive({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' })).confirm!;
    assert.equal(one.instructions[0]?.title, 'Add the model in Trae');
  });

  it('says it in Chinese too', () => {
    const file = path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json');
    const zh = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    assert.match(zh[catalog['ui.wizard.confirm.provesSet']] ?? '', /按密钥计数，而不是按模型计数/);
  });
});

describe('step 5 with several models in the page', () => {
  const page = usePage();
  const sent: Array<[string, unknown]> = [];
  const ctx = {
    rpc: {
      request: async (name: string, params: unknown) => (sent.push([name, params]), {}),
      send: () => undefined,
    },
    goTo: () => undefined,
    act: (name: string, params: unknown) => void sent.push([name, params]),
    showFailure: (error: unknown) => assert.fail(String(error)),
  } as unknown as AppContext;
  beforeEach(() => (sent.length = 0));

  function mount(state: WizardState) {
    const step = mountTrae(ctx);
    page.document.body.append(step.element);
    step.update(viewOf(state), undefined);
    return step;
  }
  const cards = () => page.document.body.querySelectorAll('.trae-card');

  it('draws the shared rows once, then three cards: the main one open, each with a labelled checkbox', () => {
    mount(onStepFive(THREE));
    const dialog = page.document.getElementById('trae-dialog')!;
    assert.equal(page.document.getElementById('trae-shared')!.textContent, 'The same for every model');
    const shared = dialog.querySelectorAll('[data-field]').map((f) => f.getAttribute('data-field'));
    assert.deepEqual(shared, ['apiFormat', 'requestUrl', 'fullUrl', 'apiKey', 'modelSeries', 'toolCallRounds']);
    assert.equal(cards().length, 3);
    assert.deepEqual(
      cards().map((c) => c.querySelector('details')!.hasAttribute('open')),
      [true, false, false],
    );
    const label = cards()[2]!.querySelector('label')!;
    assert.equal(label.querySelector('input')!.getAttribute('type'), 'checkbox', 'a real checkbox, in its label');
    assert.equal(label.textContent, ' Added in Trae (gpt-5.4-mini)');
    assert.equal(page.document.getElementById('trae-progress')!.textContent, '0 of 3 added in Trae');
    assert.equal(page.document.body.querySelectorAll('[data-field=apiKey]').length, 1, 'the key row is said once');
  });

  it('the card of a model the pool stopped offering says so in its summary; the others do not', () => {
    mount(
      onStepFive(
        THREE,
        undefined,
        MODELS.filter((m) => m.id !== 'gpt-5.4-mini'),
      ),
    );
    const said = cards().map((c) => c.querySelector('summary')!.textContent.includes('not offered now'));
    assert.deepEqual(said, [false, false, true]);
  });

  it("a card's Copy asks for that model's value; its tick asks the host to remember it", async () => {
    mount(onStepFive(THREE));
    const card = cards()[2]!;
    const copy = card.querySelector('[data-field=modelId]')!.querySelector('button')!;
    assert.equal(copy.getAttribute('aria-label'), 'Copy Model ID for gpt-5.4-mini');
    copy.click();
    await Promise.resolve();
    const tick = card.querySelector('input')!;
    tick.checked = true;
    tick.dispatch('change');
    assert.deepEqual(sent, [
      ['copy', { what: 'modelId', model: 'gpt-5.4-mini' }],
      ['markAdded', { model: 'gpt-5.4-mini', added: true }],
    ]);
  });

  it('a redraw keeps the cards the user opened, and shows the ticks the host remembered', () => {
    const state = onStepFive(THREE);
    const step = mount(state);
    cards()[1]!.querySelector('details')!.setAttribute('open', '');
    state.markAdded('gpt-5.5', true);
    step.update(viewOf(state), undefined);
    assert.deepEqual(
      cards().map((c) => c.querySelector('details')!.hasAttribute('open')),
      [true, true, false],
    );
    assert.equal(cards()[1]!.querySelector('input')!.checked, true);
    assert.equal(page.document.getElementById('trae-progress')!.textContent, '1 of 3 added in Trae');
  });

  it('a hostile model id is shown as text, never as markup', () => {
    const id = '<img src=x onerror=alert(1)>';
    const hostile: ModelInfo = { id, displayName: id, supportsImages: false };
    mount(onStepFive({ ...THREE, moreModels: [id] }, {}, [...MODELS, hostile]));
    assert.equal(page.document.body.querySelectorAll('img').length, 0);
    assert.equal(cards()[1]!.querySelector('.card-model')!.textContent, id);
  });
});
