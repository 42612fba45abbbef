// Security: text a pool sends is made inert on every path that keeps it (the pool client's error, the
// Trae-shaped check's stream error frame, its not-a-stream error, the served model): a hostile message
// comes out clipped, with control and text-direction characters replaced and every secret redacted.
import * as assert from 'node:assert/strict';
import { compactError, ERROR_FIELD_CHARS, cleanerFor } from '../../src/core/pool/poolResponse';
import { readEventStream } from '../../src/core/check/traeShaped/traeStream';
import { traeShapedCheck, type TraeCheckReport } from '../../src/core/check/traeShaped/traeCheck';
import { hasUnsafeCharacters } from '../../src/core/text/inertText';
import { decodeEscapes } from '../../src/core/secrets/redact';
import type { StreamChunk, StreamTransport, Transport } from '../../src/core/http/transport';
import { makeMcpToken, makePoolKey } from '../emulator/server';
import { clientFor, endpointOf } from './helpers';

const key = makePoolKey();
const otherKey = makePoolKey();
const mcpToken = makeMcpToken();
const BEARER_VALUE = 'abcdefghijklmnopqrstuvwxyz0123';
const percentEncoded = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
const HTML = '<img src=x onerror=alert(1)>';
const MB = 1024 * 1024;

const CONTROLS = '\u0000\u0007\u001b[31m\u0085 \u202egnp.exe\u202c \u2066x\u2069 \u200f\u061c';

/** One hostile message per secret: control and text-direction characters, the secret, HTML, filler to `size`. */
function hostileMessages(size: number): string[] {
  const secrets = [key, percentEncoded(key), otherKey, mcpToken, `Bearer ${BEARER_VALUE}`];
  return secrets.map((secret) => {
    const front = `${CONTROLS} ${secret} ${HTML}`;
    return front + 'x'.repeat(Math.max(0, size - front.length));
  });
}

/** A part of each secret's hidden half: found in what is shown (or in it decoded) only if redaction failed. */
const SECRET_PARTS = [key.slice(20, 36), otherKey.slice(20, 36), mcpToken.slice(21, 37), BEARER_VALUE.slice(0, 16)];

function assertInert(text: string | undefined, max: number, what: string): void {
  assert.ok(text !== undefined, `${what}: kept`);
  assert.ok(text.length <= max, `${what}: clipped to ${max}, got ${text.length}`);
  assert.ok(!hasUnsafeCharacters(text), `${what}: no control or text-direction character left`);
  const decoded = decodeEscapes(decodeEscapes(text));
  for (const part of SECRET_PARTS)
    assert.ok(!decoded.includes(part), `${what}: a secret left in ${JSON.stringify(text.slice(0, 120))}`);
}

const envelope = (message: string) =>
  JSON.stringify({ error: { message, type: `t\u202e${key}`, code: 'upstream_network_error', param: `p\u0000` } });

async function* chunks(...texts: string[]): AsyncGenerator<StreamChunk> {
  let at = 0;
  for (const text of texts) yield { text, at: (at += 10) };
}

/** A Trae-shaped check whose first turn gets `status`, `contentType` and `body` (no network). */
async function traeReport(status: number, contentType: string, body: string): Promise<TraeCheckReport> {
  const transport: StreamTransport = async () => ({
    status,
    headers: { 'content-type': contentType },
    body: chunks(...(body.match(/[\s\S]{1,65536}/g) ?? [])),
  });
  const outcome = await traeShapedCheck(
    { endpoint: endpointOf('http://127.0.0.1:9/v1'), key, model: 'gpt-5.5', timeoutMs: 3000 },
    { transport, userAgent: 'codex-pooler-trae-tests', now: () => 0 },
  );
  assert.equal(outcome.kind, 'done');
  return outcome.report;
}

