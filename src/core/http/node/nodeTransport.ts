// The Node transport: the whole answer, read up to its size cap, within one deadline. The exchange
// itself (no agent of its own, so the editor's proxy support applies; no redirect followed; how
// failures are named) is nodeExchange.ts, shared with the stream transport.
import { NodeExchange, failWhenCutOff, flattenHeaders, overCap, parseUrl } from './nodeExchange';
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from '../transport';

export interface NodeTransportOptions {
  /** Extra CA certificates (PEM), for tests; the editor's own trust store applies otherwise. */
  readonly ca?: string | readonly string[];
}

export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  return (request) => send(request, options);
}

function send(request: HttpRequest, options: NodeTransportOptions): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const url = parseUrl(request.url);
    if (url instanceof TransportError) {
      reject(url);
      return;
    }
    const exchange = new NodeExchange(options.ca);
    let settled = false;

    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      exchange.finish();
      action();
    };
    const fail = (error: TransportError) => {
      settle(() => reject(error));
      exchange.destroy();
    };
    const timer = setTimeout(
      () =>
        fail(
          new TransportError(
            'timeout',
            exchange.phase,
            'ETIMEDOUT',
            `no complete answer within ${request.timeoutMs} ms`,
          ),
        ),
      request.timeoutMs,
    );

    exchange.send(url, request, {
      fail,
      response: (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBodyBytes) {
            chunks.length = 0;
            fail(overCap(request.maxBodyBytes));
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
        failWhenCutOff(response, fail, 'body');
      },
    });
  });
}
