// The Trae-shaped check against the emulator over real loopback HTTP (every fault it must catch), and
// against scripted streams where exact timing or hostile content matters.
import * as assert from 'node:assert/strict';
import { renderMsg } from '../../src/core/text/messages';
import { createNodeStreamTransport } from '../../src/core/http/node/nodeStream';
import {
  traeShapedCheck,
  type TraeCheckInput,
  type TraeCheckOutcome,
  type TraeCheckReport,
} from '../../src/core/check/traeShaped/traeCheck';
import { TRAE_MAX_TOKENS, TRAE_SECOND_PROMPT, TRAE_TOOL_RESULT } from '../../src/core/check/traeShaped/traeTurns';
import { formatTraeReport } from '../../src/core/check/traeShaped/traeReportText';
import type { StreamRequest, StreamTransport } from '../../src/core/http/transport';
import { ALLOWED_CHAT_PARAMS, applyScenario, makeMcpToken, type Emulator, type ScenarioName } from '../emulator/server';
import { until } from './fakes/async';
import { closedPort, endpointOf, requestsBeforeMarker, useEmulator } from './helpers';

const zh = require('../../../l10n/bundle.l10n.zh-cn.json') as Record<string, string>;

function run(
  emulator: Emulator,
  overrides: Partial<TraeCheckInput> = {},
  transport: StreamTransport = createNodeStreamTransport(),
  now?: () => number,
): Promise<TraeCheckOutcome> {
  const input: TraeCheckInput = {
    endpoint: endpointOf(emulator.apiBase),
    key: emulator.key,
    model: 'gpt-5.5',
    timeoutMs: 3000,
    ...overrides,
  };
  return traeShapedCheck(input, { transport, userAgent: 'codex-pooler-trae-tests', ...(now ? { now } : {}) });
}

async function reportOf(
  emulator: Emulator,
  overrides: Partial<TraeCheckInput> = {},
  transport?: StreamTransport,
  now?: () => number,
): Promise<TraeCheckReport> {
  const outcome = await run(emulator, overrides, transport, now);
  assert.equal(outcome.kind, 'done');
  const { report } = outcome;
  for (const d of report.diagnoses) {
    for (const m of [d.cause, d.fix]) {
      assert.doesNotMatch(renderMsg(m), /\{\w+\}/, `${d.code}: a placeholder left in ${m.id}`);
      assert.doesNotMatch(renderMsg(m, zh), /\{\w+\}/, `${d.code}: a placeholder left in the Chinese ${m.id}`);
    }
  }
  assert.ok(!JSON.stringify(report).includes(emulator.key.slice(7)), 'the report must not carry the key');
  return report;
}

const codes = (report: TraeCheckReport) => report.diagnoses.map((d) => `${d.severity} ${d.step} ${d.code}`);
type Sent = { model: string; messages: Array<Record<string, unknown>>; [name: string]: unknown };
const sentBodies = (emulator: Emulator) =>
  emulator.requests.filter((r) => r.route === 'chat').map((r) => JSON.parse(r.body) as Sent);

/** A transport that answers from a script, on a clock it moves itself: exact timings, any content. */
function scripted(
  turns: Array<{ status?: number; contentType?: string; frames: Array<[atMs: number, text: string]> }>,
): { transport: StreamTransport; now: () => number; requests: StreamRequest[] } {
  let clock = 1000;
  const requests: StreamRequest[] = [];
  const transport: StreamTransport = async (request) => {
    requests.push(request);
    const turn = turns[requests.length - 1];
    if (!turn) throw new Error('no scripted turn left');
    const base = clock;
    return {
      status: turn.status ?? 200,
      headers: { 'content-type': turn.contentType ?? 'text/event-stream' },
      body: (async function* () {
        for (const [at, text] of turn.frames) {
          clock = base + at;
          yield { text, at: clock };
        }
      })(),
    };
  };
  return { transport, now: () => clock, requests };
}

