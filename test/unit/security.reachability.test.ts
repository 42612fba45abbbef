// "Does a Codex Pooler answer at this URL?" without sending the key: the answer a pool gives every
// request without a key, against what other services, proxies and broken networks answer.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderMsg } from '../../src/core/text/messages';
import { checkReachability, type ReachOutcome, type ReachReport } from '../../src/core/check/reachability';
import { applyScenario, type ScenarioName } from '../emulator/server';
import { until } from './fakes/async';
import { clientFor, closedPort, requestsBeforeMarker, useEmulator } from './helpers';

function reportOf(outcome: ReachOutcome): ReachReport {
  assert.equal(outcome.kind, 'done');
  return outcome.report;
}

/** "Some other service": a plain HTTP server answering every request the same way. */
async function otherService(
  status: number,
  body: string,
  contentType = 'application/json',
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('security: reachability probe (is a Codex Pooler there? no key sent)', () => {
  const ctx = useEmulator();
  const probe = (baseUrl: unknown, timeoutMs = 2000, extra: { signal?: AbortSignal; fullUrl?: boolean } = {}) =>
    checkReachability(
      { baseUrl, fullUrl: extra.fullUrl ?? false, ...(extra.signal ? { signal: extra.signal } : {}) },
      { client: clientFor(timeoutMs) },
    );

  it('a pool answers its 401 envelope: verdict pool, the user may go on, and no key was sent', async () => {
    const report = reportOf(await probe(ctx.emulator.apiBase));
    assert.equal(report.verdict, 'pool');
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.diagnoses.map((d) => [d.code, d.severity]),
      [['pool-found', 'info']],
    );
    assert.match(renderMsg(report.diagnoses[0]!.cause), /A Codex Pooler answers at http:\/\/127\.0\.0\.1:\d+\/v1/);
    assert.equal(report.origin, ctx.emulator.url);
    assert.deepEqual(ctx.emulator.counts(), { 'GET /v1/models': 1 });
    assert.equal(ctx.emulator.requests[0]!.authorization, undefined);
    assert.ok(!JSON.stringify(ctx.emulator.requests[0]!.headers).includes('sk-cxp-'));
  });

  it('a disabled pool looks the same to a request without a key: still a pool', async () => {
    applyScenario(ctx.emulator, 'pool-disabled');
    assert.equal(reportOf(await probe(ctx.emulator.apiBase)).verdict, 'pool');
  });

  it('403 access_denied: a pool that refuses this IP (error, not ok)', async () => {
    applyScenario(ctx.emulator, 'ip-denied');
    const report = reportOf(await probe(ctx.emulator.apiBase));
    assert.equal(report.verdict, 'pool');
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.diagnoses.map((d) => [d.code, d.severity]),
      [['access_denied', 'error']],
    );
  });

  it('503 settings_unavailable: a pool starting up (warning, ok)', async () => {
    applyScenario(ctx.emulator, 'cold-start');
    const report = reportOf(await probe(ctx.emulator.apiBase));
    assert.equal(report.verdict, 'pool-with-warning');
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.diagnoses.map((d) => [d.code, d.severity]),
      [['settings_unavailable', 'warning']],
    );
  });

  const notAPool: Array<[ScenarioName, string]> = [
    ['html-200', 'html-body'],
    ['empty-200', 'empty-body'],
    ['wrong-shape', 'wrong-shape'],
  ];
  for (const [scenario, code] of notAPool) {
    it(`${scenario}: not a pool (${code})`, async () => {
      applyScenario(ctx.emulator, scenario);
      const report = reportOf(await probe(ctx.emulator.apiBase));
      assert.equal(report.verdict, 'not-a-pool');
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.diagnoses.map((d) => [d.code, d.severity]),
        [[code, 'error']],
      );
    });
  }

  it('a path where nothing answers (404): not a pool, not-found', async () => {
    const report = reportOf(await probe(`${ctx.emulator.url}/gateway/v1`));
    assert.equal(report.verdict, 'not-a-pool');
    assert.equal(report.diagnoses[0]!.code, 'not-found');
  });

  const unreachable: Array<[ScenarioName, string]> = [
    ['redirect-login', 'redirect-login'],
    ['redirect-other-host', 'redirect-other-host'],
    ['html-502', 'gateway-error'],
    ['text-503', 'gateway-error'],
    ['connection-reset', 'reset'],
    ['hang', 'timeout-headers'],
  ];
  for (const [scenario, code] of unreachable) {
    it(`${scenario}: unreachable (${code}), an error`, async () => {
      applyScenario(ctx.emulator, scenario);
      const report = reportOf(await probe(ctx.emulator.apiBase, 300));
      assert.equal(report.verdict, 'unreachable');
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.diagnoses.map((d) => [d.code, d.severity]),
        [[code, 'error']],
      );
      assert.equal(ctx.emulator.countRoute('models'), 1, 'one request, no redirect followed');
    });
  }

  it('nothing listening, or https to a plain-http port: unreachable', async () => {
    const closed = reportOf(await probe(`http://127.0.0.1:${await closedPort()}/v1`));
    assert.deepEqual([closed.verdict, closed.diagnoses[0]!.code], ['unreachable', 'refused-local']);
    const tls = reportOf(await probe(ctx.emulator.apiBase.replace('http://127.0.0.1', 'https://localhost')));
    assert.deepEqual([tls.verdict, tls.diagnoses[0]!.code], ['unreachable', 'tls-plain-http']);
  });

  it('a network failure when a system proxy may be in use says where to look', async () => {
    const port = await closedPort();
    const outcome = await checkReachability(
      { baseUrl: `https://127.0.0.2:${port}/v1`, fullUrl: false, proxyFor: () => ({ kind: 'unknown' }) },
      { client: clientFor() },
    );
    assert.equal(reportOf(outcome).diagnoses[0]!.fix.id, 'diag.systemProxy.fix');
  });

  describe('some other service', () => {
    it('answers a model list without asking for a key: not a Codex Pooler', async () => {
      const other = await otherService(
        200,
        JSON.stringify({ object: 'list', data: [{ id: 'llama3', object: 'model' }] }),
      );
      try {
        const report = reportOf(await probe(other.url));
        assert.equal(report.verdict, 'not-a-pool');
        assert.equal(report.ok, false);
        assert.deepEqual(
          report.diagnoses.map((d) => [d.code, d.severity]),
          [['answers-without-key', 'error']],
        );
        assert.match(renderMsg(report.diagnoses[0]!.cause), /without asking for a key/);
      } finally {
        await other.close();
      }
    });

    it("asks for a key with another API's error (an OpenAI-style 401 with no code): not a Codex Pooler", async () => {
      const other = await otherService(
        401,
        JSON.stringify({
          error: { message: "You didn't provide an API key.", type: 'invalid_request_error', param: null, code: null },
        }),
      );
      try {
        const report = reportOf(await probe(other.url));
        assert.deepEqual(
          [report.verdict, report.diagnoses[0]!.code, report.diagnoses[0]!.cause.args?.['status']],
          ['not-a-pool', 'other-api', 401],
        );
      } finally {
        await other.close();
      }
    });

    it('an unknown error code, other JSON, or a sign-in page: not a Codex Pooler', async () => {
      const cases: Array<[number, string, string, string]> = [
        [
          401,
          JSON.stringify({ error: { code: 'invalid_api_key', message: 'no key' } }),
          'application/json',
          'other-api',
        ],
        [200, JSON.stringify({ status: 'ok' }), 'application/json', 'wrong-shape'],
        [401, '<html><body>Sign in</body></html>', 'text/html', 'gateway-auth'],
      ];
      for (const [status, body, type, code] of cases) {
        const other = await otherService(status, body, type);
        try {
          const report = reportOf(await probe(other.url));
          assert.deepEqual(
            [report.verdict, report.ok, report.diagnoses[0]!.code, report.diagnoses[0]!.severity],
            ['not-a-pool', false, code, 'error'],
            body,
          );
        } finally {
          await other.close();
        }
      }
    });
  });

  it('an invalid URL: nothing is sent, the URL findings say why', async () => {
    for (const [url, code] of [
      ['http://pool.example.com/v1', 'url:insecure-http'],
      ['http://127.0.0.2:4000/v1', 'url:loopback-alias'],
      [42, 'url:not-text'],
    ] as const) {
      const report = reportOf(await probe(url));
      assert.equal(report.verdict, 'invalid-url');
      assert.equal(report.ok, false);
      assert.equal(report.diagnoses[0]!.code, code);
      assert.equal(report.endpoint, undefined);
    }
    assert.equal(ctx.emulator.requests.length, 0);
  });

  it('URL warnings are kept beside the answer; Full URL on probes the same model list', async () => {
    const slash = reportOf(await probe(`${ctx.emulator.apiBase}/`));
    assert.equal(slash.verdict, 'pool');
    assert.deepEqual(
      slash.diagnoses.map((d) => d.code),
      ['url:trailing-slash', 'pool-found'],
    );
    const full = reportOf(await probe(`${ctx.emulator.apiBase}/chat/completions`, 2000, { fullUrl: true }));
    assert.equal(full.verdict, 'pool');
    assert.deepEqual(Object.keys(ctx.emulator.counts()), ['GET /v1/models']);
  });

  it('cancelled before or during the request', async () => {
    const before = new AbortController();
    before.abort();
    assert.deepEqual(await probe(ctx.emulator.apiBase, 2000, { signal: before.signal }), { kind: 'cancelled' });
    assert.deepEqual(await requestsBeforeMarker(ctx.emulator), []);
    applyScenario(ctx.emulator, 'hang');
    const during = new AbortController();
    const pending = probe(ctx.emulator.apiBase, 5000, { signal: during.signal });
    await until('the probe at the pool', () => ctx.emulator.inFlightOf('models') > 0);
    during.abort();
    assert.deepEqual(await pending, { kind: 'cancelled' });
  });

  it('measures its duration with the given clock', async () => {
    let t = 1000;
    const outcome = await checkReachability(
      { baseUrl: ctx.emulator.apiBase, fullUrl: false },
      { client: clientFor(), now: () => (t += 7) },
    );
    assert.equal(reportOf(outcome).durationMs, 7);
  });
});
