// The emulator must follow ../shared/codex-pooler-contract.md, or the other tests prove nothing.
import * as assert from 'node:assert/strict';
import { applyScenario, scenarioHelp, SCENARIOS } from '../emulator/server';
import { useEmulator } from './helpers';

describe('emulator follows the Codex Pooler contract', () => {
  const ctx = useEmulator();
  const auth = () => ({ authorization: `Bearer ${ctx.emulator.key}` });
  const chat = (body: unknown, headers: Record<string, string> = auth()) =>
    fetch(`${ctx.emulator.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const check = {
    model: 'gpt-5.5',
    messages: [{ role: 'user', content: 'Reply with exactly: trae ok' }],
    stream: false,
    max_completion_tokens: 16,
  };

  it('authenticates every /v1 path first, unknown paths and methods too', async () => {
    for (const [method, path] of [
      ['GET', '/v1/models'],
      ['POST', '/v1/nope'],
      ['DELETE', '/v1/chat/completions'],
      ['GET', '/v1/models/gpt-5.5'],
    ]) {
      const res = await fetch(`${ctx.emulator.url}${path}`, { method: method! });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.deepEqual(await res.json(), {
        error: { message: 'api key is required', type: 'invalid_request_error', code: 'api_key_missing', param: null },
      });
    }
  });

  it('accepts only the literal "Bearer " scheme and sk-cxp- keys', async () => {
    for (const header of [
      `bearer ${ctx.emulator.key}`,
      ctx.emulator.key,
      `Bearer mcp-cxp-0123456789ab-xyz`,
      'Basic abc',
    ]) {
      const res = await fetch(`${ctx.emulator.apiBase}/models`, { headers: { authorization: header } });
      assert.equal(res.status, 401, header.slice(0, 12));
    }
    const xApiKey = await fetch(`${ctx.emulator.apiBase}/models`, { headers: { 'x-api-key': ctx.emulator.key } });
    assert.equal(xApiKey.status, 401);
    const trimmed = await fetch(`${ctx.emulator.apiBase}/models`, {
      headers: { authorization: `Bearer  ${ctx.emulator.key} ` },
    });
    assert.equal(trimmed.status, 200);
  });

  it('lists models in the documented shape; /v1/models/ still routes; no single-model route', async () => {
    const res = await fetch(`${ctx.emulator.apiBase}/models/`, { headers: auth() });
    const body = (await res.json()) as { object: string; data: Array<Record<string, unknown>> };
    assert.equal(body.object, 'list');
    assert.deepEqual(Object.keys(body.data[0]!).sort(), [
      'context_length',
      'created',
      'display_name',
      'id',
      'input_modalities',
      'object',
      'owned_by',
      'permission',
      'supports_reasoning',
      'supports_streaming',
      'supports_tools',
    ]);
    const single = await fetch(`${ctx.emulator.apiBase}/models/gpt-5.5`, { headers: auth() });
    assert.equal(single.status, 404);
  });

  it('answers the documented chat check with a resp_ id', async () => {
    const res = await chat(check);
    const body = (await res.json()) as {
      id: string;
      object: string;
      model: string;
      choices: Array<{ message: { content: string }; finish_reason: string }>;
    };
    assert.equal(res.status, 200);
    assert.match(body.id, /^resp_/);
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0]!.message.content, 'trae ok');
    assert.equal(body.choices[0]!.finish_reason, 'stop');
  });

  it('is strict about parameters, even null ones', async () => {
    for (const extra of [
      { n: 1 },
      { stop: null },
      { seed: 1 },
      { user: 'u' },
      { logprobs: null },
      { web_search_options: {} },
      { whatever: 1 },
    ]) {
      const res = await chat({ ...check, ...extra });
      const body = (await res.json()) as { error: { code: string; param: string } };
      assert.equal(res.status, 400, JSON.stringify(extra));
      assert.equal(body.error.code, 'unsupported_parameter');
      assert.equal(body.error.param, Object.keys(extra)[0]);
    }
    for (const bad of [0, -1, 1.5, '16'])
      assert.equal((await chat({ ...check, max_completion_tokens: bad })).status, 400);
  });

  it('matches model ids case-insensitively after trimming; unknown ids are invalid_model', async () => {
    assert.equal((await chat({ ...check, model: ' GPT-5.5 ' })).status, 200);
    const res = await chat({ ...check, model: 'gpt-unknown' });
    assert.deepEqual(await res.json(), {
      error: {
        message: 'model is not available for this pool',
        type: 'invalid_request_error',
        code: 'invalid_model',
        param: 'model',
      },
    });
  });

  it('redacts upstream errors on chat to the code only', async () => {
    ctx.emulator.upstream.failure = { status: 429, code: 'rate_limit_exceeded' };
    const res = await chat(check);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), null);
    assert.deepEqual(await res.json(), {
      error: { message: 'upstream request failed', type: 'server_error', code: 'rate_limit_exceeded' },
    });
  });

  it('streams like a model: role chunk, content in pieces with pauses, finish, [DONE]; usage only when asked', async () => {
    const started = Date.now();
    const res = await chat({ ...check, stream: true });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const arrivals: Array<{ text: string; at: number }> = [];
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read())
      arrivals.push({ text: decoder.decode(part.value, { stream: true }), at: Date.now() - started });
    const frames = arrivals
      .map((a) => a.text)
      .join('')
      .trim()
      .split('\n\n');
    const chunks = frames.slice(0, -1).map(
      (f) =>
        JSON.parse(f.slice('data: '.length)) as {
          object: string;
          choices: Array<{ delta: { role?: string; content?: string }; finish_reason: string | null }>;
          usage?: unknown;
        },
    );
    assert.equal(frames.at(-1), 'data: [DONE]');
    assert.equal(chunks[0]!.choices[0]!.delta.role, 'assistant');
    const content = chunks.filter((c) => c.choices[0]?.delta.content);
    assert.ok(content.length >= 3, `${content.length} content chunks`);
    assert.equal(content.map((c) => c.choices[0]!.delta.content).join(''), 'trae ok');
    assert.equal(chunks.at(-1)!.choices[0]!.finish_reason, 'stop');
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.usage === undefined));
    assert.ok(arrivals.length >= 4, `${arrivals.length} separate arrivals`);
    assert.ok(arrivals.at(-1)!.at - arrivals[0]!.at >= 60, 'content must arrive over time');

    const withUsage = await (await chat({ ...check, stream: true, stream_options: { include_usage: true } })).text();
    const usageFrame = withUsage.trim().split('\n\n').at(-2)!;
    assert.deepEqual(JSON.parse(usageFrame.slice(6)).choices, []);
    assert.equal(JSON.parse(usageFrame.slice(6)).usage.total_tokens, 17);
  });

  describe('tools and conversations, as strictly as a pool checks them', () => {
    const tool = {
      type: 'function',
      function: { name: 'get_current_time', parameters: { type: 'object', properties: {} } },
    };
    const statusOf = async (body: unknown) => {
      const res = await chat(body);
      const json = (await res.json()) as { error?: { code: string; param: string } };
      return `${res.status}${json.error ? ` ${json.error.code} ${json.error.param}` : ''}`;
    };

    it('accepts declared tools and tool_choice; refuses them malformed, or stream_options without a stream', async () => {
      assert.equal(await statusOf({ ...check, tools: [tool], tool_choice: 'auto' }), '200');
      assert.equal(
        await statusOf({ ...check, tools: [{ type: 'function', function: { name: 'has space' } }] }),
        '400 invalid_value tools[0]',
      );
      assert.equal(await statusOf({ ...check, tool_choice: 'auto' }), '400 invalid_value tool_choice');
      assert.equal(
        await statusOf({ ...check, stream_options: { include_usage: true } }),
        '400 invalid_value stream_options',
      );
      assert.equal(
        await statusOf({ ...check, stream: true, stream_options: { include_usage: true, extra: 1 } }),
        '400 invalid_value stream_options',
      );
    });

    it('checks a conversation that comes back: assistant content or tool_calls, tool answers matching a call', async () => {
      const user = { role: 'user', content: 'hi' };
      const call = { id: 'call_1', type: 'function', function: { name: 'get_current_time', arguments: '{}' } };
      const turn2 = (...messages: unknown[]) => ({ ...check, tools: [tool], messages: [user, ...messages, user] });
      assert.equal(await statusOf(turn2({ role: 'assistant', content: 'trae ok' })), '200');
      assert.equal(
        await statusOf(
          turn2({ role: 'assistant', tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_1', content: '{}' }),
        ),
        '200',
      );
      assert.equal(await statusOf(turn2({ role: 'assistant' })), '400 invalid_value messages[1].content');
      assert.equal(
        await statusOf(turn2({ role: 'assistant', tool_calls: [call] }, { role: 'tool', content: '{}' })),
        '400 invalid_value messages[2].tool_call_id',
      );
      assert.equal(
        await statusOf(
          turn2({ role: 'assistant', tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_2', content: '{}' }),
        ),
        '400 invalid_value messages[2].tool_call_id',
      );
      assert.equal(
        await statusOf(turn2({ role: 'assistant', tool_calls: [{ ...call, id: '' }] })),
        '400 invalid_value messages[1].tool_calls[0]',
      );
      assert.equal(await statusOf(turn2({ role: 'wizard', content: 'x' })), '400 invalid_value messages[1].role');
    });
  });

  describe('scenarios for people and for the Trae-shaped check', () => {
    it('GET /__emulator/scenarios names every scenario with a one-line description', async () => {
      const body = (await (await fetch(`${ctx.emulator.url}/__emulator/scenarios`)).json()) as {
        current: string;
        scenarios: Array<{ name: string; description: string }>;
      };
      assert.equal(body.current, 'ok');
      assert.deepEqual(
        body.scenarios.map((s) => s.name),
        Object.keys(SCENARIOS),
      );
      for (const s of body.scenarios) assert.ok(s.description.length > 10 && !s.description.includes('\n'), s.name);
      const switched = (await (await fetch(`${ctx.emulator.url}/__emulator/scenario/stream-stall`)).json()) as {
        scenario: string;
        description: string;
      };
      assert.deepEqual(switched, { scenario: 'stream-stall', description: SCENARIOS['stream-stall'].description });
      assert.equal((await fetch(`${ctx.emulator.url}/__emulator/scenario/toString`)).status, 404);
    });

    it('the help text shows each scenario and the exact commands to switch and to go back', () => {
      const help = scenarioHelp('http://127.0.0.1:4000');
      for (const [name, s] of Object.entries(SCENARIOS)) {
        assert.ok(
          help
            .split('\n')
            .some(
              (line) =>
                line.includes(`curl http://127.0.0.1:4000/__emulator/scenario/${name} `) &&
                line.endsWith(`# ${s.description}`),
            ),
          name,
        );
      }
      assert.match(help.split('\n')[0]!, /back to normal: curl http:\/\/127\.0\.0\.1:4000\/__emulator\/scenario\/ok$/);
    });

    it('down: every path answers like nginx in front of a stopped pool', async () => {
      applyScenario(ctx.emulator, 'down');
      for (const path of ['/v1/models', '/healthz', '/', '/v1/chat/completions']) {
        const res = await fetch(`${ctx.emulator.url}${path}`, { headers: auth() });
        assert.equal(res.status, 502, path);
        assert.equal(res.headers.get('server'), 'nginx');
        assert.match(await res.text(), /<title>502 Bad Gateway<\/title>/);
      }
    });

    it('hostile-models: hundreds of models, hostile names and ids, gpt-5.5 still listed and served', async () => {
      applyScenario(ctx.emulator, 'hostile-models');
      const body = (await (await fetch(`${ctx.emulator.apiBase}/models`, { headers: auth() })).json()) as {
        data: Array<{ id: string | null; display_name: string }>;
      };
      assert.ok(body.data.length >= 300);
      const names = body.data.map((m) => (typeof m?.display_name === 'string' ? m.display_name : ''));
      assert.ok(names.some((n) => n.length >= 1000));
      assert.ok(names.some((n) => n.includes('<img src=x onerror=alert(1)>')));
      assert.ok(names.some((n) => n.includes('\u202e')));
      // eslint-disable-next-line no-control-regex -- the hostile list does carry control characters
      assert.ok(names.some((n) => /[\u0000-\u001f]/.test(n)));
      assert.ok(body.data.some((m) => m?.id === null));
      assert.ok(body.data.some((m) => typeof m?.id === 'string' && m.id.length === 300));
      assert.ok(body.data.some((m) => m?.id === 'gpt-5.5' && m.display_name === 'GPT-5.5'));
      assert.equal((await chat(check)).status, 200);
    });

    it('stream faults touch only streamed chat: the documented check still passes', async () => {
      for (const name of [
        'stream-error-frame',
        'stream-no-done',
        'stream-buffered',
        'stream-stall',
        'stream-ignored',
        'second-turn-rejected',
        'tool-call',
      ] as const) {
        applyScenario(ctx.emulator, name);
        const res = await chat(check);
        assert.equal(res.status, 200, name);
        assert.equal(
          ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content,
          'trae ok',
          name,
        );
      }
    });

    it('stream-error-frame: HTTP 200 and one error frame, no [DONE]; stream-ignored: JSON for a stream', async () => {
      applyScenario(ctx.emulator, 'stream-error-frame');
      const res = await chat({ ...check, stream: true });
      assert.equal(res.status, 200);
      assert.equal(
        await res.text(),
        'data: {"error":{"message":"upstream request failed","type":"server_error","code":"upstream_network_error"}}\n\n',
      );
      applyScenario(ctx.emulator, 'stream-ignored');
      const ignored = await chat({ ...check, stream: true });
      assert.equal(ignored.headers.get('content-type'), 'application/json');
      assert.equal(((await ignored.json()) as { object: string }).object, 'chat.completion');
    });
  });

  it('usage: the documented shape; any query parameter is a 400', async () => {
    const ok = await fetch(`${ctx.emulator.apiBase}/usage`, { headers: auth() });
    assert.deepEqual(Object.keys((await ok.json()) as object).sort(), [
      'cached_input_tokens',
      'limits',
      'request_count',
      'total_cost_status',
      'total_cost_usd',
      'total_tokens',
      'upstream_limits',
    ]);
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