describe('security: text from a pool is inert on every path', () => {
  it('one compactError: a 1 MB hostile message comes out clipped, inert and redacted, HTML as plain text', () => {
    const started = performance.now();
    for (const message of hostileMessages(MB)) {
      const error = compactError({ message, type: `t\u202e${key}`, code: 'c\u0000', param: message }, cleanerFor(key));
      for (const field of ['message', 'type', 'code', 'param'] as const)
        assertInert(error[field], ERROR_FIELD_CHARS, `compactError ${field}`);
      assert.ok(error.message!.includes(HTML), 'HTML is kept as text: the page sets it as text, never as markup');
      assert.ok(error.message!.endsWith('…'), 'a clipped message says it was clipped');
    }
    assert.ok(performance.now() - started < 5000, 'linear on 10 MB of hostile text');
  });

  it('a hostile error frame on a stream: the same clip, the same redaction (also encoded), inert', async () => {
    for (const message of hostileMessages(200 * 1024)) {
      const frame = `data: ${envelope(message)}\n\n`;
      const reading = await readEventStream(chunks(...frame.match(/[\s\S]{1,4096}/g)!), key);
      assertInert(reading.errorFrame?.message, ERROR_FIELD_CHARS, 'stream error frame message');
      assertInert(reading.errorFrame?.type, ERROR_FIELD_CHARS, 'stream error frame type');
      assertInert(reading.errorFrame?.param, ERROR_FIELD_CHARS, 'stream error frame param');
      assert.equal(reading.errorFrame?.code, 'upstream_network_error');
      assert.equal(reading.done, false);
    }
  });

  it('a 1 MB error frame on a stream is too large: nothing of it is kept', async () => {
    const frame = `data: ${envelope(hostileMessages(MB)[0]!)}\n\n`;
    const reading = await readEventStream(chunks(...frame.match(/[\s\S]{1,65536}/g)!), key);
    assert.equal(reading.failure?.reason, 'too-large');
    assert.equal(reading.errorFrame, undefined);
    assert.ok(!JSON.stringify(reading).includes('gnp.exe'));
  });

  it('the served model and finish_reason a stream names are inert and redacted too', async () => {
    for (const message of hostileMessages(1000)) {
      // finish_reason keeps 40 characters: the secret comes first, so a failed redaction would show.
      const chunk = {
        object: 'chat.completion.chunk',
        model: message.slice(0, 256),
        choices: [{ index: 0, delta: {}, finish_reason: `\u202e${message.slice(CONTROLS.length + 1)}` }],
      };
      const reading = await readEventStream(chunks(`data: ${JSON.stringify(chunk)}\n\n`, 'data: [DONE]\n\n'), key);
      assertInert(reading.servedModel, 256, 'served model');
      assertInert(reading.finishReason, 40, 'finish_reason');
    }
  });

  it('the Trae-shaped check: an error frame and an error answer both reach the report inert', async () => {
    for (const message of hostileMessages(200 * 1024)) {
      const streamed = await traeReport(200, 'text/event-stream', `data: ${envelope(message)}\n\n`);
      const json = await traeReport(500, 'application/json', envelope(message + 'x'.repeat(700 * 1024)));
      for (const [what, report] of [
        ['error frame', streamed],
        ['HTTP 500', json],
      ] as const) {
        const [d] = report.diagnoses;
        assert.ok(d, `${what}: diagnosed`);
        assertInert(d.detail, 400, `${what}: detail`);
        for (const [name, value] of Object.entries(d.cause.args ?? {}))
          if (typeof value === 'string') assertInert(value, 400, `${what}: ${name}`);
      }
    }
  });

  it("the pool client's error path keeps the same fields", async () => {
    for (const message of hostileMessages(200 * 1024)) {
      const transport: Transport = async () => ({
        status: 502,
        headers: { 'content-type': 'application/json' },
        body: envelope(message),
      });
      const result = await clientFor(2000, transport).chatCheck(
        { endpoint: endpointOf('http://127.0.0.1:9/v1'), key },
        'gpt-5.5',
      );
      assert.ok(!result.ok && result.failure.kind === 'http');
      assertInert(result.failure.error?.message, ERROR_FIELD_CHARS, 'pool client message');
      assertInert(result.failure.error?.type, ERROR_FIELD_CHARS, 'pool client type');
    }
  });
});
