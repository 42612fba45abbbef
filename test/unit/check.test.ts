import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkConnection } from '../../src/core/check/check';
import { answerMatches, findModel } from '../../src/core/check/matching';
import { renderMsg } from '../../src/core/text/messages';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import type { HttpResponse, Transport } from '../../src/core/http/transport';
import { applyScenario } from '../emulator/server';
import { until } from './fakes/async';
import { clientFor, runCheck, useEmulator } from './helpers';
import { maskedAs } from './wizardFixtures';

const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;

describe('connection check', () => {
  const ctx = useEmulator();

  it('a healthy pool: every step passes and the facts the wizard needs are there', async () => {
    const report = await runCheck(ctx.emulator);
    assert.equal(report.verdict, 'ok');
    assert.equal(report.configured, true);
    assert.deepEqual(
      report.steps.map((s) => [s.id, s.status]),
      [
        ['url', 'pass'],
        ['key', 'pass'],
        ['models', 'pass'],
        ['chat', 'pass'],
        ['usage', 'pass'],
      ],
    );
    assert.deepEqual(report.diagnoses, []);
    assert.equal(report.facts.models?.length, 3);
    assert.equal(report.facts.modelListed, true);
    assert.equal(report.facts.chosenModel?.supportsImages, true);
    assert.equal(report.facts.chosenModel?.contextLength, 258400);
    assert.equal(report.facts.answer, 'trae ok');
    assert.equal(report.facts.servedModel, 'gpt-5.5');
    assert.equal(report.target.keyMasked, maskedAs(ctx.emulator.key));
    assert.equal(report.target.endpoint?.traeCallUrl, `${ctx.emulator.apiBase}/chat/completions`);
    assert.ok(!JSON.stringify(report).includes(ctx.emulator.key.slice(11)), 'the report must not carry the key');
  });

  it('runs the model list, chat check and usage concurrently', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const node = createNodeTransport();
    const tracking: Transport = async (req) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await node(req);
      } finally {
        inFlight--;
      }
    };
    applyScenario(ctx.emulator, 'slow', ctx.emulator.url, new URLSearchParams({ ms: '50' }));
    const report = await runCheck(ctx.emulator, {}, 3000, tracking);
    assert.equal(report.verdict, 'ok');
    assert.equal(maxInFlight, 3, 'all three requests must be in flight together');
  });

  it('background mode is free: the model list and usage, never the chat request', async () => {
    const report = await runCheck(ctx.emulator, { mode: 'background' });
    assert.equal(report.verdict, 'ok');
    assert.deepEqual(ctx.emulator.counts(), { 'GET /v1/models': 1, 'GET /v1/usage': 1 });
    assert.deepEqual(
      report.steps.map((s) => s.id),
      ['url', 'key', 'models', 'usage'],
    );
    assert.equal(typeof report.facts.latencyMs, 'number');
  });

  it('no key: not configured, nothing sent', async () => {
    const report = await runCheck(ctx.emulator, { key: undefined });
    assert.equal(report.configured, false);
    assert.equal(report.verdict, 'error');
    assert.equal(report.diagnoses[0]!.code, 'key-missing');
    assert.equal(report.diagnoses[0]!.action, 'setApiKey');
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('a stored value that is not a Pool key is never sent', async () => {
    const report = await runCheck(ctx.emulator, { key: `Bearer ${ctx.emulator.key}` });
    assert.equal(report.diagnoses[0]!.code, 'key:bearer-header');
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('a bad URL is reported with its fix and nothing is sent', async () => {
    const report = await runCheck(ctx.emulator, { baseUrl: 'http://pool.example.com/v1' });
    assert.equal(report.diagnoses[0]!.code, 'url:insecure-http');
    assert.equal(report.diagnoses[0]!.action, 'fixUrl');
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('a trailing slash in the setting: every request goes without it (as step 5 gives Trae), so it is an info only', async () => {
    const report = await runCheck(ctx.emulator, { baseUrl: `${ctx.emulator.apiBase}/` });
    assert.equal(report.verdict, 'ok', 'not "works with a problem"');
    assert.deepEqual(
      report.diagnoses.map((d) => [d.code, d.severity]),
      [['url:trailing-slash', 'info']],
    );
    assert.equal(report.steps.find((s) => s.id === 'url')?.status, 'pass');
    assert.equal(report.target.baseUrl, `${ctx.emulator.apiBase}/`, 'the setting as it is');
    assert.equal(report.target.endpoint?.traeCallUrl, `${ctx.emulator.apiBase}/chat/completions`);
    assert.equal(report.facts.answer, 'trae ok');
    const paths = ctx.emulator.requests.map((r) => r.path);
    assert.ok(paths.includes('/v1/chat/completions') && paths.includes('/v1/models'), paths.join(' '));
    assert.ok(!paths.some((p) => p.includes('//')), paths.join(' '));
  });

  it('a URL warning the tidy form does not cover ("//" inside the path) still warns', async () => {
    const report = await runCheck(ctx.emulator, { baseUrl: ctx.emulator.apiBase.replace('/v1', '//v1') });
    const url = report.diagnoses.find((d) => d.code === 'url:empty-segment');
    assert.equal(url?.severity, 'warning');
    assert.equal(report.steps.find((s) => s.id === 'url')?.status, 'warn');
  });

  it('Full URL on calls the URL as entered', async () => {
    const report = await runCheck(ctx.emulator, { baseUrl: `${ctx.emulator.apiBase}/chat/completions`, fullUrl: true });
    assert.equal(report.verdict, 'ok');
    assert.equal(report.facts.answer, 'trae ok');
  });

  it('no model chosen: an explicit check cannot pass, background health only degrades', async () => {
    const full = await runCheck(ctx.emulator, { model: '' });
    assert.equal(full.verdict, 'error');
    assert.equal(full.diagnoses[0]!.code, 'model-missing');
    assert.ok(!ctx.emulator.requests.some((r) => r.route === 'chat'));
    const background = await runCheck(ctx.emulator, { model: '', mode: 'background' });
    assert.equal(background.verdict, 'warning');
  });

  it('model ids match case-insensitively after trimming, like the pool', async () => {
    const report = await runCheck(ctx.emulator, { model: '  GPT-5.5 ' });
    assert.equal(report.verdict, 'ok');
    assert.equal(report.facts.chosenModel?.id, 'gpt-5.5');
    assert.equal(findModel([{ id: 'A-b', displayName: 'x', supportsImages: false }], ' a-B')?.id, 'A-b');
  });

  it('a model that is not listed fails (Trae would say 984) and names alternatives', async () => {
    const report = await runCheck(ctx.emulator, { model: 'gpt-4o', mode: 'background' });
    assert.equal(report.verdict, 'error');
    assert.equal(report.diagnoses[0]!.code, 'model-not-listed');
    assert.match(renderMsg(report.diagnoses[0]!.fix), /gpt-5\.5/);
  });

  it('one model listed: "not the one model", never "among the 1 models" (English and Chinese)', async () => {
    ctx.emulator.models = ctx.emulator.models.filter((m) => m.id === 'gpt-5.5');
    const one = (await runCheck(ctx.emulator, { model: 'gpt-4o', mode: 'background' })).diagnoses[0]!;
    assert.equal(one.code, 'model-not-listed');
    assert.equal(renderMsg(one.cause), 'The model "gpt-4o" is not the one model the pool offers this key.');
    assert.equal(renderMsg(one.fix), 'Choose gpt-5.5, the only model listed.');
    assert.equal(renderMsg(one.cause, zh), '模型 "gpt-4o" 不是 Pool 为此密钥提供的唯一模型。');
    ctx.emulator.reset();
    const many = (await runCheck(ctx.emulator, { model: 'gpt-4o', mode: 'background' })).diagnoses[0]!;
    assert.match(renderMsg(many.cause), /is not among the \d+ models the pool offers this key/);
  });

  it('an empty model list is not a healthy pool', async () => {
    applyScenario(ctx.emulator, 'empty-models');
    const report = await runCheck(ctx.emulator, { mode: 'background' });
    assert.equal(report.verdict, 'error');
    assert.equal(report.diagnoses[0]!.code, 'models-empty');
  });

  it("the root cause comes first: an empty list before the chat's consequent invalid_model", async () => {
    applyScenario(ctx.emulator, 'empty-models');
    const report = await runCheck(ctx.emulator, { mode: 'full' });
    assert.deepEqual(
      report.diagnoses.slice(0, 2).map((d) => d.code),
      ['models-empty', 'invalid_model'],
    );
  });

  it('quota at a glance: the tightest limit for this model, a warning when nearly used, failing when used up', async () => {
    ctx.emulator.limits = [
      {
        limit_type: 'tokens',
        limit_window: '1d',
        max_value: 1000,
        current_value: 100,
        remaining_value: 900,
        model_filter: null,
        reset_at: '2026-12-01T00:00:00Z',
        source: 'api_key',
      },
      {
        limit_type: 'requests',
        limit_window: '5h',
        max_value: 100,
        current_value: 95,
        remaining_value: 5,
        model_filter: 'GPT-5.5',
        reset_at: '2026-11-30T15:00:00Z',
        source: 'api_key',
      },
      {
        limit_type: 'requests',
        limit_window: '5h',
        max_value: 10,
        current_value: 10,
        remaining_value: 0,
        model_filter: 'gpt-5.4-mini',
        reset_at: null,
        source: 'api_key',
      },
    ];
    const near = await runCheck(ctx.emulator, { mode: 'background' });
    const { name, ...tightest } = near.facts.usage!.tightest!;
    assert.deepEqual(tightest, {
      type: 'requests',
      window: '5h',
      max: 100,
      remaining: 5,
      resetAt: '2026-11-30T15:00:00Z',
    });
    assert.equal(renderMsg(name), '5-hour request limit');
    assert.equal(
      renderMsg(near.diagnoses[0]!.cause),
      'Your 5-hour request limit is nearly used up: 5 of 100 left.',
      'a limit\'s name in words of its own (defect: "The usage limit requests (5h) is …")',
    );
    assert.equal(near.verdict, 'warning');
    assert.equal(near.diagnoses[0]!.code, 'limit-near');
    ctx.emulator.limits[1]!.remaining_value = 0;
    const used = await runCheck(ctx.emulator, { mode: 'background' });
    assert.equal(used.verdict, 'error');
    assert.equal(used.diagnoses[0]!.code, 'limit-reached');
    assert.equal(used.facts.usage?.exhaustedLimits[0]?.resetAt, '2026-11-30T15:00:00Z');
  });

  it('a secret store that fails is its own error, not "no key"', async () => {
    const report = await runCheck(ctx.emulator, {
      key: undefined,
      keyUnavailable: "An OS keyring couldn't be identified",
    });
    assert.equal(report.configured, true);
    assert.equal(report.diagnoses[0]!.code, 'key-store-unavailable');
    assert.equal(report.diagnoses[0]!.action, 'fixKeyStore');
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('reports which model actually served the chat', async () => {
    applyScenario(ctx.emulator, 'enforced-model');
    const report = await runCheck(ctx.emulator);
    assert.equal(report.facts.servedModel, 'gpt-5.4-mini');
    assert.equal(report.diagnoses[0]!.code, 'served-model-differs');
  });

  it('reports what the model actually answered', async () => {
    applyScenario(ctx.emulator, 'answer-other');
    const report = await runCheck(ctx.emulator);
    assert.equal(report.facts.answer, 'Sure! How can I help you today?');
    assert.equal(report.diagnoses[0]!.cause.args?.['answer'], 'Sure! How can I help you today?');
  });

  it('the answer check tolerates case and a final full stop only', () => {
    assert.ok(answerMatches('trae ok'));
    assert.ok(answerMatches(' Trae OK. '));
    assert.ok(answerMatches('trae ok。'));
    assert.ok(!answerMatches('trae ok, how can I help?'));
    assert.ok(!answerMatches(''));
  });

  it('an unreachable usage route does not fail the check', async () => {
    ctx.emulator.setFault({ kind: 'html', status: 404 }, ['usage']);
    const report = await runCheck(ctx.emulator);
    assert.equal(report.verdict, 'ok');
    assert.equal(report.steps.find((s) => s.id === 'usage')?.status, 'skipped');
  });

  it('cancelling the check cancels every request', async () => {
    applyScenario(ctx.emulator, 'hang');
    const controller = new AbortController();
    const pending = checkConnection(
      {
        baseUrl: ctx.emulator.apiBase,
        fullUrl: false,
        model: 'gpt-5.5',
        key: ctx.emulator.key,
        mode: 'full',
        signal: controller.signal,
      },
      { client: clientFor(10_000) },
    );
    await until('the model list and the chat at the pool', () =>
      (['models', 'chat'] as const).every((route) => ctx.emulator.inFlightOf(route) > 0),
    );
    controller.abort();
    const report = await pending;
    assert.deepEqual(report.diagnoses.map((d) => d.code).sort(), ['cancelled', 'cancelled']);
    assert.equal(report.verdict, 'warning');
  });

  it('orders diagnoses worst first', async () => {
    applyScenario(ctx.emulator, 'enforced-model');
    const report = await runCheck(ctx.emulator, { baseUrl: `${ctx.emulator.apiBase}/`, model: 'gpt-5.5' });
    const order = report.diagnoses.map((d) => d.severity);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)),
    );
  });

  it('a server that echoes the key back cannot put it into any message, fact or answer', async () => {
    // A misbehaving pool or proxy: it repeats the Authorization value in every place it controls.
    const echoing: Transport = async (request): Promise<HttpResponse> => {
      const key = request.headers['authorization']!.replace(/^Bearer /, '');
      if (request.url.endsWith('/models')) {
        return {
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            error: { code: `odd_${key}`, message: `rejected ${key} (secret ${key.slice(20)})`, param: key, type: key },
          }),
        };
      }
      if (request.url.endsWith('/usage'))
        return { status: 302, headers: { location: `https://elsewhere.example/login?key=${key}` }, body: '' };
      const body = {
        id: key,
        object: 'chat.completion',
        created: 1,
        model: key,
        choices: [{ index: 0, message: { role: 'assistant', content: `trae ok ${key}` }, finish_reason: 'stop' }],
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    };
    const key = ctx.emulator.key;
    const secretHalf = key.slice(20);
    const report = await runCheck(ctx.emulator, {}, 2000, echoing);
    assert.ok(report.diagnoses.length > 0, 'the echoes were diagnosed');
    assert.ok(report.facts.answer?.startsWith('trae ok'), 'the answer was read');
    const everything = [
      JSON.stringify(report),
      ...report.diagnoses.flatMap((d) => [renderMsg(d.cause), renderMsg(d.fix), d.detail]),
    ].join('\n');
    assert.ok(!everything.includes(secretHalf), 'the secret half of the key appears in the report');
    assert.ok(everything.includes('sk-cxp-'), 'the echo is still visible, masked');
  });
});
