// The Node stream transport over real loopback HTTP, against small servers that misbehave on cue.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeStreamTransport } from '../../src/core/http/node/nodeStream';
import {
  TransportError,
  type StreamChunk,
  type StreamRequest,
  type StreamResponse,
} from '../../src/core/http/transport';
import { until } from './fakes/async';
import { closedPort } from './helpers';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

describe('Node stream transport', () => {
  let server: http.Server;
  let base = '';
  let handler: Handler = (_req, res) => res.end();
  const closed: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      res.on('close', () => closed.push(req.url ?? ''));
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => (closed.length = 0));
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (path: string, overrides: Partial<StreamRequest> = {}): StreamRequest => ({
    method: 'POST',
    url: `${base}${path}`,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    timeoutMs: 1000,
    idleTimeoutMs: 1000,
    totalTimeoutMs: 3000,
    maxBodyBytes: 64 * 1024,
    ...overrides,
  });
  const stream = createNodeStreamTransport();
  const sse = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });
  const later = (ms: number, step: () => void) => setTimeout(step, ms);

  async function readAll(response: StreamResponse): Promise<StreamChunk[]> {
    const chunks: StreamChunk[] = [];
    for await (const chunk of response.body) chunks.push(chunk);
    return chunks;
  }

  async function failureOf(work: Promise<unknown>): Promise<TransportError> {
    try {
      await work;
    } catch (error) {
      assert.ok(error instanceof TransportError, String(error));
      return error;
    }
    assert.fail('expected a TransportError');
  }

  it('hands over chunks as they arrive, each with its arrival time', async () => {
    // The server sends each chunk only once the one before was handed over (a buffering transport would
    // wait forever); the clock moves between them, so each chunk's time is when it arrived.
    let clock = 0;
    let release = () => {};
    handler = (_req, res) => {
      sse(res);
      res.write('data: one\n\n');
      release = () => {
        res.write('data: two\n\n');
        release = () => res.end('data: [DONE]\n\n');
      };
    };
    const response = await createNodeStreamTransport({ now: () => clock })(request('/flow'));
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/event-stream');
    const chunks: StreamChunk[] = [];
    for await (const chunk of response.body) {
      chunks.push(chunk);
      clock += 100;
      release();
    }
    assert.equal(chunks.map((c) => c.text).join(''), 'data: one\n\ndata: two\n\ndata: [DONE]\n\n');
    assert.deepEqual(
      chunks.map((c) => c.at),
      [0, 100, 200],
    );
  });

  it('never splits a UTF-8 character between chunks', async () => {
    const bytes = Buffer.from('data: 你好\n\n');
    handler = (_req, res) => {
      sse(res);
      res.write(bytes.subarray(0, 7));
      later(20, () => res.end(bytes.subarray(7)));
    };
    const chunks = await readAll(await stream(request('/utf8')));
    assert.equal(chunks.map((c) => c.text).join(''), 'data: 你好\n\n');
    assert.ok(chunks.every((c) => !c.text.includes('\ufffd')));
  });

  it('returns a redirect as it is, without following it', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: 'https://elsewhere.example.net/v1' });
      res.end();
    };
    const response = await stream(request('/moved'));
    assert.equal(response.status, 302);
    assert.equal(response.headers['location'], 'https://elsewhere.example.net/v1');
  });

  it('times out when the headers never come', async () => {
    handler = () => undefined;
    const error = await failureOf(stream(request('/hang', { timeoutMs: 120 })));
    assert.equal(error.reason, 'timeout');
    assert.equal(error.phase, 'headers');
  });

  it('reports a stream that goes silent as stalled, after what did arrive', async () => {
    handler = (_req, res) => {
      sse(res);
      res.write('data: one\n\n');
    };
    const response = await stream(request('/stall', { idleTimeoutMs: 150 }));
    const seen: string[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of response.body) seen.push(chunk.text);
      })(),
    );
    assert.deepEqual(seen, ['data: one\n\n']);
    assert.equal(error.reason, 'stalled');
    assert.equal(error.phase, 'body');
  });

  it('a stream that keeps dripping is stopped by the total deadline', async () => {
    handler = (_req, res) => {
      sse(res);
      const drip = setInterval(() => res.write(': still here\n'), 20);
      res.on('close', () => clearInterval(drip));
    };
    const response = await stream(request('/drip', { idleTimeoutMs: 200, totalTimeoutMs: 250 }));
    const error = await failureOf(readAll(response));
    assert.equal(error.reason, 'timeout');
    assert.equal(error.phase, 'body');
    await until('the connection closed', () => closed.includes('/drip'));
  });

  it('stops reading beyond the byte cap, declared or not', async () => {
    handler = (_req, res) => {
      sse(res);
      const chunk = 'data: ' + 'x'.repeat(4096) + '\n\n';
      const pump = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(pump));
    };
    assert.equal(
      (await failureOf(readAll(await stream(request('/huge', { maxBodyBytes: 32 * 1024 }))))).reason,
      'too-large',
    );
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-length': String(10 * 1024 * 1024) });
      res.write('data: x\n\n');
    };
    assert.equal((await failureOf(stream(request('/declared', { maxBodyBytes: 32 * 1024 })))).reason, 'too-large');
  });

  it('cancels before the headers, and while the body arrives', async () => {
    handler = () => undefined;
    const before = new AbortController();
    later(40, () => before.abort());
    assert.equal((await failureOf(stream(request('/cancel-early', { signal: before.signal })))).reason, 'cancelled');

    handler = (_req, res) => {
      sse(res);
      res.write('data: one\n\n');
    };
    const during = new AbortController();
    const response = await stream(request('/cancel-body', { signal: during.signal }));
    later(40, () => during.abort());
    const error = await failureOf(readAll(response));
    assert.equal(error.reason, 'cancelled');
    assert.equal(error.phase, 'body');
  });

  it('sends nothing when already cancelled', async () => {
    let arrived = 0;
    handler = (_req, res) => {
      arrived++;
      res.end();
    };
    const controller = new AbortController();
    controller.abort();
    assert.equal(
      (await failureOf(stream(request('/pre-cancelled', { signal: controller.signal })))).reason,
      'cancelled',
    );
    // A request after it is the marker: once it is answered, one sent before it would have arrived.
    await (await fetch(`${base}/marker`)).text();
    assert.equal(arrived, 1, 'only the marker arrived');
  });

  it('reports a stream cut off halfway', async () => {
    handler = (_req, res) => {
      sse(res);
      res.write('data: one\n\n');
      later(20, () => res.socket?.destroy());
    };
    const error = await failureOf(readAll(await stream(request('/cut'))));
    assert.equal(error.reason, 'cut-off');
    assert.equal(error.phase, 'body');
  });

  it('leaving the loop early closes the request', async () => {
    handler = (_req, res) => {
      sse(res);
      const tick = setInterval(() => res.write('data: tick\n\n'), 10);
      res.on('close', () => clearInterval(tick));
    };
    const response = await stream(request('/early'));
    for await (const chunk of response.body) {
      assert.equal(chunk.text.startsWith('data: tick'), true);
      break;
    }
    await until('the request closed', () => closed.includes('/early'));
  });

  it('connection refused is a connect failure', async () => {
    const port = await closedPort();
    const error = await failureOf(stream(request('/', { url: `http://127.0.0.1:${port}/v1/chat/completions` })));
    assert.equal(error.reason, 'refused');
    assert.equal(error.phase, 'connect');
  });
});
