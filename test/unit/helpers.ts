// Shared fixtures for the unit tests: one emulator per suite, a real Node transport over loopback.
import { analyzeEndpoint, type PoolEndpoint } from '../../src/core/url/endpoint';
import { checkConnection, type CheckInput } from '../../src/core/check/check';
import type { CheckReport } from '../../src/core/check/checkReport';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { PoolClient } from '../../src/core/pool/poolClient';
import type { Transport } from '../../src/core/http/transport';
import { Emulator, startEmulator, type RecordedRequest } from '../emulator/server';

export function useEmulator(): { readonly emulator: Emulator } {
  const holder = {} as { emulator: Emulator };
  before(async () => {
    holder.emulator = await startEmulator();
  });
  beforeEach(() => holder.emulator.reset());
  after(async () => {
    await holder.emulator.stop();
  });
  return holder;
}

export function endpointOf(url: string, fullUrl = false): PoolEndpoint {
  const analysis = analyzeEndpoint(url, fullUrl);
  if (!analysis.endpoint) throw new Error(`test URL not valid: ${url}`);
  return analysis.endpoint;
}

export function clientFor(timeoutMs = 2000, transport: Transport = createNodeTransport()): PoolClient {
  return new PoolClient({ transport, timeoutMs, userAgent: 'codex-pooler-trae-tests' });
}

export function runCheck(
  emulator: Emulator,
  overrides: Partial<CheckInput> = {},
  timeoutMs = 2000,
  transport?: Transport,
): Promise<CheckReport> {
  return checkConnection(
    { baseUrl: emulator.apiBase, fullUrl: false, model: 'gpt-5.5', key: emulator.key, mode: 'full', ...overrides },
    { client: clientFor(timeoutMs, transport) },
  );
}

/**
 * The requests the emulator recorded, looked at once a marker request sent after the work under test has
 * been answered (a request the work had sent would have arrived first). The marker is left out.
 */
export async function requestsBeforeMarker(emulator: Emulator): Promise<RecordedRequest[]> {
  const answered = await fetch(`${emulator.url}/healthz`);
  await answered.text();
  return emulator.requests.filter((r) => r.path !== '/healthz');
}

/** A port with nothing listening: bound then released. */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as import('node:net').AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
