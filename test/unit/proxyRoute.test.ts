import * as assert from 'node:assert/strict';
import { describeRoute, proxyRouteFor, type ProxyRoute, type ProxySettings } from '../../src/core/http/proxyRoute';

const PROXY: ProxyRoute = { kind: 'proxy', proxy: 'http://proxy.corp:3128' };
const DIRECT: ProxyRoute = { kind: 'direct' };
const UNKNOWN: ProxyRoute = { kind: 'unknown' };

describe('security: proxy route, named only when certain (the rules of @vscode/proxy-agent)', () => {
  const proxy = 'http://user:secret@proxy.corp:3128';
  const route = (url: string, settings: ProxySettings) => proxyRouteFor(url, settings);

  it('no proxy configured: unknown (a system proxy or PAC script may apply), unless the editor asks no system', () => {
    assert.deepEqual(route('https://pool.example.com/v1', {}), UNKNOWN);
    assert.deepEqual(route('https://pool.example.com/v1', { noProxy: [], env: {} }), UNKNOWN);
    assert.deepEqual(route('https://pool.example.com/v1', { systemProxy: false }), DIRECT);
  });

  it('http.proxySupport off: direct, whatever is configured', () => {
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, support: 'off' }), DIRECT);
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, support: 'on' }), PROXY);
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, support: 'override' }), PROXY);
  });

  it('names the proxy without its credentials or path', () => {
    assert.deepEqual(route('https://pool.example.com/v1', { proxy }), PROXY);
    assert.deepEqual(route('https://pool.example.com/v1', { proxy: ' HTTP://a:b@c@proxy.corp:3128/pac?x=1 ' }), PROXY);
    assert.deepEqual(route('https://pool.example.com/v1', { proxy: 'socks5://u:p@socks.corp:1080' }), {
      kind: 'proxy',
      proxy: 'socks5://socks.corp:1080',
    });
    for (const r of [
      route('https://pool.example.com/v1', { proxy }),
      route('https://pool.example.com/v1', { env: { HTTPS_PROXY: proxy } }),
    ]) {
      assert.ok(!describeRoute(r).includes('secret') && !describeRoute(r).includes('user'));
    }
  });

  it('localhost, 127.0.0.1 and ::1 are always direct; other loopback spellings are not', () => {
    for (const url of [
      'http://localhost:4000/v1',
      'http://127.0.0.1:4000/v1',
      'http://[::1]:4000/v1',
      'https://LOCALHOST/v1',
    ])
      assert.deepEqual(route(url, { proxy }), DIRECT, url);
    for (const url of [
      'http://127.0.0.2:4000/v1',
      'http://pool.localhost/v1',
      'http://localhost.:4000/v1',
      'http://[::ffff:127.0.0.1]:4000/v1',
    ])
      assert.deepEqual(route(url, { proxy }), PROXY, url);
  });

  it('the environment: https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY in that order, after http.proxy', () => {
    const env = { HTTP_PROXY: 'http://second:1', https_proxy: 'http://first:1' };
    assert.deepEqual(route('https://pool.example.com/v1', { env }), { kind: 'proxy', proxy: 'http://first:1' });
    assert.deepEqual(route('https://pool.example.com/v1', { env: { HTTP_PROXY: 'http://second:1' } }), {
      kind: 'proxy',
      proxy: 'http://second:1',
    });
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, env }), PROXY);
  });

  it('a proxy setting the agent ignores (no scheme, unknown scheme) falls through to the next source', () => {
    assert.deepEqual(route('https://pool.example.com/v1', { proxy: 'proxy.corp:3128' }), UNKNOWN);
    assert.deepEqual(
      route('https://pool.example.com/v1', {
        proxy: 'ftp://proxy.corp:21',
        env: { HTTPS_PROXY: 'http://env.corp:8080' },
      }),
      { kind: 'proxy', proxy: 'http://env.corp:8080' },
    );
    assert.deepEqual(route('not a url', { proxy }), UNKNOWN);
  });

  it('http.noProxy: *, a host and its subdomains, an optional port (the default port counts)', () => {
    const noProxy = (url: string, entries: string[]) => route(url, { proxy, noProxy: entries });
    assert.deepEqual(noProxy('https://pool.example.com/v1', ['*']), DIRECT);
    assert.deepEqual(noProxy('https://pool.example.com/v1', ['pool.example.com']), DIRECT);
    assert.deepEqual(noProxy('https://pool.example.com/v1', ['.example.com']), DIRECT);
    assert.deepEqual(noProxy('https://pool.example.com/v1', [' Example.COM ']), DIRECT);
    assert.deepEqual(noProxy('https://pool.example.com/v1', ['example.com:443']), DIRECT);
    assert.deepEqual(noProxy('http://pool.example.com/v1', ['example.com:443']), PROXY);
    assert.deepEqual(noProxy('https://pool.example.com:8443/v1', ['pool.example.com:9443']), PROXY);
    assert.deepEqual(noProxy('https://pool.example.com:8443/v1', ['pool.example.com:8443']), DIRECT);
    assert.deepEqual(noProxy('https://notexample.com/v1', ['example.com']), PROXY);
    assert.deepEqual(noProxy('https://pool.example.com/v1', ['', ' ']), PROXY);
    // The agent takes "*.example.com" literally: it matches no host, so the proxy is used.
    assert.deepEqual(noProxy('https://pool.example.com/v1', ['*.example.com']), PROXY);
  });

  it('NO_PROXY applies only when http.noProxy is empty: the agent never merges the two', () => {
    const env = { NO_PROXY: 'pool.example.com,other.example.com' };
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, env }), DIRECT);
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, env, noProxy: [] }), DIRECT);
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, env, noProxy: ['elsewhere.example.net'] }), PROXY);
    assert.deepEqual(
      route('https://pool.example.com/v1', { proxy, env: { no_proxy: 'pool.example.com', NO_PROXY: 'x' } }),
      DIRECT,
      'no_proxy first',
    );
    assert.deepEqual(route('https://pool.example.com/v1', { env }), DIRECT, 'NO_PROXY also rules out a system proxy');
    // As the agent splits it: " *" is not "*".
    assert.deepEqual(route('https://pool.example.com/v1', { proxy, env: { NO_PROXY: 'a, *' } }), PROXY);
  });

  it('describes each route for the diagnostics text', () => {
    assert.equal(describeRoute(PROXY), 'through the proxy http://proxy.corp:3128');
    assert.match(describeRoute(DIRECT), /direct/);
    assert.match(describeRoute(UNKNOWN), /system proxy or PAC/);
  });
});
