// Every view the host can build passes the schema the webview checks, whatever the pool sent (long,
// hostile or many names, many problems, long settings): property-tested (issue: the host once built a
// state the protocol refused, and the wizard froze on "Loading the pool's models…").
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CheckReport } from '../../src/core/check/checkReport';
import { diagnosis } from '../../src/core/check/diagnosis';
import { renderMsg } from '../../src/core/text/messages';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import { Redactor } from '../../src/services/redactor';
import { WizardState } from '../../src/wizard/state/state';
import type { Draft } from '../../src/wizard/state/stateTypes';
import { ModelListViewSchema, WizardViewSchema } from '../../src/wizard/protocol/protocolViews';
import { buildView } from '../../src/wizard/view/view';
import { buildModelList } from '../../src/wizard/view/viewParts';
import { guideFor } from '../../src/wizard/view/guideView';
import { FUZZ_RUNS } from './properties.test';
import { report } from './wizardFixtures';

const redactor = new Redactor();
redactor.remember('sk-cxp-0123456789ab-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde');
// Text with what the redactor rewrites: bearer values, keys, tokens, encoded dashes.
const secretish = fc.constantFrom(
  'Bearer abcdefghijklmnop',
  'Bearer xy',
  'sk-cxp-0123456789ab-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
  'mcp-cxp-0123456789ab-abcdefghijk',
  'eyJabcdefghij.abcdefghij.abcdefghij',
  '%2D',
  '&#45;',
);
const anyText = (max: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: max }),
    fc.tuple(fc.string({ maxLength: max }), secretish).map(([a, b]) => (a + ' ' + b).slice(-max)),
    fc.tuple(fc.constant('x'.repeat(Math.max(0, max - 20))), secretish).map(([a, b]) => a + ' ' + b),
  );
const model: fc.Arbitrary<ModelInfo> = fc.record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), fc.constantFrom('gpt-5.5', 'GPT-5.5')),
  displayName: fc.oneof(anyText(3000), fc.constant('<img src=x onerror=alert(1)>'), fc.constant('\u202egnp.exe')),
  supportsImages: fc.boolean(),
  contextLength: fc.option(fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.double()), { nil: undefined }),
});
const draft: fc.Arbitrary<Draft> = fc.record({
  url: fc.oneof(
    fc.constant('https://pool.example.com/v1'),
    anyText(5000),
    fc.constant(`https://pool.example.com/${'a'.repeat(4090)}/v1`),
  ),
  fullUrl: fc.boolean(),
  modelId: fc.oneof(fc.constant('gpt-5.5'), anyText(400)),
});
const codes = [
  'api_key_missing',
  'quota_exhausted',
  'models-empty',
  'unknown-code',
  'answer-mismatch',
  'limit-reached',
];

