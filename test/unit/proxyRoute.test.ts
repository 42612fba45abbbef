import * as assert from 'node:assert/strict';
import { proxyRouteFor } from '../../src/core/proxyRoute';

describe('proxy route (which requests the editor sends through its proxy)', () => {
  const proxy = 'http://user:secret@proxy.corp:3128';

  it('no proxy configured, or proxy support off: direct', () => {
    assert.equal(proxyRouteFor('https://pool.example.com/v1', { noProxy: [] }), undefined);
    assert.equal(proxyRouteFor('https://pool.example.com/v1', { proxy, noProxy: [], support: 'off' }), undefined);
  });

  it('names the proxy without its credentials', () => {
    assert.equal(proxyRouteFor('https://pool.example.com/v1', { proxy, noProxy: [] }), 'http://proxy.corp:3128');
  });

  it('localhost, 127.0.0.1 and ::1 are always direct, like VS Code\'s proxy agent; other 127.x go through it', () => {
    for (const url of ['http://localhost:4000/v1', 'http://127.0.0.1:4000/v1', 'http://[::1]:4000/v1']) assert.equal(proxyRouteFor(url, { proxy, noProxy: [] }), undefined, url);
    assert.equal(proxyRouteFor('http://127.0.0.2:4000/v1', { proxy, noProxy: [] }), 'http://proxy.corp:3128');
  });

  it('honours no-proxy entries: *, exact host, domain suffix, port', () => {
    const route = (url: string, noProxy: string[]) => proxyRouteFor(url, { proxy, noProxy });
    assert.equal(route('https://pool.example.com/v1', ['*']), undefined);
    assert.equal(route('https://pool.example.com/v1', ['pool.example.com']), undefined);
    assert.equal(route('https://pool.example.com/v1', ['.example.com']), undefined);
    assert.equal(route('https://pool.example.com/v1', ['example.com']), undefined);
    assert.equal(route('https://pool.example.com/v1', ['*.example.com']), undefined);
    assert.equal(route('https://pool.example.com:8443/v1', ['pool.example.com:9443']), 'http://proxy.corp:3128');
    assert.equal(route('https://pool.example.com:8443/v1', ['pool.example.com:8443']), undefined);
    assert.equal(route('https://notexample.com/v1', ['example.com']), 'http://proxy.corp:3128');
    assert.equal(route('https://pool.example.com/v1', ['', ' ']), 'http://proxy.corp:3128');
  });

  it('an unparsable proxy setting means direct (and never throws)', () => {
    assert.equal(proxyRouteFor('https://pool.example.com/v1', { proxy: 'not a url', noProxy: [] }), undefined);
    assert.equal(proxyRouteFor('not a url', { proxy, noProxy: [] }), undefined);
  });
});
