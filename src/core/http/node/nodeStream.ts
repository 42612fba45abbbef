// The Node stream transport: the answer is handed over chunk by chunk as it arrives, each with its
// arrival time, so a check can see how a stream really flows. The exchange itself (no agent of its own,
// so the editor's proxy support applies; no redirect followed; how failures are named) is
// nodeExchange.ts, shared with nodeTransport.ts. Deadlines: connect + headers, silence between chunks,
// and the whole exchange.
import { StringDecoder } from 'node:string_decoder';
import { NodeExchange, failWhenCutOff, flattenHeaders, overCap, parseUrl } from './nodeExchange';
import {
  TransportError,
  type StreamChunk,
  type StreamRequest,
  type StreamResponse,
  type StreamTransport,
} from '../transport';

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
    const url = parseUrl(request.url);
    if (url instanceof TransportError) {
      reject(url);
      return;
    }
    const exchange = new NodeExchange(options.ca);
    const queue = new ChunkQueue();
    let headersArrived = false;
    let finished = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;

    const cleanup = () => {
      finished = true;
      clearTimeout(headersTimer);
      clearTimeout(totalTimer);
      clearTimeout(idleTimer);
      exchange.finish();
    };
    /** Before the headers the promise rejects; after them the body iteration throws. */
    const fail = (error: TransportError) => {
      if (finished) return;
      cleanup();
      exchange.destroy();
      if (headersArrived) queue.fail(error);
      else reject(error);
    };
    const headersTimer = setTimeout(
      () =>
        fail(new TransportError('timeout', exchange.phase, 'ETIMEDOUT', `no answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const totalTimer = setTimeout(
      () =>
        fail(
          new TransportError(
            'timeout',
            exchange.phase,
            'ETIMEDOUT',
            `the stream did not finish within ${request.totalTimeoutMs} ms`,
          ),
        ),
      request.totalTimeoutMs,
    );
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => fail(new TransportError('stalled', 'body', undefined, `no data for ${request.idleTimeoutMs} ms`)),
        request.idleTimeoutMs,
      );
    };
    exchange.send(url, request, {
      fail,
      response: (response) => {
        headersArrived = true;
        clearTimeout(headersTimer);
        armIdle();
        const decoder = new StringDecoder('utf8');
        let size = 0;
        response.on('data', (data: Buffer) => {
          if (finished) return;
          size += data.length;
          if (size > request.maxBodyBytes) {
            fail(overCap(request.maxBodyBytes));
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
        failWhenCutOff(response, fail, 'stream');

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
              return: () => {
                if (!finished) {
                  cleanup();
                  exchange.destroy();
                }
                return Promise.resolve({ value: undefined, done: true });
              },
            }),
          },
        });
      },
    });
  });
}
