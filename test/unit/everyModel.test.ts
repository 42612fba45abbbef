// "Test every model" (issue 24.3): the documented check once per model, at most 3 at once, Cancel stops what
// is left, a result for inputs that changed is dropped, and the cost is said first. Plain Node: the checks
// are held in deferreds (FakeChecks with auto off) so the test decides when each answer lands.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMsg } from '../../src/core/text/messages';
import { EveryModelTest, everyModelCost, pooled, type EveryModelInputs } from '../../src/wizard/checks/everyModel';
import { RefusedRequest } from '../../src/wizard/protocol/protocol';
import { WizardViewSchema } from '../../src/wizard/protocol/protocolViews';
import { wizardHandlers } from '../../src/wizard/handlers';
import { buildView } from '../../src/wizard/view/view';
import type { Draft } from '../../src/wizard/state/stateTypes';
import { flush } from './fakes/async';
import { FakeLog } from './fakes/log';
import { FakeChecks } from './fakes/wizardChecks';
import { atTestStep, setup, viewContext } from './wizardHarness';
import { KEY, POOL_A, report } from './wizardFixtures';
import catalog from '../../src/core/text/catalog.json';

const TEN = Array.from({ length: 10 }, (_, i) => `model-${i}`);

function harness(models: readonly string[] = TEN) {
  const checks = new FakeChecks();
  checks.auto = false;
  let inFlight = 0;
  let maxInFlight = 0;
  const inputs: { now: EveryModelInputs | undefined } = {
    now: { url: POOL_A, fullUrl: false, keyFingerprint: 'fp-1', models },
  };
  let changes = 0;
  const every = new EveryModelTest({
    test: async (draft, signal) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await checks.test(draft, signal);
      } finally {
        inFlight--;
      }
    },
    inputs: () => inputs.now,
    onChange: () => changes++,
    log: new FakeLog(),
  });
  const draft: Draft = { url: POOL_A, fullUrl: false, modelId: models[0]!, moreModels: models.slice(1) };
  /** Answers the i-th chat sent like a healthy pool. */
  const answer = (i: number) => {
    const call = checks.calls[i]!;
    call.answer.resolve({ kind: 'report', report: report(call.draft, { mode: 'full' }) });
  };
  return { checks, every, draft, inputs, answer, max: () => maxInFlight, changes: () => changes };
}

describe('"Test every model"', () => {
  it('sends one check per model, each about that model alone, never more than 3 at once', async () => {
    const h = harness();
    const done = h.every.run(h.draft);
    await flush();
    assert.equal(h.checks.count('test'), 3, 'three chats at once, the rest wait');
    assert.deepEqual(
      h.every.rows?.map((r) => r.status),
      ['running', 'running', 'running', ...Array<string>(7).fill('waiting')],
    );
    // Answer in an order of their own: each answer lets the next model start, never a fourth at once.
    for (let answered = 0; answered < 10; answered++) {
      h.answer(answered);
      await flush();
    }
    await done;
    assert.equal(h.max(), 3);
    assert.deepEqual(
      h.checks.calls.map((c) => c.draft),
      TEN.map((modelId) => ({ url: POOL_A, fullUrl: false, modelId })),
      'each chat is about its model alone, with the same URL',
    );
    assert.deepEqual(
      h.every.rows?.map((r) => [r.model, r.status, r.report?.target.model]),
      TEN.map((m) => [m, 'done', m]),
    );
  });

  it('Cancel stops what is left: the chats under way are aborted, no new one starts, landed rows stay', async () => {
    const h = harness(TEN.slice(0, 6));
    const done = h.every.run(h.draft);
    await flush();
    h.answer(0);
    await flush();
    assert.equal(h.checks.count('test'), 4);
    h.every.cancel();
    await done;
    assert.equal(h.checks.count('test'), 4, 'nothing sent after Cancel');
    assert.ok(h.checks.calls.slice(1).every((c) => c.signal.aborted));
    assert.deepEqual(
      h.every.rows?.map((r) => r.status),
      ['done', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal(h.every.running, false);
  });

  it('an answer for inputs that changed meanwhile is dropped, even if the inputs come back', async () => {
    const h = harness(TEN.slice(0, 3));
    const done = h.every.run(h.draft);
    await flush();
    h.answer(0);
    await flush();
    const before = h.inputs.now!;
    h.inputs.now = { ...before, keyFingerprint: 'fp-2' };
    assert.equal(h.every.rows?.length, undefined, 'rows of other inputs are not shown');
    h.answer(1);
    await flush();
    h.inputs.now = before;
    assert.deepEqual(
      h.every.rows?.map((r) => r.status),
      ['done', 'running', 'running'],
      'the answer that landed for the other key was not applied',
    );
    h.every.cancel();
    await done;
  });

  it('a changed model set (or URL) stops the run on the next change (sync), and its rows go', async () => {
    const h = harness(TEN.slice(0, 4));
    const done = h.every.run(h.draft);
    await flush();
    h.inputs.now = { ...h.inputs.now!, models: TEN.slice(0, 3) };
    h.every.sync();
    await done;
    assert.ok(
      h.checks.calls.every((c) => c.signal.aborted),
      'every chat under way aborted',
    );
    assert.equal(h.checks.count('test'), 3, 'nothing more sent');
    h.inputs.now = { ...h.inputs.now, models: TEN.slice(0, 4) };
    assert.equal(h.every.rows?.length, undefined, 'the stopped run is gone, not shown again');
  });

  it('a set of one model, or inputs no check may run for: refused, nothing sent', async () => {
    const one = harness(['only']);
    await assert.rejects(one.every.run(one.draft), RefusedRequest);
    const refused = new EveryModelTest({
      test: () => Promise.reject(new Error('must not run')),
      inputs: () => ({ url: POOL_A, fullUrl: false, keyFingerprint: 'fp', models: TEN }),
      refusal: () => ({ id: 'ui.wizard.refused.noKey' }),
      onChange: () => undefined,
      log: new FakeLog(),
    });
    await assert.rejects(refused.run({ url: POOL_A, fullUrl: false, modelId: 'a', moreModels: ['b'] }), RefusedRequest);
    assert.equal(one.checks.count('test'), 0);
  });

  it('says the quota it costs first, in English and Chinese', () => {
    assert.equal(
      renderMsg(everyModelCost(3)),
      'This sends 3 short chats, one per model: each uses a little of your quota.',
    );
    const english = catalog['ui.wizard.every.cost'];
    const bundle = path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json');
    const chinese = (JSON.parse(fs.readFileSync(bundle, 'utf8')) as Record<string, string>)[english];
    assert.equal(
      renderMsg(everyModelCost(3), { [english]: chinese! }),
      '这将发送 3 个简短对话，每个模型一个：每个都会使用少量配额。',
    );
  });

  it('pooled(): no job starts after the signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await pooled(10, 3, controller.signal, async (i) => {
      started.push(i);
      if (i === 4) controller.abort();
      await Promise.resolve();
    });
    assert.ok(started.length <= 7, started.join(','));
  });
});

