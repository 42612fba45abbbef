// The Node stream transport: the answer is handed over chunk by chunk as it arrives, each with its
// arrival time, so a check can see how a stream really flows. Like nodeTransport.ts it uses the global
// http/https modules without an agent of its own (the editor's proxy support patches those) and
// follows no redirect. Deadlines: connect + headers, silence between chunks, and the whole exchange.
import * as http from 'node:http';
import * as https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import {
  TransportError,
  classifyNetworkError,
  type RequestPhase,
  type StreamChunk,
  type StreamRequest,
  type StreamResponse,
  type StreamTransport,
} from './transport';

export interface NodeStreamOptions {
  /** Extra CA certificates (PEM), for tests; the editor's own trust store applies otherwise. */
  readonly ca?: string | readonly string[];
  /** The clock for chunk arrival times; performance.now() by default. */
  readonly now?: () => number;
}

export function createNodeStreamTransport(options: NodeStreamOptions = {}): StreamTransport {
  const now = options.now ?? (() => performance.now());
  return (request) => open(request, options, now);
}

/** What the body iterator waits on: chunks in arrival order, then the end or a failure. */
class ChunkQueue {
  readonly #chunks: StreamChunk[] = [];
  #ended = false;
  #failure: TransportError | undefined;
  #wake: (() => void) | undefined;

  push(chunk: StreamChunk): void {
    this.#chunks.push(chunk);
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  fail(error: TransportError): void {
    this.#failure ??= error;
    this.#notify();
  }

  async next(): Promise<StreamChunk | undefined> {
    for (;;) {
      // A failure wins over chunks still queued: a capped or cancelled body is not read further.
      if (this.#failure) throw this.#failure;
      const chunk = this.#chunks.shift();
      if (chunk) return chunk;
      if (this.#ended) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

function open(request: StreamRequest, options: NodeStreamOptions, now: () => number): Promise<StreamResponse> {
  return new Promise<StreamResponse>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      reject(new TransportError('other', 'connect', 'ERR_INVALID_URL', 'invalid URL'));
      return;
    }
    const secure = url.protocol === 'https:';
    const queue = new ChunkQueue();
    let phase: RequestPhase = 'connect';
    let headersArrived = false;
    let finished = false;
    let clientRequest: http.ClientRequest | undefined;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;

    const cleanup = () => {
      finished = true;
      clearTimeout(headersTimer);
      clearTimeout(totalTimer);
      clearTimeout(idleTimer);
      request.signal?.removeEventListener('abort', onAbort);
    };
    /** Before the headers the promise rejects; after them the body iteration throws. */
    const fail = (error: TransportError) => {
      if (finished) return;
      cleanup();
      clientRequest?.destroy();
      if (headersArrived) queue.fail(error);
      else reject(error);
    };
    const onAbort = () => fail(new TransportError('cancelled', phase, undefined, 'request cancelled'));
    const headersTimer = setTimeout(
      () => fail(new TransportError('timeout', phase, 'ETIMEDOUT', `no answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const totalTimer = setTimeout(
      () => fail(new TransportError('timeout', phase, 'ETIMEDOUT', `the stream did not finish within ${request.totalTimeoutMs} ms`)),
      request.totalTimeoutMs,
    );
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => fail(new TransportError('stalled', 'body', undefined, `no data for ${request.idleTimeoutMs} ms`)),
        request.idleTimeoutMs,
      );
    };
    if (request.signal?.aborted) {
      onAbort();
      return;
    }
    request.signal?.addEventListener('abort', onAbort, { once: true });

    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const requestOptions: https.RequestOptions = { method: request.method, headers };
    if (secure && options.ca) requestOptions.ca = options.ca as string | string[];

    try {
      clientRequest = (secure ? https : http).request(url, requestOptions);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      fail(new TransportError(classifyNetworkError(code, String(error)), phase, code, String(error)));
      return;
    }

    clientRequest.on('socket', (socket) => {
      const connected = () => {
        if (phase === 'connect') phase = 'headers';
      };
      if (!socket.connecting) connected();
      else socket.once(secure ? 'secureConnect' : 'connect', connected);
    });

    clientRequest.on('response', (response) => {
      phase = 'body';
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBodyBytes) {
        fail(new TransportError('too-large', phase, undefined, `body of ${declared} bytes exceeds ${request.maxBodyBytes}`));
        return;
      }
      headersArrived = true;
      clearTimeout(headersTimer);
      armIdle();
      const decoder = new StringDecoder('utf8');
      let size = 0;
      response.on('data', (data: Buffer) => {
        if (finished) return;
        size += data.length;
        if (size > request.maxBodyBytes) {
          fail(new TransportError('too-large', phase, undefined, `body exceeds ${request.maxBodyBytes} bytes`));
          return;
        }
        armIdle();
        const text = decoder.write(data);
        if (text !== '') queue.push({ text, at: now() });
      });
      response.on('end', () => {
        if (finished || !response.complete) return;
        cleanup();
        const rest = decoder.end();
        if (rest !== '') queue.push({ text: rest, at: now() });
        queue.end();
      });
      response.on('close', () => {
        if (!response.complete) fail(new TransportError('cut-off', phase, 'ECONNRESET', 'the connection closed before the stream was complete'));
      });
      response.on('error', (error: NodeJS.ErrnoException) => fail(new TransportError('cut-off', phase, error.code, error.message)));

      resolve({
        status: response.statusCode ?? 0,
        headers: flattenHeaders(response.headers),
        body: {
          [Symbol.asyncIterator]: () => ({
            next: async () => {
              const chunk = await queue.next();
              return chunk ? { value: chunk, done: false } : { value: undefined, done: true };
            },
            // Leaving the loop early (break, throw): nothing more is read.
            return: async () => {
              if (!finished) {
                cleanup();
                clientRequest?.destroy();
              }
              return { value: undefined, done: true };
            },
          }),
        },
      });
    });

    clientRequest.on('error', (error: NodeJS.ErrnoException) => {
      const reason = classifyNetworkError(error.code, error.message);
      // A reset after the headers arrived is a stream cut off halfway, not a refused connection.
      fail(new TransportError(phase === 'body' && reason === 'reset' ? 'cut-off' : reason, phase, error.code, error.message));
    });

    clientRequest.end(request.body);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
