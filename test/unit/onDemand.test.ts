// The checks a person asks for (reachability, the Trae-shaped check) and "Explain a Trae Error", in
// plain Node against the emulator, with in-memory settings and key store.
import * as assert from 'node:assert/strict';
import { createNodeStreamTransport } from '../../src/core/http/node/nodeStream';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { CheckService } from '../../src/services/checkService';
import { PoolKeyStore } from '../../src/services/keyStore';
import { OnDemandChecks } from '../../src/services/onDemandChecks';
import { Redactor } from '../../src/services/redactor';
import { checkTraeError } from '../../src/services/traeErrorCheck';
import { renderMsg } from '../../src/core/text/messages';
import { applyScenario } from '../emulator/server';
import { FakeLog } from './fakes/log';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { closedPort, useEmulator } from './helpers';
import { loadCheckEngine } from './fakes/checkEngine';

describe('on-demand checks and "Explain a Trae Error" (plain Node, emulator)', function () {
  this.timeout(20_000);
  const ctx = useEmulator();

  function setup(baseUrl = ctx.emulator.apiBase, key: string | null = ctx.emulator.key) {
    const secrets = new FakeSecretStorage();
    if (key) secrets.values.set('codexPooler.poolApiKey', key);
    const settings = new FakeSettings({ baseUrl, model: 'gpt-5.5', timeoutSeconds: 5 });
    const keys = new PoolKeyStore(secrets, new Redactor(), () => settings.read().timeoutSeconds * 1000);
    const log = new FakeLog();
    const common = {
      settings,
      keys,
      log,
      transport: createNodeTransport(),
      userAgent: 'tests',
      proxyFor: () => undefined,
    };
    return {
      secrets,
      settings,
      checks: new CheckService({ engine: loadCheckEngine, ...common }),
      onDemand: new OnDemandChecks({ ...common, stream: createNodeStreamTransport() }),
      log,
    };
  }

  it('reachability: a pool answers without a key being sent', async () => {
    const { onDemand } = setup();
    const outcome = await onDemand.reach({ baseUrl: ctx.emulator.apiBase, fullUrl: false });
    assert.equal(outcome.kind === 'done' && outcome.report.ok, true);
    assert.ok(
      ctx.emulator.requests.every((r) => r.authorization === undefined),
      'no key on the probe',
    );
  });

  it('the Trae-shaped check of the saved settings finds a second turn the pool refuses (Trae 4028)', async () => {
    applyScenario(ctx.emulator, 'second-turn-rejected');
    const { onDemand } = setup();
    const outcome = await onDemand.traeCheck(undefined);
    assert.equal(outcome.kind, 'done');
    if (outcome.kind === 'done') assert.equal(outcome.report.diagnoses[0]?.code, 'second-turn-rejected');
  });

  it('the Trae-shaped check sends nothing without a usable key, and says so', async () => {
    const { onDemand } = setup(ctx.emulator.apiBase, null);
    const outcome = await onDemand.traeCheck(undefined);
    assert.equal(outcome.kind === 'done' && outcome.report.diagnoses[0]?.code, 'key-missing');
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('a secret storage that fails: the Trae-shaped check says so (not "no key") and sends nothing', async () => {
    const { onDemand, secrets } = setup();
    secrets.failing.get = true;
    const outcome = await onDemand.traeCheck(undefined);
    const codes = outcome.kind === 'done' ? outcome.report.diagnoses.map((d) => d.code) : [];
    assert.deepEqual(codes, ['key-store-unavailable']);
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('a keyring prompt left open: the Trae-shaped check and "Explain a Trae Error" say so after the timeout, send nothing', async () => {
    const s = setup();
    s.settings.values = { ...s.settings.values, timeoutSeconds: 1 };
    s.secrets.hanging.get = true;
    const outcome = await s.onDemand.traeCheck(undefined);
    const first = outcome.kind === 'done' ? outcome.report.diagnoses[0] : undefined;
    assert.equal(first?.code, 'key-store-unavailable');
    assert.match(first?.detail ?? '', /no answer within 1 s/);
    // 984 and 4028 need the key (997 asks only whether the pool can be reached, with no key).
    for (const key of [984, 4028] as const) {
      const explained = await checkTraeError(key, {}, s);
      const problem = explained.kind === 'done' ? explained.finding.problems[0] : undefined;
      assert.equal(problem?.code, 'key-store-unavailable', `${key}`);
      assert.match(problem?.detail ?? '', /no answer within 1 s/);
    }
    assert.ok(s.secrets.held >= 3, 'each read waited on the prompt, and gave up');
    assert.ok(
      ctx.emulator.requests.every((r) => r.authorization === undefined),
      'nothing keyed was sent',
    );
    s.secrets.release();
  });

  it('984: the exact Model ID decides (other casing, near ids, or listed exactly), with no chat request', async () => {
    const s = setup();
    const run = async (modelId: string) => {
      const o = await checkTraeError(984, { modelId }, s);
      assert.equal(o.kind, 'done');
      return o.kind === 'done' ? o.finding : undefined!;
    };
    assert.equal((await run('gpt-5.5')).verdict, 'fine');
    const cased = await run('GPT-5.5');
    assert.equal(cased.verdict, 'cause');
    assert.equal(cased.lines[0]?.id, 'traeCheck.984.case');
    assert.equal(cased.lines[0]?.args?.['id'], 'gpt-5.5');
    const near = await run('gpt-5.6-tera');
    assert.equal(near.lines[0]?.id, 'traeCheck.984.near');
    assert.match(renderMsg(near.lines[0]), /gpt-5\.6-terra/);
    assert.equal(ctx.emulator.countRoute('chat'), 0);
  });

  it('984 with one model listed: "its only model", never "among 1 models"', async () => {
    const s = setup();
    ctx.emulator.models = ctx.emulator.models.filter((m) => m.id === 'gpt-5.5');
    const run = async (modelId: string) => {
      const o = await checkTraeError(984, { modelId }, s);
      return o.kind === 'done' ? renderMsg(o.finding.lines[0]!) : '';
    };
    assert.match(await run('gpt-5.5'), /lists "gpt-5\.5" exactly \(its only model\)/);
    assert.match(await run('claude-x'), /it lists one model only: gpt-5\.5\./);
  });

  it('997: the pool cannot be reached from here, or it can (then look at where Trae runs)', async () => {
    const down = setup(`http://127.0.0.1:${await closedPort()}/v1`);
    const o = await checkTraeError(997, {}, down);
    assert.equal(o.kind === 'done' && o.finding.verdict, 'cause');
    assert.equal(o.kind === 'done' && o.finding.problems[0]?.code, 'refused-local');
    const up = await checkTraeError(997, {}, setup());
    assert.equal(up.kind === 'done' && up.finding.verdict, 'fine');
    // Reached, but the model is not listed: that is no network problem, 997 is not explained by it.
    const reached = setup();
    reached.settings.values = { ...reached.settings.values, model: 'gpt-9-imaginary' };
    const listed = await checkTraeError(997, {}, reached);
    assert.equal(listed.kind === 'done' && listed.finding.verdict, 'fine', 'a pool that answers is reachable');
  });

  it('4028: the full check plus the Trae-shaped one find what the documented check alone cannot', async () => {
    applyScenario(ctx.emulator, 'second-turn-rejected');
    const o = await checkTraeError(4028, {}, setup());
    assert.equal(o.kind === 'done' && o.finding.verdict, 'cause');
    assert.ok(o.kind === 'done' && o.finding.problems.some((d) => d.code === 'second-turn-rejected'));
  });

  it("4054 / unknown: the full check, and the pool's own error when there is one", async () => {
    applyScenario(ctx.emulator, 'quota-exhausted');
    const o = await checkTraeError('unknown', {}, setup());
    assert.equal(o.kind === 'done' && o.finding.problems[0]?.code, 'quota_exhausted');
    ctx.emulator.reset();
    const fine = await checkTraeError(4054, {}, setup());
    assert.equal(fine.kind === 'done' && fine.finding.verdict, 'fine');
  });

  it('a cancelled check is an outcome, not a finding', async () => {
    const controller = new AbortController();
    controller.abort();
    const o = await checkTraeError(984, { signal: controller.signal }, setup());
    assert.equal(o.kind, 'cancelled');
  });
});
