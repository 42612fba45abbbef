// The Node transport. It uses the global http/https modules without an agent of its own, because
// that is what the editor's proxy support patches: in VS Code (and Trae), `http.proxy` and the
// system proxy then apply to these requests with no code here.
import * as http from 'node:http';
import * as https from 'node:https';
import {
  TransportError,
  classifyNetworkError,
  type HttpRequest,
  type HttpResponse,
  type RequestPhase,
  type Transport,
} from './transport';

export interface NodeTransportOptions {
  /** Extra CA certificates (PEM), for tests; the editor's own trust store applies otherwise. */
  readonly ca?: string | readonly string[];
}

export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  return (request) => send(request, options);
}

function send(request: HttpRequest, options: NodeTransportOptions): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      reject(new TransportError('other', 'connect', 'ERR_INVALID_URL', 'invalid URL'));
      return;
    }
    const secure = url.protocol === 'https:';
    let phase: RequestPhase = 'connect';
    let settled = false;
    let clientRequest: http.ClientRequest | undefined;

    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      action();
    };
    const fail = (error: TransportError) => {
      settle(() => reject(error));
      clientRequest?.destroy();
    };
    const onAbort = () => fail(new TransportError('cancelled', phase, undefined, 'request cancelled'));
    const timer = setTimeout(
      () => fail(new TransportError('timeout', phase, 'ETIMEDOUT', `no complete answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
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
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBodyBytes) {
          chunks.length = 0;
          fail(new TransportError('too-large', phase, undefined, `body exceeds ${request.maxBodyBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        if (!response.complete) return;
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      response.on('close', () => {
        if (!response.complete) fail(new TransportError('cut-off', phase, 'ECONNRESET', 'the connection closed before the body was complete'));
      });
      response.on('error', (error: NodeJS.ErrnoException) => {
        fail(new TransportError('cut-off', phase, error.code, error.message));
      });
    });

    clientRequest.on('error', (error: NodeJS.ErrnoException) => {
      const reason = classifyNetworkError(error.code, error.message);
      // A reset after the headers arrived is a body cut off halfway, not a refused connection.
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
