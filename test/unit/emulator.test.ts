// The emulator must follow ../shared/codex-pooler-contract.md, or the other tests prove nothing.
import * as assert from 'node:assert/strict';
import { useEmulator } from './helpers';

describe('emulator follows the Codex Pooler contract', () => {
  const ctx = useEmulator();
  const auth = () => ({ authorization: `Bearer ${ctx.emulator.key}` });
  const chat = (body: unknown, headers: Record<string, string> = auth()) =>
    fetch(`${ctx.emulator.apiBase}/chat/completions`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const check = { model: 'gpt-5.5', messages: [{ role: 'user', content: 'Reply with exactly: trae ok' }], stream: false, max_completion_tokens: 16 };

  it('authenticates every /v1 path first, unknown paths and methods too', async () => {
    for (const [method, path] of [['GET', '/v1/models'], ['POST', '/v1/nope'], ['DELETE', '/v1/chat/completions'], ['GET', '/v1/models/gpt-5.5']]) {
      const res = await fetch(`${ctx.emulator.url}${path}`, { method: method! });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.deepEqual(await res.json(), { error: { message: 'api key is required', type: 'invalid_request_error', code: 'api_key_missing', param: null } });
    }
  });

  it('accepts only the literal "Bearer " scheme and sk-cxp- keys', async () => {
    for (const header of [`bearer ${ctx.emulator.key}`, ctx.emulator.key, `Bearer mcp-cxp-0123456789ab-xyz`, 'Basic abc']) {
      const res = await fetch(`${ctx.emulator.apiBase}/models`, { headers: { authorization: header } });
      assert.equal(res.status, 401, header.slice(0, 12));
    }
    const xApiKey = await fetch(`${ctx.emulator.apiBase}/models`, { headers: { 'x-api-key': ctx.emulator.key } });
    assert.equal(xApiKey.status, 401);
    const trimmed = await fetch(`${ctx.emulator.apiBase}/models`, { headers: { authorization: `Bearer  ${ctx.emulator.key} ` } });
    assert.equal(trimmed.status, 200);
  });

  it('lists models in the documented shape; /v1/models/ still routes; no single-model route', async () => {
    const res = await fetch(`${ctx.emulator.apiBase}/models/`, { headers: auth() });
    const body = (await res.json()) as { object: string; data: Array<Record<string, unknown>> };
    assert.equal(body.object, 'list');
    assert.deepEqual(Object.keys(body.data[0]!).sort(), ['context_length', 'created', 'display_name', 'id', 'input_modalities', 'object', 'owned_by', 'permission', 'supports_reasoning', 'supports_streaming', 'supports_tools']);
    const single = await fetch(`${ctx.emulator.apiBase}/models/gpt-5.5`, { headers: auth() });
    assert.equal(single.status, 404);
  });

  it('answers the documented chat check with a resp_ id', async () => {
    const res = await chat(check);
    const body = (await res.json()) as { id: string; object: string; model: string; choices: Array<{ message: { content: string }; finish_reason: string }> };
    assert.equal(res.status, 200);
    assert.match(body.id, /^resp_/);
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0]!.message.content, 'trae ok');
    assert.equal(body.choices[0]!.finish_reason, 'stop');
  });

  it('is strict about parameters, even null ones', async () => {
    for (const extra of [{ n: 1 }, { stop: null }, { seed: 1 }, { user: 'u' }, { logprobs: null }, { web_search_options: {} }, { whatever: 1 }]) {
      const res = await chat({ ...check, ...extra });
      const body = (await res.json()) as { error: { code: string; param: string } };
      assert.equal(res.status, 400, JSON.stringify(extra));
      assert.equal(body.error.code, 'unsupported_parameter');
      assert.equal(body.error.param, Object.keys(extra)[0]);
    }
    for (const bad of [0, -1, 1.5, '16']) assert.equal((await chat({ ...check, max_completion_tokens: bad })).status, 400);
  });

  it('matches model ids case-insensitively after trimming; unknown ids are invalid_model', async () => {
    assert.equal((await chat({ ...check, model: ' GPT-5.5 ' })).status, 200);
    const res = await chat({ ...check, model: 'gpt-unknown' });
    assert.deepEqual(await res.json(), { error: { message: 'model is not available for this pool', type: 'invalid_request_error', code: 'invalid_model', param: 'model' } });
  });

  it('redacts upstream errors on chat to the code only', async () => {
    ctx.emulator.upstream.failure = { status: 429, code: 'rate_limit_exceeded' };
    const res = await chat(check);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), null);
    assert.deepEqual(await res.json(), { error: { message: 'upstream request failed', type: 'server_error', code: 'rate_limit_exceeded' } });
  });

  it('streams chunks with the role first and [DONE] last', async () => {
    const text = await (await chat({ ...check, stream: true })).text();
    const frames = text.trim().split('\n\n');
    assert.match(frames[0]!, /"delta":\{"role":"assistant"\}/);
    assert.equal(frames.at(-1), 'data: [DONE]');
  });

  it('usage: the documented shape; any query parameter is a 400', async () => {
    const ok = await fetch(`${ctx.emulator.apiBase}/usage`, { headers: auth() });
    assert.deepEqual(Object.keys((await ok.json()) as object).sort(), ['cached_input_tokens', 'limits', 'request_count', 'total_cost_status', 'total_cost_usd', 'total_tokens', 'upstream_limits']);
    assert.equal((await fetch(`${ctx.emulator.apiBase}/usage?days=1`, { headers: auth() })).status, 400);
  });

  it('health routes need no auth and prove nothing about the key', async () => {
    assert.deepEqual(await (await fetch(`${ctx.emulator.url}/healthz`)).json(), { status: 'ok' });
    assert.deepEqual(await (await fetch(`${ctx.emulator.url}/readyz`)).json(), { status: 'ready' });
    ctx.emulator.pool.ready = false;
    const res = await fetch(`${ctx.emulator.url}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'unavailable' });
  });

  it('the firewall is checked before auth', async () => {
    ctx.emulator.pool.clientIpAllowed = false;
    const res = await fetch(`${ctx.emulator.apiBase}/models`);
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'access_denied');
  });

  it('surfaces that are not the API: admin UI redirects to login, /mcp answers JSON-RPC', async () => {
    const admin = await fetch(`${ctx.emulator.url}/admin`, { redirect: 'manual' });
    assert.equal(admin.status, 302);
    assert.equal(admin.headers.get('location'), '/login');
    const mcp = (await (await fetch(`${ctx.emulator.url}/mcp`, { method: 'POST' })).json()) as { jsonrpc: string };
    assert.equal(mcp.jsonrpc, '2.0');
  });

  it('counts requests per route', async () => {
    await fetch(`${ctx.emulator.apiBase}/models`, { headers: auth() });
    await chat(check);
    assert.deepEqual(ctx.emulator.counts(), { 'GET /v1/models': 1, 'POST /v1/chat/completions': 1 });
    assert.equal(ctx.emulator.countRoute('chat'), 1);
  });
});