const chunk = (delta: object, extra: object = {}) =>
  `data: ${JSON.stringify({ id: 'resp_1', object: 'chat.completion.chunk', model: 'gpt-5.5', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
const finishChunk = `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [], usage: { total_tokens: 17 } })}\n\n`;
const DONE = 'data: [DONE]\n\n';
const healthyFrames = (start = 10, gap = 30): Array<[number, string]> => [
  [start, chunk({ role: 'assistant', content: '' })],
  [start + gap, chunk({ content: 'trae' })],
  [start + 2 * gap, chunk({ content: ' ok' })],
  [start + 3 * gap, finishChunk],
  [start + 3 * gap, usageChunk],
  [start + 3 * gap, DONE],
];

describe('Trae-shaped check', () => {
  const ctx = useEmulator();

  it('a healthy pool: two streamed turns, the conversation sent back, every fact reported', async () => {
    const report = await reportOf(ctx.emulator);
    assert.equal(report.verdict, 'ok');
    assert.deepEqual(report.diagnoses, []);
    assert.equal(report.url, `${ctx.emulator.apiBase}/chat/completions`);
    assert.equal(report.turns.length, 2);
    for (const turn of report.turns) {
      assert.equal(turn.status, 200);
      assert.equal(turn.eventStream, true);
      assert.equal(turn.done, true);
      assert.equal(turn.finishReason, 'stop');
      assert.equal(turn.usage, true);
      assert.equal(turn.toolCalled, false);
      assert.equal(turn.answer, 'trae ok');
      assert.equal(turn.servedModel, 'gpt-5.5');
      assert.equal(turn.dataFrames, 7, 'role, 3 content pieces, finish, usage, [DONE]');
      assert.ok(turn.timeToFirstTokenMs !== undefined && turn.timeToFirstTokenMs < turn.durationMs);
      assert.ok((turn.frameSpreadMs ?? 0) >= 40, `spread ${turn.frameSpreadMs} ms`);
    }
    const [first, second] = sentBodies(ctx.emulator);
    assert.deepEqual(first!.messages, [{ role: 'user', content: 'Reply with exactly: trae ok' }]);
    assert.deepEqual(second!.messages, [
      { role: 'user', content: 'Reply with exactly: trae ok' },
      { role: 'assistant', content: 'trae ok' },
      { role: 'user', content: TRAE_SECOND_PROMPT },
    ]);
  });

  it('sends only parameters the contract accepts, the key only as Bearer, and asks for a stream', async () => {
    await reportOf(ctx.emulator, {}, undefined);
    const rejectedByContract = [
      'n',
      'stop',
      'seed',
      'user',
      'logprobs',
      'presence_penalty',
      'frequency_penalty',
      'logit_bias',
      'modalities',
      'audio',
      'prediction',
      'web_search_options',
    ];
    const requests = ctx.emulator.requests.filter((r) => r.route === 'chat');
    assert.equal(requests.length, 2);
    for (const request of requests) {
      const body = JSON.parse(request.body) as Sent;
      assert.deepEqual(Object.keys(body).sort(), [
        'max_tokens',
        'messages',
        'model',
        'stream',
        'stream_options',
        'tool_choice',
        'tools',
      ]);
      for (const name of Object.keys(body))
        assert.ok(ALLOWED_CHAT_PARAMS.has(name) && !rejectedByContract.includes(name), name);
      assert.equal(body['stream'], true);
      assert.deepEqual(body['stream_options'], { include_usage: true });
      assert.equal(body['max_tokens'], 4096, 'what Trae sends (Trae-AI/TRAE issue 1052)');
      assert.equal(TRAE_MAX_TOKENS, 4096);
      assert.deepEqual(body['tools'], [
        {
          type: 'function',
          function: {
            name: 'get_current_time',
            description: 'Returns the current time.',
            parameters: { type: 'object', properties: {} },
          },
        },
      ]);
      assert.equal(body['tool_choice'], 'auto');
      assert.equal(request.authorization, `Bearer ${ctx.emulator.key}`);
      assert.equal(request.headers['accept'], 'text/event-stream');
      const { authorization: _auth, ...others } = request.headers;
      assert.ok(!JSON.stringify({ others, body: request.body }).includes(ctx.emulator.key.slice(7)));
    }
  });

  it('tool-call: the tool call goes back with its result and matching id, then the answer', async () => {
    applyScenario(ctx.emulator, 'tool-call');
    const report = await reportOf(ctx.emulator);
    assert.equal(report.verdict, 'ok', codes(report).join('; '));
    assert.equal(report.turns[0]!.toolCalled, true);
    assert.equal(report.turns[0]!.finishReason, 'tool_calls');
    assert.equal(report.turns[0]!.answer, '');
    assert.ok(report.turns[0]!.timeToFirstTokenMs !== undefined, 'a tool-call delta is the first token');
    assert.equal(report.turns[1]!.answer, 'trae ok');
    const messages = sentBodies(ctx.emulator)[1]!.messages;
    assert.deepEqual(
      messages.map((m) => m['role']),
      ['user', 'assistant', 'tool', 'user'],
    );
    const calls = messages[1]!['tool_calls'] as Array<{
      id: string;
      type: string;
      function: { name: string; arguments: string };
    }>;
    assert.equal(messages[1]!['content'], undefined);
    assert.equal(calls.length, 1);
    assert.match(calls[0]!.id, /^call_/);
    assert.deepEqual(
      { ...calls[0]!, id: '' },
      { id: '', type: 'function', function: { name: 'get_current_time', arguments: '{}' } },
    );
    assert.deepEqual(messages[2], { role: 'tool', tool_call_id: calls[0]!.id, content: TRAE_TOOL_RESULT });
  });

  describe('faults the documented check cannot see', () => {
    const cases: Array<{ scenario: ScenarioName; expect: string; turns: number; timeoutMs?: number }> = [
      { scenario: 'stream-error-frame', expect: 'error turn1 stream-error-frame', turns: 1 },
      { scenario: 'stream-no-done', expect: 'error turn1 stream-no-done', turns: 1 },
      { scenario: 'stream-stall', expect: 'error turn1 stream-stalled', turns: 1, timeoutMs: 600 },
      { scenario: 'stream-buffered', expect: 'warning turn1 stream-buffered', turns: 2 },
      { scenario: 'stream-ignored', expect: 'error turn1 stream-ignored', turns: 1 },
      { scenario: 'second-turn-rejected', expect: 'error turn2 second-turn-rejected', turns: 2 },
    ];
    for (const c of cases) {
      it(`${c.scenario} -> ${c.expect}`, async () => {
        applyScenario(ctx.emulator, c.scenario);
        const report = await reportOf(ctx.emulator, c.timeoutMs ? { timeoutMs: c.timeoutMs } : {});
        assert.equal(codes(report)[0], c.expect, codes(report).join('; '));
        assert.equal(report.turns.length, c.turns);
        assert.equal(report.verdict, c.expect.split(' ')[0]);
      });
    }

    it("the error frame names the pool's code, says it came with HTTP 200, and gives that code's fix", async () => {
      applyScenario(ctx.emulator, 'stream-error-frame');
      const report = await reportOf(ctx.emulator);
      const d = report.diagnoses[0]!;
      assert.match(renderMsg(d.cause), /HTTP 200 and then the error upstream_network_error/);
      assert.equal(d.fix.id, 'diag.upstreamNetwork.fix');
      assert.match(
        d.detail,
        /^turn 1: POST \/v1\/chat\/completions -> HTTP 200, then an error frame upstream_network_error/,
      );
      assert.deepEqual(
        { done: report.turns[0]!.done, frames: report.turns[0]!.dataFrames },
        { done: false, frames: 1 },
      );
    });

    it("a refused second turn is explained as Trae's 4028, with the pool's code and parameter", async () => {
      applyScenario(ctx.emulator, 'second-turn-rejected');
      const report = await reportOf(ctx.emulator);
      const d = report.diagnoses[0]!;
      assert.equal(report.turns[0]!.done, true);
      assert.equal(report.turns[1]!.status, 400);
      assert.match(
        renderMsg(d.cause),
        /4028 "Param Incorrect \(Model Provider Error Code: 400\)" from the second message/,
      );
      assert.match(renderMsg(d.cause), /HTTP 400, error unsupported_parameter, parameter messages\[1\]\.content/);
      assert.match(renderMsg(d.cause, zh), /4028/);
      assert.equal(d.action, 'contactOperator');
    });

    it("buffering: said once for both turns; the fix names nginx's proxy_buffering and X-Accel-Buffering", async () => {
      applyScenario(ctx.emulator, 'stream-buffered');
      const report = await reportOf(ctx.emulator);
      assert.deepEqual(codes(report), ['warning turn1 stream-buffered']);
      assert.ok(
        (report.turns[1]!.firstFrameMs ?? 0) >= 400 && (report.turns[1]!.frameSpreadMs ?? 99) < 10,
        'turn 2 was buffered too',
      );
      assert.match(renderMsg(report.diagnoses[0]!.fix), /proxy_buffering off.*X-Accel-Buffering: no/);
      assert.ok((report.turns[0]!.firstFrameMs ?? 0) >= 400 && (report.turns[0]!.frameSpreadMs ?? 99) < 10);
    });
  });

  describe('pool errors on either turn map as the connection check maps them', () => {
    const cases: Array<[ScenarioName, string]> = [
      ['key-unknown', 'error turn1 api_key_missing'],
      ['rate-limited', 'error turn1 rate_limit_exceeded'],
      ['quota-exhausted', 'error turn1 quota_exhausted'],
      ['down', 'error turn1 gateway-error'],
      ['redirect-login', 'error turn1 redirect-login'],
      ['html-200', 'error turn1 html-body'],
      ['connection-reset', 'error turn1 reset'],
    ];
    for (const [scenario, expected] of cases) {
      it(`${scenario} -> ${expected}`, async () => {
        applyScenario(ctx.emulator, scenario);
        const report = await reportOf(ctx.emulator);
        assert.equal(codes(report)[0], expected, codes(report).join('; '));
        assert.equal(report.turns.length, 1);
      });
    }

    it('an unknown model -> invalid_model', async () => {
      assert.equal(codes(await reportOf(ctx.emulator, { model: 'gpt-9-imaginary' }))[0], 'error turn1 invalid_model');
    });

    it('nothing listening on localhost -> refused-local', async () => {
      const port = await closedPort();
      const report = await reportOf(ctx.emulator, { endpoint: endpointOf(`http://localhost:${port}/v1`) });
      assert.equal(codes(report)[0], 'error turn1 refused-local');
      assert.equal(report.turns[0]!.status, undefined);
    });

    it("a 5xx or 429 on the second turn is the pool's error, not a refused conversation", async () => {
      const s = scripted([
        { frames: healthyFrames() },
        {
          status: 503,
          contentType: 'application/json',
          frames: [
            [5, '{"error":{"message":"upstream request failed","type":"server_error","code":"no_eligible_backend"}}'],
          ],
        },
      ]);
      const report = await reportOf(ctx.emulator, {}, s.transport, s.now);
      assert.deepEqual(codes(report), ['error turn2 no_eligible_backend']);
    });

    it('a network failure on the second turn is diagnosed on the second turn', async () => {
      const s = scripted([{ frames: healthyFrames() }]);
      const report = await reportOf(ctx.emulator, {}, s.transport, s.now);
      assert.deepEqual(codes(report), ['error turn2 network-other']);
      assert.match(report.diagnoses[0]!.detail, /^turn 2: /);
      assert.deepEqual(
        report.turns.map((t) => t.status),
        [200, undefined],
      );
    });
  });

  describe('scripted streams: timing rules and hostile content', () => {
    const buffered = (wait: number, spread: number, frames = 6): Array<[number, string]> =>
      healthyFrames(wait, 0)
        .slice(0, frames)
        .map(([at, text], i) => [at + (i === frames - 1 ? spread : 0), text]);

    it('the buffering rule: >= 3 frames within < 10 ms after >= 400 ms of waiting', async () => {
      const verdictFor = async (frames: Array<[number, string]>) => {
        const s = scripted([{ frames: [...frames, [frames.at(-1)![0], DONE]] }, { frames: healthyFrames() }]);
        return codes(await reportOf(ctx.emulator, {}, s.transport, s.now)).filter((c) => c.includes('buffered')).length;
      };
      assert.equal(await verdictFor(buffered(400, 9, 5)), 1, 'whole answer at once after 400 ms');
      assert.equal(await verdictFor(buffered(399, 9, 5)), 0, 'a short wait is a fast model');
      assert.equal(await verdictFor(buffered(400, 10, 5)), 0, 'a spread of 10 ms is streaming');
      assert.equal(await verdictFor(buffered(2000, 0, 1)), 0, 'two frames (with [DONE]) are too few to tell');
    });

    it('include_usage asked and no usage frame: info only', async () => {
      const s = scripted([
        { frames: healthyFrames().filter(([, t]) => !t.includes('usage')) },
        { frames: healthyFrames() },
      ]);
      const report = await reportOf(ctx.emulator, {}, s.transport, s.now);
      assert.deepEqual(codes(report), ['info turn1 stream-no-usage']);
      assert.equal(report.verdict, 'ok');
      assert.equal(report.turns[0]!.usage, false);
    });

    it('a frame that is not a chat chunk stops the check with its problem, never its text', async () => {
      const s = scripted([
        {
          frames: [
            [5, chunk({ role: 'assistant' })],
            [10, 'data: {"choices":"SECRET-ISH TEXT"}\n\n'],
            [15, DONE],
          ],
        },
      ]);
      const report = await reportOf(ctx.emulator, {}, s.transport, s.now);
      assert.deepEqual(codes(report), ['error turn1 stream-bad-frame']);
      assert.ok(!JSON.stringify(report).includes('SECRET-ISH'));
    });

    it('a key echoed anywhere in the stream never reaches the report', async () => {
      const key = ctx.emulator.key;
      const s = scripted([
        {
          frames: [
            [5, chunk({ role: 'assistant' }, { model: `m ${key}` })],
            [10, chunk({ content: `your key is ${key.slice(0, 30)}` })],
            [11, chunk({ content: `${key.slice(30)} ok` })],
            [20, finishChunk],
            [20, usageChunk],
            [20, DONE],
          ],
        },
        {
          frames: [[5, `data: {"error":{"message":"bad key ${key}","type":"x","code":"upstream_network_error"}}\n\n`]],
        },
      ]);
      const report = await reportOf(ctx.emulator, {}, s.transport, s.now);
      assert.match(report.turns[0]!.answer, /your key is sk-cxp-[0-9a-f]{12}-… SHA256:[0-9a-f]{6} ok/);
      assert.ok(!JSON.stringify(sentBodiesOf(s.requests)[1]).includes(key.slice(7)), 'nor the conversation sent back');
      assert.ok(!formatTraeReport(report, (m) => renderMsg(m)).includes(key.slice(7)));
    });

    it('a huge answer is capped: the report keeps a clipped answer', async () => {
      const big = Array.from({ length: 200 }, (_, i) => [i, chunk({ content: 'x'.repeat(1000) })] as [number, string]);
      const s = scripted([
        { frames: [...big, [300, finishChunk], [300, usageChunk], [300, DONE]] },
        { frames: healthyFrames() },
      ]);
      const report = await reportOf(ctx.emulator, {}, s.transport, s.now);
      assert.equal(report.turns[0]!.answer.length, 200);
      assert.ok(s.requests[1]!.body!.length < 10_000, 'the answer sent back is capped too');
    });

    it('passes the deadlines: headers and each turn at the timeout, silence at min(timeout / 2, 15 s)', async () => {
      const s = scripted([{ frames: healthyFrames() }, { frames: healthyFrames() }]);
      await reportOf(ctx.emulator, { timeoutMs: 30_000 }, s.transport, s.now);
      assert.deepEqual(
        s.requests.map((r) => [r.timeoutMs, r.idleTimeoutMs, r.totalTimeoutMs]),
        [
          [30_000, 15_000, 30_000],
          [30_000, 15_000, 30_000],
        ],
      );
      assert.ok(s.requests.every((r) => r.maxBodyBytes > 0 && r.maxBodyBytes <= 1024 * 1024));
      const short = scripted([{ frames: healthyFrames() }, { frames: healthyFrames() }]);
      await reportOf(ctx.emulator, { timeoutMs: 5000 }, short.transport, short.now);
      assert.equal(short.requests[0]!.idleTimeoutMs, 2500);
    });
  });

  describe('cancellation and the key guard', () => {
    it('cancelled while the stream stalls: an outcome, not a diagnosis', async () => {
      applyScenario(ctx.emulator, 'stream-stall');
      const controller = new AbortController();
      const pending = run(ctx.emulator, { signal: controller.signal, timeoutMs: 5000 });
      await until('the stalled stream at the pool', () => ctx.emulator.inFlightOf('chat') > 0);
      controller.abort();
      assert.deepEqual(await pending, { kind: 'cancelled' });
    });

    it('already cancelled: nothing is sent', async () => {
      const controller = new AbortController();
      controller.abort();
      assert.deepEqual(await run(ctx.emulator, { signal: controller.signal }), { kind: 'cancelled' });
      assert.deepEqual(await requestsBeforeMarker(ctx.emulator), []);
    });

    it("refuses to send anything but a Pool key, or anywhere but the pool's origin", async () => {
      const mcp = await reportOf(ctx.emulator, { key: makeMcpToken() });
      assert.deepEqual(codes(mcp), ['error turn1 key-not-sent']);
      const tampered = {
        ...endpointOf(ctx.emulator.apiBase),
        traeCallUrl: 'https://evil.example.com/v1/chat/completions',
      };
      assert.deepEqual(codes(await reportOf(ctx.emulator, { endpoint: tampered })), ['error turn1 origin-blocked']);
      assert.equal(ctx.emulator.requests.length, 0);
    });
  });

  it('the report as text: verdict, both turns, each diagnosis', async () => {
    applyScenario(ctx.emulator, 'second-turn-rejected');
    const text = formatTraeReport(await reportOf(ctx.emulator), (m) => renderMsg(m));
    const lines = text.split('\n');
    assert.match(
      lines[0]!,
      /^Trae-shaped check: error \(model gpt-5\.5, POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions, \d+ ms\)$/,
    );
    assert.match(
      lines[1]!,
      /^Turn 1: HTTP 200 event stream, first token \d+ ms, \d+ ms in all, 7 data frames over \d+ ms, ended with \[DONE\], finish_reason stop, usage sent, tool not called; answer "trae ok"; served by gpt-5\.5$/,
    );
    assert.match(lines[2]!, /^Turn 2: HTTP 400 \(not an event stream\), no token/);
    assert.match(lines[3]!, /^- \[error\] turn2 second-turn-rejected: .*4028/);
  });
});

function sentBodiesOf(requests: readonly StreamRequest[]): unknown[] {
  return requests.map((r) => JSON.parse(r.body ?? '{}'));
}
