// Plain http only to a name the editor's proxy support always sends direct: anything else could pass
// through a proxy that reads the `Authorization: Bearer` key.
import * as assert from 'node:assert/strict';
import { analyzeEndpoint, isDirectHost, isLoopbackHost, suggestCorrection } from '../../src/core/url/endpoint';
import { renderMsg } from '../../src/core/text/messages';

describe('security: plain http only to localhost, 127.0.0.1 or [::1]', () => {
  const aliases: Array<[url: string, fixed: string]> = [
    ['http://127.0.0.2:4000/v1', 'http://localhost:4000/v1'],
    ['http://127.1.2.3/v1', 'http://localhost/v1'],
    ['http://127.255.255.254:8080/prefix/v1', 'http://localhost:8080/prefix/v1'],
    ['http://pool.localhost:4000/v1', 'http://localhost:4000/v1'],
    ['http://a.b.LOCALHOST/v1', 'http://localhost/v1'],
    ['http://localhost.:4000/v1', 'http://localhost:4000/v1'],
    ['http://localhost..:4000/v1', 'http://localhost:4000/v1'],
    ['http://[::ffff:127.0.0.1]:4000/v1', 'http://localhost:4000/v1'],
    ['http://[::ffff:127.9.9.9]:4000/v1', 'http://localhost:4000/v1'],
    ['http://[::ffff:7f00:1]:4000/v1/chat/completions', 'http://localhost:4000/v1/chat/completions'],
  ];

  for (const [url, fixed] of aliases) {
    it(`${url}: loopback-alias, one certain fix to ${fixed}`, () => {
      const fullUrl = url.endsWith('/chat/completions');
      const a = analyzeEndpoint(url, fullUrl);
      assert.equal(a.ok, false);
      const alias = a.findings.filter((f) => f.code === 'loopback-alias');
      assert.equal(alias.length, 1);
      assert.equal(alias[0]!.severity, 'error');
      assert.deepEqual(
        alias[0]!.corrections.map((c) => [c.url, c.fullUrl]),
        [[fixed, fullUrl]],
      );
      assert.ok(!a.findings.some((f) => f.code === 'insecure-http'), 'not also reported as a remote host');
      assert.deepEqual(suggestCorrection(url, fullUrl), { url: fixed, fullUrl });
      assert.equal(analyzeEndpoint(fixed, fullUrl).ok, true);
    });
  }

  it('the cause says why: a proxy could read the key, outside DNS may resolve *.localhost', () => {
    const cause = renderMsg(analyzeEndpoint('http://pool.localhost:4000/v1', false).findings[0]!.cause);
    assert.match(cause, /pool\.localhost/);
    assert.match(cause, /proxy/);
    assert.match(cause, /Pool API key/);
    assert.match(cause, /DNS/);
  });

  it('https to the same names stays allowed: TLS protects the key', () => {
    for (const url of [
      'https://127.0.0.2:4000/v1',
      'https://pool.localhost/v1',
      'https://localhost.:8443/v1',
      'https://[::ffff:127.0.0.1]/v1',
    ]) {
      const a = analyzeEndpoint(url, false);
      assert.equal(a.ok, true, url);
      assert.equal(a.endpoint?.loopback, true, url);
    }
  });

  it('the three direct names keep plain http, however they are written', () => {
    for (const url of [
      'http://localhost:4000/v1',
      'http://LOCALHOST:4000/v1',
      'http://127.0.0.1:4000/v1',
      'http://[::1]:4000/v1',
      'http://[0:0:0:0:0:0:0:1]:4000/v1',
      'http://2130706433:4000/v1',
      'http://127.1:4000/v1',
    ]) {
      const a = analyzeEndpoint(url, false);
      assert.equal(a.ok, true, url);
      assert.ok(['localhost', '127.0.0.1', '[::1]'].includes(new URL(a.endpoint!.origin).hostname), url);
    }
  });

  it('a remote host over http is still insecure-http, not an alias', () => {
    const a = analyzeEndpoint('http://127.example.com/v1', false);
    assert.deepEqual(
      a.findings.map((f) => f.code),
      ['insecure-http'],
    );
  });

  it('a missing scheme on an alias leads, fix by fix, to http://localhost', () => {
    assert.deepEqual(suggestCorrection('pool.localhost:4000/v1', false), {
      url: 'http://localhost:4000/v1',
      fullUrl: false,
    });
    assert.deepEqual(suggestCorrection('127.0.0.2:4000/v1', false), {
      url: 'http://localhost:4000/v1',
      fullUrl: false,
    });
  });

  it('isLoopbackHost knows every spelling; isDirectHost only the three names', () => {
    for (const h of [
      'localhost',
      'localhost.',
      'x.localhost',
      '127.0.0.2',
      '[::1]',
      '::1',
      '[::ffff:7f00:1]',
      '::ffff:127.0.0.1',
    ])
      assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['example.com', 'localhost.example.com', '128.0.0.1', '[::2]', '[::ffff:a00:1]'])
      assert.equal(isLoopbackHost(h), false, h);
    for (const h of ['localhost', '127.0.0.1', '[::1]', '::1']) assert.equal(isDirectHost(h), true, h);
    for (const h of ['localhost.', 'x.localhost', '127.0.0.2', '[::ffff:7f00:1]'])
      assert.equal(isDirectHost(h), false, h);
  });
});
