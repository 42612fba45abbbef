// The emulator's GET /v1/usage follows the contract's "usage as a witness": per key, served chats and
// upstream failures count (a stream once it ends); model lists, usage reads and requests refused before
// routing do not; the rolling window can go down. The browser tests and the demo rely on it to play Trae.
import * as assert from 'node:assert/strict';
import { chatAsTrae } from '../emulator/asTrae';
import { useEmulator } from './helpers';

describe('emulator: GET /v1/usage counts as the pool does', () => {
  const ctx = useEmulator();
  const usage = async (key = ctx.emulator.key) => {
    const res = await fetch(`${ctx.emulator.apiBase}/usage`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { request_count: number; total_tokens: number };
    return { requests: body.request_count, tokens: body.total_tokens };
  };
  const chat = (body: Record<string, unknown>, key = ctx.emulator.key) =>
    fetch(`${ctx.emulator.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }], ...body }),
    }).then(async (r) => (await r.text(), r.status));
  /** The pool settles a chat when its response closes: the next read shows it within moments. */
  const eventually = async (want: (u: { requests: number }) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const u = await usage();
      if (want(u)) return u;
      await new Promise((r) => setTimeout(r, 10));
    }
    return usage();
  };

  it('a served chat counts once for its own key, with its tokens; another key sees nothing', async () => {
    const other = ctx.emulator.addKey();
    const before = await usage();
    const otherBefore = await usage(other);
    assert.equal(await chat({}), 200);
    const after = await eventually((u) => u.requests > before.requests);
    assert.equal(after.requests, before.requests + 1);
    assert.ok(after.tokens > before.tokens);
    assert.deepEqual(await usage(other), otherBefore);
  });

  it('model lists, usage reads and requests refused before routing are not counted', async () => {
    const before = await usage();
    await fetch(`${ctx.emulator.apiBase}/models`, { headers: { authorization: `Bearer ${ctx.emulator.key}` } });
    await usage();
    assert.equal(await chat({ model: 'no-such-model' }), 400);
    assert.equal(await chat({ temperature: 0.5, logit_bias: {} }), 400);
    assert.equal(await chat({}, 'sk-cxp-000000000000-not-a-key-of-this-pool-aaaaaaaaaaaaaaaaaaaaa'), 401);
    await fetch(`${ctx.emulator.url}/__emulator/scenario/no-eligible-backend`);
    assert.equal(await chat({}), 503);
    // A served chat after them is the marker: once it is counted, all sent before it were settled too.
    ctx.emulator.reset();
    assert.equal(await chat({}), 200);
    const after = await eventually((u) => u.requests > before.requests);
    assert.equal(after.requests, before.requests + 1, 'only the marker counted');
  });

  it('an upstream failure that reached an account (502) counts', async () => {
    const before = await usage();
    ctx.emulator.upstream.failure = { status: 502, code: 'upstream_network_error' };
    assert.equal(await chat({}), 502);
    const after = await eventually((u) => u.requests > before.requests);
    assert.equal(after.requests, before.requests + 1);
  });

  it('a stream counts when it ends, not when it starts (played as Trae: streamed, max_tokens 4096)', async () => {
    const before = await usage();
    ctx.emulator.upstream.delayMs = 400;
    const sent = chatAsTrae(ctx.emulator.apiBase, ctx.emulator.key, 'gpt-5.5');
    while (ctx.emulator.inFlightOf('chat') === 0) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(await usage(), before, 'not while it streams');
    const result = await sent;
    assert.equal(result.status, 200);
    assert.equal(result.answer, 'trae ok');
    assert.ok(result.done);
    const after = await eventually((u) => u.requests > before.requests);
    assert.equal(after.requests, before.requests + 1);
    const body = JSON.parse(ctx.emulator.requests.filter((r) => r.route === 'chat').at(-1)?.body ?? '{}') as Record<
      string,
      unknown
    >;
    assert.equal(body['stream'], true);
    assert.equal(body['max_tokens'], 4096);
  });

  it('the control endpoint plays Trae with the demo key (or ?key=), and /rollover makes the counter go down', async () => {
    const before = await usage();
    const res = await fetch(`${ctx.emulator.url}/__emulator/trae-chat`, { method: 'POST' });
    const played = (await res.json()) as { status: number; answer: string };
    assert.equal(played.status, 200);
    assert.equal(played.answer, 'trae ok');
    const after = await eventually((u) => u.requests > before.requests);
    assert.equal(after.requests, before.requests + 1);
    await fetch(`${ctx.emulator.url}/__emulator/rollover`, { method: 'POST' });
    const dropped = await usage();
    assert.ok(dropped.requests < after.requests && dropped.tokens < after.tokens, JSON.stringify(dropped));
    const other = ctx.emulator.addKey();
    await fetch(`${ctx.emulator.url}/__emulator/trae-chat?key=${encodeURIComponent(other)}`, { method: 'POST' });
    assert.equal((await usage(other)).requests, 1);
  });
});