describe('"Test every model" and the Trae-shaped check in the wizard (controller, view)', () => {
  const SET = ['gpt-5.5', 'gpt-5.4-mini', 'gpt-5.6-terra'];

  async function atTest() {
    const h = await setup({ key: KEY });
    atTestStep(h.controller, 'gpt-5.5');
    h.controller.setDraft(
      { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: SET.slice(1) },
      h.controller.state.draftVersion,
    );
    await flush();
    const handlers = wizardHandlers({
      controller: h.controller,
      render: (m) => renderMsg(m),
      log: h.log,
      ready: () => Promise.resolve({ strings: [] }),
    });
    const view = () =>
      buildView(
        h.controller.state,
        viewContext({
          traeCommands: { openChat: true, openTraeSettings: false },
          confirm: h.controller.confirmSnapshot,
          timeOfDay: () => '10:42:13',
          dateTime: () => 'Dec 2, 10:42',
          ...(h.controller.every.rows ? { everyModel: h.controller.every.rows } : {}),
        }),
        1,
      );
    return { ...h, handlers, view };
  }

  it('the view offers it with the cost for a set of several, runs it, and shows a row per model', async () => {
    const h = await atTest();
    const before = h.view().test.every;
    assert.deepEqual(before?.models, SET);
    assert.equal(before?.cost, 'This sends 3 short chats, one per model: each uses a little of your quota.');
    assert.equal(before?.status, 'idle');
    await h.handlers.requests.testEveryModel({});
    const view = h.view();
    assert.ok(WizardViewSchema.safeParse(view).success);
    assert.deepEqual(
      view.test.every?.rows.map((r) => [r.model, r.status, r.verdict, r.finding]),
      SET.map((m) => [m, 'done', 'ok', 'works']),
    );
    assert.equal(h.checks.count('test'), 3);
  });

  it('a set of one model: no "Test every model" in the view', async () => {
    const h = await setup({ key: KEY });
    atTestStep(h.controller, 'gpt-5.5');
    await flush();
    const view = buildView(
      h.controller.state,
      viewContext({
        traeCommands: { openChat: true, openTraeSettings: false },
        confirm: h.controller.confirmSnapshot,
        timeOfDay: () => '',
        dateTime: () => '',
      }),
      1,
    );
    assert.equal(view.test.every, undefined);
  });

  it('the Trae-shaped check runs on the picked model (the same URL); one not in the set is refused', async () => {
    const h = await atTest();
    await h.handlers.requests.runTraeCheck({ model: 'GPT-5.4-MINI' });
    const trae = h.checks.calls.filter((c) => c.kind === 'trae');
    assert.deepEqual(
      trae.map((c) => [c.draft.url, c.draft.modelId]),
      [[POOL_A, 'gpt-5.4-mini']],
    );
    assert.equal(h.view().test.trae.report?.model, 'gpt-5.4-mini');
    await assert.rejects(async () => h.handlers.requests.runTraeCheck({ model: 'gpt-9' }), RefusedRequest);
    await h.handlers.requests.runTraeCheck({});
    assert.equal(h.checks.calls.filter((c) => c.kind === 'trae').at(-1)?.draft.modelId, 'gpt-5.5', 'default: main');
  });
});