describe(`wizard views always fit the protocol (${Math.ceil(FUZZ_RUNS / 100)} runs)`, function () {
  this.timeout(300_000);

  it('whatever the models, problems and settings, the view and the model list pass their schemas', () => {
    fc.assert(
      fc.property(
        draft,
        fc.array(model, { maxLength: 40 }),
        fc.integer({ min: 0, max: 120 }),
        anyText(3000),
        fc.constantFrom('en', 'zh-cn'),
        (saved, models, problems, detail, language) => {
          const m = new WizardState({ saved, key: { kind: 'stored', masked: 'sk-cxp-0123…', fingerprint: 'f' } });
          const token = m.begin('reach');
          if (token.ok)
            m.finish('reach', token.token, {
              ok: true,
              diagnoses: Array.from({ length: problems }, () =>
                diagnosis('unknown-code', 'models', detail, { args: { code: detail, status: 500 } }),
              ),
              durationMs: 1,
            });
          m.goTo('key');
          const list = m.begin('list');
          const base = report(saved, { models });
          const withProblems: CheckReport = {
            ...base,
            diagnoses: Array.from({ length: problems }, (_, i) =>
              diagnosis(codes[i % codes.length] as never, 'models', detail, {
                args: { code: detail, message: detail, model: detail, answer: detail, limit: detail, resetAt: detail },
              }),
            ),
          };
          if (list.ok) m.finish('list', list.token, withProblems);
          m.goTo('model');
          m.goTo('test');
          const render = (x: Parameters<typeof renderMsg>[0]) => renderMsg(x);
          const view = buildView(
            m,
            {
              render,
              language,
              traeCommands: { openChat: true, openTraeSettings: false },
              guide: (w) => guideFor(w, language),
              confirm: { watch: { phase: 'waiting', since: 0, quiet: true }, checklist: true },
              timeOfDay: () => '10:42:13',
              dateTime: () => 'Dec 2, 10:42',
              now: 0,
            },
            1,
          );
          // What the panel really posts: the view after the redactor (which must never lengthen a value).
          const parsed = WizardViewSchema.safeParse(redactor.redactDeep(view));
          assert.ok(parsed.success, JSON.stringify(parsed.error?.issues[0]));
          const listView = ModelListViewSchema.safeParse(redactor.redactDeep(buildModelList(m, 1, render)));
          assert.ok(listView.success, JSON.stringify(listView.error?.issues[0]));
        },
      ),
      { numRuns: Math.ceil(FUZZ_RUNS / 100) },
    );
  });

  it('a thousand models with 1,000-character names fit, clipped with an ellipsis', () => {
    const saved: Draft = { url: 'https://pool.example.com/v1', fullUrl: false, modelId: 'gpt-5.5' };
    const many: ModelInfo[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `m-${i}`,
      displayName: 'N'.repeat(1000),
      supportsImages: false,
    }));
    const m = new WizardState({
      saved,
      key: { kind: 'stored', masked: 'x', fingerprint: 'f' },
      lastCheck: {
        report: report(saved, { models: [...many, { id: 'gpt-5.5', displayName: 'GPT-5.5', supportsImages: true }] }),
        keyFingerprint: 'f',
        at: Date.now(),
      },
    });
    const list = buildModelList(m, 1, (x) => renderMsg(x));
    assert.ok(ModelListViewSchema.safeParse(list).success);
    assert.equal(list.models.length, 1001);
    assert.equal(list.models[0]!.name.length, 256);
    assert.ok(list.models[0]!.name.endsWith('…'));
  });
});

describe('step 2: the stored key as the pool judged it', () => {
  const saved: Draft = { url: 'https://pool.example.com/v1', fullUrl: false, modelId: 'gpt-5.5' };

  /** Step 2's view once the free model list answered for the stored key with `listed`. */
  function keyView(listed: CheckReport) {
    const m = new WizardState({ saved, key: { kind: 'stored', masked: 'sk-cxp-0123…', fingerprint: 'f' } });
    const reach = m.begin('reach');
    if (reach.ok) m.finish('reach', reach.token, { ok: true, diagnoses: [], durationMs: 1 });
    m.goTo('key');
    const list = m.begin('list');
    assert.ok(list.ok);
    m.finish('list', list.token, listed);
    const render = (x: Parameters<typeof renderMsg>[0]) => renderMsg(x);
    const view = buildView(
      m,
      {
        render,
        language: 'en',
        traeCommands: { openChat: true, openTraeSettings: false },
        guide: (w) => guideFor(w, 'en'),
        confirm: { watch: { phase: 'waiting', since: 0, quiet: true }, checklist: true },
        timeOfDay: () => '10:42:13',
        dateTime: () => 'Dec 2, 10:42',
        now: 0,
      },
      1,
    );
    assert.ok(WizardViewSchema.safeParse(view).success);
    return view.key;
  }

  it('a key the pool rejected is said to be rejected (its buttons: "Keep the rejected key", not "Keep the stored key")', () => {
    assert.equal(keyView(report(saved, { verdict: 'error', codes: ['api_key_missing'] })).verdict, 'rejected');
    assert.equal(keyView(report(saved, { verdict: 'error', codes: ['refused'] })).verdict, 'unknown');
    assert.equal(keyView(report(saved)).verdict, 'accepted');
  });

  it('one model listed: "it lists 1 model", never "1 models"', () => {
    const one = keyView(report(saved, { models: [{ id: 'gpt-5.5', displayName: 'GPT-5.5', supportsImages: true }] }));
    assert.match(one.check.summary ?? '', /it lists 1 model for it/);
    assert.match(keyView(report(saved)).check.summary ?? '', /it lists 3 models for it/);
  });
});
