// "Test every model" in the page (plain Node, the DOM fake): the cost is said first and nothing is sent
// until the user confirms; Cancel while it runs stops what is left; the table has a row per model; the
// Trae-shaped check's model select lists the set, main model first. Hidden for a set of one model.
import * as assert from 'node:assert/strict';
import type { AppContext } from '../../src/webview/stepContract';
import { everyModelSection } from '../../src/webview/steps/everyModel';
import type { EveryModelView } from '../../src/wizard/protocol/protocolViews';
import type { FakeElement } from './fakes/dom';
import { usePage } from './wizardHarness';

const VIEW: EveryModelView = {
  models: ['gpt-5.5', 'gpt-5.4-mini', 'gpt-5.6-terra'],
  cost: 'This sends 3 short chats, one per model: each uses a little of your quota.',
  status: 'idle',
  rows: [],
};

describe('"Test every model" in the page', () => {
  const page = usePage();

  function mount() {
    const acts: Array<[string, unknown]> = [];
    const sent: Array<[string, unknown]> = [];
    const ctx = {
      rpc: { request: async () => ({}), send: (name: string, params: unknown) => sent.push([name, params]) },
      act: (name: string, params: unknown) => acts.push([name, params]),
      showFailure: (error: unknown) => assert.fail(String(error)),
    } as unknown as AppContext;
    const section = everyModelSection(ctx);
    page.document.body.append(section.element, section.traePicker);
    const byId = (id: string) => page.document.getElementById(id) as FakeElement;
    return { section, acts, sent, byId };
  }

  it('the first click says the cost; only "Send them" sends the chats', () => {
    const { section, acts, byId } = mount();
    section.update(VIEW);
    assert.equal(byId('every-model').hidden, false);
    assert.equal(byId('every-cost').hidden, true, 'the cost is said when the user asks');
    byId('run-every').click();
    assert.equal(acts.length, 0, 'nothing sent on the first click');
    assert.equal(byId('every-cost').hidden, false);
    assert.equal(byId('every-cost').textContent, VIEW.cost);
    byId('confirm-every').click();
    assert.deepEqual(acts, [['testEveryModel', {}]]);
  });

  it('while it runs: Cancel stops it; the table shows each model with its answer, time and finding', () => {
    const { section, sent, byId } = mount();
    section.update({
      ...VIEW,
      status: 'running',
      rows: [
        { model: 'gpt-5.5', status: 'done', verdict: 'ok', answer: 'trae ok', durationMs: 412, finding: 'works' },
        { model: 'gpt-5.4-mini', status: 'running' },
        { model: 'gpt-5.6-terra', status: 'waiting' },
      ],
    });
    assert.equal(byId('run-every').hidden, true);
    byId('cancel-every').click();
    assert.deepEqual(sent, [['cancel', { what: 'every' }]]);
    const table = byId('every-table').textContent;
    for (const part of ['gpt-5.5', 'trae ok', '412', 'works', 'gpt-5.4-mini', 'testing…', 'waiting']) {
      assert.ok(table.includes(part), `${part} in ${table}`);
    }
  });

  it('the Trae-shaped check runs on the model chosen (main first); a set of one shows none of it', () => {
    const { section, byId } = mount();
    section.update(VIEW);
    assert.equal(section.traeModel(), 'gpt-5.5');
    byId('trae-model').value = 'gpt-5.6-terra';
    assert.equal(section.traeModel(), 'gpt-5.6-terra');
    section.update(undefined);
    assert.equal(byId('every-model').hidden, true);
    assert.equal(section.traeModel(), undefined, 'one model: the check runs on it, no model is named');
  });
});
