// One HTTP exchange over Node's global http/https modules, shared by the plain transport
// (nodeTransport.ts) and the stream transport (nodeStream.ts). No agent of its own: the editor's proxy
// support patches the global modules, so `http.proxy` and the system proxy apply with no code here. No
// redirect is followed (Node's request never does). What differs between the two transports (how the
// body is read, which deadlines apply) stays with them; this is the part that must not differ: the
// phase a failure happened in, how a network error and a cancellation are named, and the size cap on
// declared bodies.
import * as http from 'node:http';
import * as https from 'node:https';
import { TransportError, classifyNetworkError, type HttpRequest, type RequestPhase } from '../transport';

export type ExchangeRequest = Pick<HttpRequest, 'method' | 'url' | 'headers' | 'body' | 'maxBodyBytes' | 'signal'>;

export interface ExchangeHandlers {
  /** Every failure, classified by the phase it happened in; called at most once by the exchange itself. */
  readonly fail: (error: TransportError) => void;
  /** The response, once its headers arrived and its declared length (if any) is within the cap. */
  readonly response: (response: http.IncomingMessage) => void;
}

/** The URL of a request, or the error a bad one is reported as. */
export function parseUrl(raw: string): URL | TransportError {
  try {
    return new URL(raw);
  } catch {
    return new TransportError('other', 'connect', 'ERR_INVALID_URL', 'invalid URL');
  }
}

export class NodeExchange {
  /** connect → headers (once connected) → body (once the headers arrived). */
  phase: RequestPhase = 'connect';
  #client: http.ClientRequest | undefined;
  #unwatch: (() => void) | undefined;

  constructor(private readonly ca: string | readonly string[] | undefined) {}

  /** Sends the request; cancelling its signal fails it as 'cancelled' in the phase it reached. */
  send(url: URL, request: ExchangeRequest, on: ExchangeHandlers): void {
    const { signal } = request;
    if (signal) {
      const onAbort = () => on.fail(new TransportError('cancelled', this.phase, undefined, 'request cancelled'));
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.#unwatch = () => signal.removeEventListener('abort', onAbort);
    }
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const options: https.RequestOptions = { method: request.method, headers };
    if (secure && this.ca) options.ca = this.ca as string | string[];
    let client: http.ClientRequest;
    try {
      client = (secure ? https : http).request(url, options);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      on.fail(new TransportError(classifyNetworkError(code, String(error)), this.phase, code, String(error)));
      return;
    }
    this.#client = client;
    client.on('socket', (socket) => {
      const connected = () => {
        if (this.phase === 'connect') this.phase = 'headers';
      };
      if (!socket.connecting) connected();
      else socket.once(secure ? 'secureConnect' : 'connect', connected);
    });
    client.on('response', (response) => {
      this.phase = 'body';
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBodyBytes) {
        on.fail(
          new TransportError(
            'too-large',
            'body',
            undefined,
            `body of ${declared} bytes exceeds ${request.maxBodyBytes}`,
          ),
        );
        return;
      }
      on.response(response);
    });
    client.on('error', (error: NodeJS.ErrnoException) => {
      const reason = classifyNetworkError(error.code, error.message);
      // A reset after the headers arrived is a body cut off halfway, not a refused connection.
      on.fail(
        new TransportError(
          this.phase === 'body' && reason === 'reset' ? 'cut-off' : reason,
          this.phase,
          error.code,
          error.message,
        ),
      );
    });
    client.end(request.body);
  }

  /** The caller has its answer (or its failure): a later cancellation no longer concerns this exchange. */
  finish(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /** Stops the exchange: the socket is closed and nothing more is read. */
  destroy(): void {
    this.#client?.destroy();
  }
}

/** The error for a body that went past the cap while it was read. */
export function overCap(maxBodyBytes: number): TransportError {
  return new TransportError('too-large', 'body', undefined, `body exceeds ${maxBodyBytes} bytes`);
}

/** A response that closes or errors before it is complete fails as cut off. */
export function failWhenCutOff(
  response: http.IncomingMessage,
  fail: (error: TransportError) => void,
  what: string,
): void {
  response.on('close', () => {
    if (!response.complete)
      fail(
        new TransportError('cut-off', 'body', 'ECONNRESET', `the connection closed before the ${what} was complete`),
      );
  });
  response.on('error', (error: NodeJS.ErrnoException) =>
    fail(new TransportError('cut-off', 'body', error.code, error.message)),
  );
}

export function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
