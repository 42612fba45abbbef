// Which model a command checks when the saved setup has several (issue 24.5): the quick pick's items (main
// model first, Enter keeps today's flow, nothing asked for one model), and the checks then run on the pick.
import * as assert from 'node:assert/strict';
import { createNodeStreamTransport } from '../../src/core/http/node/nodeStream';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { CheckService } from '../../src/services/checkService';
import { PoolKeyStore } from '../../src/services/keyStore';
import { isMainModel, modelChoices, modelsOf, withModel } from '../../src/services/modelChoice';
import { OnDemandChecks } from '../../src/services/onDemandChecks';
import { Redactor } from '../../src/services/redactor';
import { checkTraeError } from '../../src/services/traeErrorCheck';
import { loadCheckEngine } from './fakes/checkEngine';
import { FakeLog } from './fakes/log';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { useEmulator } from './helpers';

describe('the model a command checks (quick pick items)', () => {
  it('one model (or none): nothing to ask, as today', () => {
    assert.deepEqual(modelChoices({ model: 'gpt-5.5', moreModels: [] }), []);
    assert.deepEqual(modelChoices({ model: 'gpt-5.5' }), []);
    assert.deepEqual(modelChoices({ model: '', moreModels: [] }), []);
    // A further model that is the main one in other casing is the same model: still nothing to ask.
    assert.deepEqual(modelChoices({ model: 'gpt-5.5', moreModels: ['GPT-5.5'] }), []);
  });

  it('several: the main model first and marked as main (Enter takes it), the others in their saved order', () => {
    const choices = modelChoices({ model: 'gpt-5.6-terra', moreModels: ['gpt-5.4-mini', 'gpt-5.5'] });
    assert.deepEqual(
      choices.map((c) => (c.kind === 'model' ? [c.model, c.main, c.description?.id] : [c.kind])),
      [
        ['gpt-5.6-terra', true, 'ui.pickModel.main'],
        ['gpt-5.4-mini', false, undefined],
        ['gpt-5.5', false, undefined],
      ],
    );
  });

  it('"Another Model ID…" comes last, only when asked for (984 is about the value typed in Trae)', () => {
    const choices = modelChoices({ model: 'a', moreModels: ['b'] }, { other: true });
    assert.deepEqual(
      choices.map((c) => c.kind),
      ['model', 'model', 'other'],
    );
    assert.deepEqual(modelChoices({ model: 'a', moreModels: [] }, { other: true }), []);
  });

  it('the set is trimmed, each model once, the main model first', () => {
    assert.deepEqual(modelsOf({ model: ' m ', moreModels: ['x', 'M', ' x ', ''] }), ['m', 'x']);
  });

  it('checking another model keeps the key and URL and makes the rest of the set its further models', () => {
    const saved = { baseUrl: 'http://pool/v1', fullUrl: true, model: 'main', moreModels: ['b', 'c'] };
    assert.deepEqual(withModel(saved, 'c'), { ...saved, model: 'c', moreModels: ['main', 'b'] });
    assert.equal(isMainModel(saved, ' MAIN '), true);
    assert.equal(isMainModel(saved, 'b'), false);
  });
});

describe('the checks run on the picked model (plain Node, emulator)', function () {
  this.timeout(20_000);
  const ctx = useEmulator();

  function setup() {
    const secrets = new FakeSecretStorage();
    secrets.values.set('codexPooler.poolApiKey', ctx.emulator.key);
    const settings = new FakeSettings({
      baseUrl: ctx.emulator.apiBase,
      model: 'gpt-5.5',
      moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'],
      timeoutSeconds: 5,
    });
    const keys = new PoolKeyStore(secrets, new Redactor(), () => 5000);
    const common = { settings, keys, log: new FakeLog(), transport: createNodeTransport(), userAgent: 'tests' };
    const checks = new CheckService({ engine: loadCheckEngine, ...common, proxyFor: () => undefined });
    const onDemand = new OnDemandChecks({ ...common, stream: createNodeStreamTransport(), proxyFor: () => undefined });
    return { settings, checks, onDemand };
  }
  const chatModels = () =>
    ctx.emulator.requests.filter((r) => r.route === 'chat').map((r) => (JSON.parse(r.body) as { model: string }).model);

  it('Check Connection on a further model: its chat goes to that model, with the same key, and is not published', async () => {
    const { checks } = setup();
    const outcome = await checks.checkModel('full', 'gpt-5.4-mini');
    assert.equal(outcome.kind === 'report' && outcome.report.verdict, 'ok');
    assert.deepEqual(chatModels(), ['gpt-5.4-mini']);
    assert.ok(ctx.emulator.requests.every((r) => r.authorization === `Bearer ${ctx.emulator.key}`));
    assert.equal(checks.last, undefined, 'the status bar shows the setup, which the main model stands for');
  });

  it('Check Connection on the main model (Enter): published, as today', async () => {
    const { checks } = setup();
    await checks.checkModel('full', 'GPT-5.5');
    assert.deepEqual(chatModels(), ['gpt-5.5']);
    assert.ok(checks.last, 'published');
  });

  it('"Explain a Trae Error" 4028 on a picked model: the full and the Trae-shaped check both use it', async () => {
    const { checks, onDemand, settings } = setup();
    const outcome = await checkTraeError(4028, { modelId: 'gpt-5.6-terra' }, { checks, onDemand, settings });
    assert.equal(outcome.kind, 'done');
    const models = chatModels();
    assert.ok(models.length >= 2, `a full check and the Trae-shaped turns (${models.join(', ')})`);
    assert.ok(
      models.every((m) => m === 'gpt-5.6-terra'),
      models.join(', '),
    );
  });
});
