import * as assert from 'node:assert/strict';
import { CHECK_PROMPT, MAX_MODELS_BODY } from '../../src/core/pool/poolClient';
import type { HttpRequest, Transport } from '../../src/core/http/transport';
import { makeMcpToken } from '../emulator/server';
import { until } from './fakes/async';
import { clientFor, closedPort, endpointOf, requestsBeforeMarker, useEmulator } from './helpers';

describe('pool client over real loopback HTTP', () => {
  const ctx = useEmulator();
  const call = () => ({ endpoint: endpointOf(ctx.emulator.apiBase), key: ctx.emulator.key });

  it('lists models with display name, image support and context length', async () => {
    const result = await clientFor().listModels(call());
    assert.ok(result.ok);
    assert.deepEqual(result.value.models[0], {
      id: 'gpt-5.6-terra',
      displayName: 'GPT-5.6 Terra',
      supportsImages: true,
      contextLength: 258400,
      supportsTools: true,
    });
    const mini = result.value.models.find((m) => m.id === 'gpt-5.4-mini');
    assert.equal(mini?.supportsImages, false);
    assert.equal(mini?.contextLength, 121600);
  });

  it('context_length is optional', async () => {
    ctx.emulator.models.push({ id: 'no-window', input_modalities: ['text'] });
    const result = await clientFor().listModels(call());
    assert.ok(result.ok);
    const model = result.value.models.find((m) => m.id === 'no-window');
    assert.ok(model);
    assert.equal(model.contextLength, undefined);
    assert.equal(model.displayName, 'no-window');
  });

  it('sends exactly the documented chat check and nothing else', async () => {
    const result = await clientFor().chatCheck(call(), 'gpt-5.5');
    assert.ok(result.ok);
    assert.equal(result.value.answer, 'trae ok');
    assert.equal(result.value.servedModel, 'gpt-5.5');
    assert.equal(result.value.finishReason, 'stop');
    assert.match(result.value.responseId ?? '', /^resp_/);
    const sent = ctx.emulator.requests.find((r) => r.route === 'chat')!;
    assert.equal(
      sent.body,
      JSON.stringify({
        model: 'gpt-5.5',
        messages: [{ role: 'user', content: CHECK_PROMPT }],
        stream: false,
        max_completion_tokens: 16,
      }),
    );
    assert.equal(sent.headers['content-type'], 'application/json');
  });

  it('reads usage', async () => {
    const result = await clientFor().getUsage(call());
    assert.ok(result.ok);
    assert.equal(result.value.total_cost_status, 'unpriced');
  });

  it('sends the key only as "Authorization: Bearer" and nowhere else', async () => {
    const client = clientFor();
    await Promise.all([client.listModels(call()), client.chatCheck(call(), 'gpt-5.5'), client.getUsage(call())]);
    assert.equal(ctx.emulator.requests.length, 3);
    for (const r of ctx.emulator.requests) {
      assert.equal(r.authorization, `Bearer ${ctx.emulator.key}`);
      const { authorization: _auth, ...otherHeaders } = r.headers;
      const elsewhere = JSON.stringify({ path: r.path, body: r.body, headers: otherHeaders });
      assert.ok(!elsewhere.includes(ctx.emulator.key.slice(7)), `key leaked outside Authorization in ${r.path}`);
    }
  });

  it('refuses to send anything but a Pool key, and anything outside the pool origin', async () => {
    let sent = 0;
    const counting: Transport = async () => {
      sent++;
      return { status: 200, headers: {}, body: '{}' };
    };
    const mcp = await clientFor(2000, counting).listModels({ endpoint: call().endpoint, key: makeMcpToken() });
    assert.deepEqual(!mcp.ok && mcp.failure, { kind: 'blocked', reason: 'key' });
    const tampered = { ...call().endpoint, modelsUrl: 'https://evil.example.com/v1/models' };
    const moved = await clientFor(2000, counting).listModels({ endpoint: tampered, key: ctx.emulator.key });
    assert.deepEqual(!moved.ok && moved.failure, { kind: 'blocked', reason: 'origin' });
    const probed = await clientFor(2000, counting).probe({ endpoint: tampered });
    assert.deepEqual(!probed.ok && probed.failure, { kind: 'blocked', reason: 'origin' });
    assert.equal(sent, 0);
  });

  it('never follows a redirect and reports where it points', async () => {
    ctx.emulator.setFault({ kind: 'redirect', status: 302, location: 'https://elsewhere.example.net/v1/models' });
    const result = await clientFor().listModels(call());
    assert.deepEqual(!result.ok && result.failure, {
      kind: 'redirect',
      status: 302,
      location: 'https://elsewhere.example.net/v1/models',
    });
    assert.equal(ctx.emulator.requests.length, 1);
  });

  it("parses the error envelope, and tells the pool's errors from a proxy page", async () => {
    ctx.emulator.keys.set(ctx.emulator.key, { status: 'disabled' });
    const result = await clientFor().listModels(call());
    assert.ok(!result.ok);
    assert.deepEqual(result.failure, {
      kind: 'http',
      status: 401,
      body: 'json',
      error: { code: 'api_key_disabled', message: 'api key is disabled', type: 'invalid_request_error' },
      fromProxy: false,
    });
  });

  it('classifies HTML, empty, non-JSON and wrong-shape bodies', async () => {
    const expectations: Array<[Parameters<typeof ctx.emulator.setFault>[0], string, string]> = [
      [{ kind: 'html', status: 200 }, 'invalid', 'html'],
      [{ kind: 'empty', status: 200 }, 'invalid', 'empty'],
      [{ kind: 'text', status: 200 }, 'invalid', 'text'],
      [{ kind: 'wrong-shape' }, 'invalid', 'json'],
      [{ kind: 'html', status: 502 }, 'http', 'html'],
      [{ kind: 'empty', status: 503 }, 'http', 'empty'],
    ];
    for (const [fault, failureKind, body] of expectations) {
      ctx.emulator.setFault(fault);
      const result = await clientFor().listModels(call());
      assert.ok(!result.ok, fault.kind);
      assert.equal(result.failure.kind, failureKind, fault.kind);
      assert.equal((result.failure as { body: string }).body, body, fault.kind);
    }
  });

  it('refuses a served model name longer than any model id (it would flow into every message)', async () => {
    const answering =
      (model: string): Transport =>
      async () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, choices: [{ message: { content: 'trae ok' }, finish_reason: 'stop' }] }),
      });
    const fine = await clientFor(2000, answering('m'.repeat(256))).chatCheck(call(), 'gpt-5.5');
    assert.ok(fine.ok);
    const long = await clientFor(2000, answering('m'.repeat(257))).chatCheck(call(), 'gpt-5.5');
    assert.ok(!long.ok && long.failure.kind === 'invalid' && long.failure.body === 'json');
  });

  describe('deadlines, cancellation and caps', () => {
    it('times out a server that accepts and never answers', async () => {
      ctx.emulator.setFault({ kind: 'hang' });
      const result = await clientFor(150).listModels(call());
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'timeout');
      assert.equal(result.failure.phase, 'headers');
    });

    it('times out a body that stops arriving', async () => {
      ctx.emulator.setFault({ kind: 'stall-body' });
      const result = await clientFor(150).listModels(call());
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'timeout');
      assert.equal(result.failure.phase, 'body');
    });

    it('reports a body cut off halfway', async () => {
      ctx.emulator.setFault({ kind: 'cut-body' });
      const result = await clientFor().listModels(call());
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'cut-off');
    });

    it('stops reading a body over the cap', async () => {
      ctx.emulator.setFault({ kind: 'huge-body', bytes: MAX_MODELS_BODY * 8 });
      const result = await clientFor().listModels(call());
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'too-large');
    });

    it('cancels a request in flight', async () => {
      ctx.emulator.setFault({ kind: 'hang' });
      const controller = new AbortController();
      const pending = clientFor(5000).listModels({ ...call(), signal: controller.signal });
      await until('the request at the pool', () => ctx.emulator.inFlightOf('models') > 0);
      controller.abort();
      const result = await pending;
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'cancelled');
    });

    it('sends nothing when already cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await clientFor().listModels({ ...call(), signal: controller.signal });
      assert.ok(!result.ok && result.failure.kind === 'transport' && result.failure.reason === 'cancelled');
      assert.deepEqual(await requestsBeforeMarker(ctx.emulator), []);
    });

    it('passes a deadline and a cap to every request', async () => {
      const seen: HttpRequest[] = [];
      const recording: Transport = async (req) => {
        seen.push(req);
        return { status: 500, headers: {}, body: '' };
      };
      const client = clientFor(1234, recording);
      await Promise.all([
        client.listModels(call()),
        client.chatCheck(call(), 'gpt-5.5'),
        client.getUsage(call()),
        client.probe({ endpoint: call().endpoint }),
      ]);
      assert.equal(seen.length, 4);
      for (const req of seen) {
        assert.equal(req.timeoutMs, 1234);
        assert.ok(req.maxBodyBytes > 0 && req.maxBodyBytes <= MAX_MODELS_BODY);
      }
      const probe = seen[3]!;
      assert.deepEqual(
        [probe.method, probe.url, probe.headers['authorization']],
        ['GET', call().endpoint.modelsUrl, undefined],
        'the probe sends no key',
      );
    });
  });

  describe('network failures', () => {
    it('connection refused', async () => {
      const port = await closedPort();
      const result = await clientFor().listModels({
        endpoint: endpointOf(`http://127.0.0.1:${port}/v1`),
        key: ctx.emulator.key,
      });
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'refused');
      assert.equal(result.failure.phase, 'connect');
    });

    it('DNS failure', async () => {
      const result = await clientFor().listModels({
        endpoint: endpointOf('https://pool.invalid/v1'),
        key: ctx.emulator.key,
      });
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'dns');
    });

    it('https to a plain-http port', async () => {
      const url = ctx.emulator.apiBase.replace('http://127.0.0.1', 'https://localhost');
      const result = await clientFor().listModels({ endpoint: endpointOf(url), key: ctx.emulator.key });
      assert.ok(!result.ok && result.failure.kind === 'transport');
      assert.equal(result.failure.reason, 'tls-other');
    });
  });
});
