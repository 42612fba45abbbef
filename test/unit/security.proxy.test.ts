// A diagnosis names a proxy only when the request certainly went through it; when a system proxy or
// PAC script may be in use, a network failure says so and where to look.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkConnection } from '../../src/core/check/check';
import { diagnoseFailure } from '../../src/core/check/failureDiagnosis';
import { renderMsg } from '../../src/core/text/messages';
import type { PoolFailure } from '../../src/core/pool/poolResponse';
import type { ProxyRoute } from '../../src/core/http/proxyRoute';
import { clientFor, closedPort, endpointOf } from './helpers';

const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
const UNKNOWN: ProxyRoute = { kind: 'unknown' };
const NAMED: ProxyRoute = { kind: 'proxy', proxy: 'http://proxy.corp:3128' };
const transport = (
  reason: Extract<PoolFailure, { kind: 'transport' }>['reason'],
  phase: 'connect' | 'headers' = 'connect',
): PoolFailure => ({ kind: 'transport', reason, phase, detail: reason });

describe('security: proxy wording in diagnoses', () => {
  const endpoint = endpointOf('https://pool.example.com/v1');

  it('a network failure with no certain route says a system proxy may be in use, and where to look (EN + ZH)', () => {
    for (const reason of ['dns', 'refused', 'reset', 'unreachable', 'timeout', 'other'] as const) {
      const d = diagnoseFailure(transport(reason), { step: 'models', endpoint, route: UNKNOWN });
      assert.equal(d.fix.id, 'diag.systemProxy.fix', reason);
      assert.match(
        renderMsg(d.fix),
        /system proxy or a PAC script.*"http\.proxy", "http\.noProxy" and "http\.proxySupport"/,
      );
      assert.match(renderMsg(d.fix, zh), /系统代理或 PAC 脚本/);
    }
  });

  it('the same failure on a certain direct route keeps its own fix and names no proxy', () => {
    for (const route of [{ kind: 'direct' } as const, undefined]) {
      const d = diagnoseFailure(transport('dns'), { step: 'models', endpoint, ...(route ? { route } : {}) });
      assert.equal(d.code, 'dns');
      assert.equal(d.fix.id, 'diag.dns.fix');
      assert.doesNotMatch(renderMsg(d.cause) + renderMsg(d.fix), /proxy/i);
    }
  });

  it('a proxy is named only when the route is certain', () => {
    const named = diagnoseFailure(transport('refused'), { step: 'models', endpoint, route: NAMED });
    assert.equal(named.code, 'proxy-failed');
    assert.match(renderMsg(named.cause), /http:\/\/proxy\.corp:3128/);
    for (const route of [UNKNOWN, { kind: 'direct' } as const]) {
      const failed = diagnoseFailure(transport('proxy'), { step: 'models', endpoint, route });
      assert.equal(failed.code, 'proxy-failed');
      assert.equal(failed.cause.id, 'diag.proxyFailedUnnamed.cause');
      assert.equal(failed.cause.args?.['proxy'], '');
      assert.doesNotMatch(renderMsg(failed.cause), /proxy {2}|proxy \./, 'no empty proxy name');
    }
    assert.equal(
      diagnoseFailure(transport('refused'), { step: 'models', endpoint, route: UNKNOWN }).code,
      'refused',
      'not called a proxy failure on a guess',
    );
  });

  it('answers from the pool, TLS and late failures are not blamed on a proxy', () => {
    const cases: PoolFailure[] = [
      { kind: 'http', status: 401, body: 'json', error: { code: 'api_key_missing' }, fromProxy: false },
      transport('tls-untrusted'),
      transport('timeout', 'headers'),
      { kind: 'invalid', status: 200, body: 'html', detail: 'expected JSON, got html' },
    ];
    for (const failure of cases)
      assert.notEqual(
        diagnoseFailure(failure, { step: 'models', endpoint, route: UNKNOWN }).fix.id,
        'diag.systemProxy.fix',
        JSON.stringify(failure),
      );
  });

  it('through checkConnection: proxyFor gives the route, a real refused connection gets the system-proxy wording', async () => {
    const port = await closedPort();
    const check = (route: ProxyRoute) =>
      checkConnection(
        {
          baseUrl: `https://127.0.0.2:${port}/v1`,
          fullUrl: false,
          model: 'gpt-5.5',
          key: `sk-cxp-0123456789ab-${'A'.repeat(43)}`,
          mode: 'background',
          proxyFor: () => route,
        },
        { client: clientFor() },
      );
    const unknown = await check(UNKNOWN);
    assert.equal(unknown.diagnoses[0]?.code, 'refused-local');
    assert.equal(unknown.diagnoses[0]?.fix.id, 'diag.systemProxy.fix');
    const direct = await check({ kind: 'direct' });
    assert.equal(direct.diagnoses[0]?.fix.id, 'diag.refusedLocal.fix');
  });
});
