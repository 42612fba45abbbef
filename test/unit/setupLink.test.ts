// Setup links (`<scheme>://<publisher>.<name>/setup?url=…&model=…&fullUrl=0|1`): what a good link yields,
// every refusal the issue names (said in the user's language, nothing echoed that is key-shaped), links
// built for a saved setup that read back the same, and 100,000 generated links that never throw, never
// pass a secret, and never yield a draft the URL rules refuse.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderMsg } from '../../src/core/text/messages';
import { analyzeEndpoint } from '../../src/core/url/endpoint';
import { hasUnsafeCharacters } from '../../src/core/text/inertText';
import { buildSetupLink, LINK_LIMITS, linkParts, parseSetupLink, type LinkResult } from '../../src/core/trae/setupLink';
import { makeMcpToken, makePoolKey } from '../emulator/server';
import { FUZZ_RUNS } from './properties.test';

const ID = 'codex-pooler-community.codex-pooler-trae';
const parse = (link: string) => parseSetupLink(linkParts(link));
const said = (r: LinkResult) => (r.ok ? '' : `${renderMsg(r.cause)} ${renderMsg(r.fix)}`);
const refusedAs = (link: string, code: string) => {
  const r = parse(link);
  assert.equal(r.ok, false, link);
  assert.equal(r.ok ? '' : r.code, code, `${link}: ${said(r)}`);
  return r;
};

describe('setup links: reading one', () => {
  it('a good link yields the draft, its host and origin', () => {
    const r = parse(`trae://${ID}/setup?url=https%3A%2F%2Fpool.example.com%2Fv1&model=gpt-5.5&fullUrl=0`);
    assert.ok(r.ok, said(r));
    assert.deepEqual(r.draft, { url: 'https://pool.example.com/v1', fullUrl: false, modelId: 'gpt-5.5' });
    assert.equal(r.host, 'pool.example.com');
    assert.equal(r.origin, 'https://pool.example.com');
  });

  it('the model and fullUrl are optional; fullUrl=1 with a chat URL; plain http to localhost', () => {
    const a = parse(`vscode://${ID}/setup?url=http://localhost:4000/v1`);
    assert.ok(a.ok && a.draft.modelId === '' && !a.draft.fullUrl, said(a));
    const b = parse(`trae-cn://${ID}/setup?fullUrl=1&url=https://pool.example.com/v1/chat/completions`);
    assert.ok(b.ok && b.draft.fullUrl, said(b));
  });

  it('a link built for a saved setup reads back the same, in every editor scheme', () => {
    const draft = { url: 'https://pool.example.com/team/v1', fullUrl: false, modelId: 'gpt-5.6-terra' };
    for (const scheme of ['trae', 'trae-cn', 'vscode', 'code-oss']) {
      const link = buildSetupLink(scheme, ID, draft);
      assert.ok(link.startsWith(`${scheme}://${ID}/setup?`), link);
      const r = parse(link);
      assert.ok(r.ok, said(r));
      assert.deepEqual(r.draft, draft);
    }
  });

  it('refuses another path, unknown and repeated parameters, a broken escape', () => {
    refusedAs(`trae://${ID}/install?url=https://pool.example.com/v1`, 'path');
    refusedAs(`trae://${ID}/?url=https://pool.example.com/v1`, 'path');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&redirect=x`, 'unknownParam');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&URL=https://evil.example.com/v1`, 'unknownParam');
    refusedAs(`trae://${ID}/setup?url=https://a.example.com/v1&url=https://b.example.com/v1`, 'repeatedParam');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&model=gpt%ZZ`, 'badEncoding');
    refusedAs(`trae://${ID}/setup?model=gpt-5.5`, 'missingUrl');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&fullUrl=yes`, 'badFullUrl');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&model=gpt%205`, 'badModel');
  });

  it('refuses values over a sane length, control and text-direction characters', () => {
    const long = `https://pool.example.com/${'a'.repeat(LINK_LIMITS.url)}/v1`;
    refusedAs(`trae://${ID}/setup?url=${long}`, 'tooLong');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&model=${'m'.repeat(300)}`, 'tooLong');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&model=gpt%E2%80%AE5.5`, 'controlChars');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&model=gpt%0A5`, 'controlChars');
    refusedAs(`trae://${ID}/setup?url=https://pool.example.com/v1&${'x=1&'.repeat(LINK_LIMITS.query / 4)}`, 'tooLong');
  });

  it('the URL rules apply unchanged: plain http to another host, forbidden surfaces, a chat URL with Full URL off', () => {
    // Full URL off for each: a chat URL is refused with Off, as the rules say.
    for (const url of [
      'http://pool.example.com/v1',
      'http://127.0.0.2:4000/v1',
      'https://pool.example.com/backend-api/codex',
      'https://pool.example.com/mcp',
      'https://pool.example.com/v1/responses',
      'https://pool.example.com/admin',
      'https://pool.example.com/v1/chat/completions',
      'not a url',
      'https://user:pw@pool.example.com/v1',
    ]) {
      const r = refusedAs(`trae://${ID}/setup?url=${encodeURIComponent(url)}&fullUrl=0`, 'badUrl');
      const analysis = analyzeEndpoint(url, false);
      const first = analysis.findings.find((f) => f.severity === 'error');
      assert.ok(first, url);
      // The usual fix, said the usual way.
      assert.ok(!r.ok && r.fix.id === first.fix.id, `${url}: ${said(r)}`);
    }
  });

  it('a key anywhere (a Pool key, an MCP token, a Bearer value; plain or %-encoded) is refused, said, never echoed', () => {
    const key = makePoolKey();
    const mcp = makeMcpToken();
    const encoded = [...key].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    const doubly = encodeURIComponent(encodeURIComponent(key));
    const links = [
      `trae://${ID}/setup?url=https://pool.example.com/v1&key=${key}`,
      `trae://${ID}/setup?url=https://pool.example.com/v1&model=${key}`,
      `trae://${ID}/setup?url=https://pool.example.com/v1&model=${encoded}`,
      `trae://${ID}/setup?url=https://pool.example.com/v1&model=${doubly}`,
      `trae://${ID}/setup?url=https://pool.example.com/v1?k=${key}`,
      `trae://${ID}/setup?url=https://${key}@pool.example.com/v1`,
      `trae://${ID}/setup?${key}=1`,
      `trae://${ID}/setup/${key}`,
      `trae://${ID}/setup?url=https://pool.example.com/v1&token=${mcp}`,
      `trae://${ID}/setup?url=https://pool.example.com/v1&auth=Bearer%20abcdefghijklmnopqrstuvwxyz0123456789`,
      `trae://${ID}/setup?url=https://pool.example.com/v1&a=Authorization%3A%20Bearer%20xyzxyzxyzxyzxyzxyzxyzxyz`,
    ];
    for (const link of links) {
      const r = refusedAs(link, 'secret');
      const text = said(r);
      assert.match(text, /contained a secret/);
      assert.match(text, /make a new key/);
      for (const secret of [key, key.slice(20), mcp, mcp.slice(-20), 'abcdefghijklmnopqrstuvwxyz'])
        assert.ok(!text.includes(secret) && !JSON.stringify(r).includes(secret), link);
    }
  });

  it('says every refusal in Simplified Chinese too', () => {
    const zh = JSON.parse(
      require('node:fs').readFileSync(
        require('node:path').join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'),
        'utf8',
      ),
    ) as Record<string, string>;
    const r = parse(`trae://${ID}/setup?url=https://pool.example.com/v1&redirect=x`);
    assert.ok(!r.ok);
    assert.match(renderMsg(r.cause, zh), /扩展不认识的参数/);
  });
});

describe(`setup links: ${FUZZ_RUNS} generated links`, function () {
  this.timeout(300_000);
  const key = 'sk-cxp-0123456789ab-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
  const piece = fc.constantFrom(
    'url=',
    'model=',
    'fullUrl=',
    '0',
    '1',
    '&',
    '=',
    '?',
    '/',
    '%',
    '%2',
    '%25',
    '%26',
    '%3D',
    'https://',
    'http://',
    'localhost',
    '127.0.0.1',
    '127.0.0.2',
    '[::1]',
    'pool.example.com',
    ':4000',
    '/v1',
    '/chat/completions',
    '/mcp',
    '/backend-api/codex',
    'gpt-5.5',
    'GPT-5.5',
    '&model=gpt-5.4-mini',
    ' ',
    '+',
    '\u202e',
    '\u0000',
    '例子',
    key,
    encodeURIComponent(key),
    key.slice(0, 30),
    'Bearer ',
    'mcp-cxp-',
    'sk-cxp-',
  );
  const query = fc.oneof(
    fc.array(piece, { maxLength: 14 }).map((a) => a.join('')),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 120 }),
  );
  const path = fc.oneof(fc.constant('/setup'), fc.constant('/setup/'), fc.string({ maxLength: 20 }));

  it('never throws, never passes a key-shaped value, never yields a draft the URL rules refuse', () => {
    fc.assert(
      fc.property(path, query, (p, q) => {
        const r = parseSetupLink({ path: p, query: q });
        if (!r.ok) {
          assert.equal(typeof r.cause.id, 'string');
          assert.ok(!JSON.stringify(r).includes(key.slice(20)), 'a refusal never echoes the secret');
          return;
        }
        const analysis = analyzeEndpoint(r.draft.url, r.draft.fullUrl);
        assert.ok(analysis.ok && analysis.endpoint, r.draft.url);
        assert.ok(analysis.findings.every((f) => f.severity !== 'error'));
        assert.ok(analysis.endpoint.origin.startsWith('https://') || analysis.endpoint.loopback);
        assert.equal(r.origin, analysis.endpoint.origin);
        const all = `${p}?${q}`;
        assert.ok(!all.includes(key.slice(20)) && !decodeURIComponentSafe(all).includes(key.slice(20)));
        // Every model, main first: no spaces, within the cap, each once whatever its case, at most 20.
        const ids = [r.draft.modelId, ...(r.draft.moreModels ?? [])];
        assert.ok(ids.every((id) => !/\s/.test(id) && id.length <= LINK_LIMITS.model && !hasUnsafeCharacters(id)));
        assert.ok(ids.length <= LINK_LIMITS.models);
        assert.equal(new Set(ids.map((id) => id.toLowerCase())).size, ids.length, ids.join(' '));
        assert.ok(r.draft.moreModels === undefined || (r.draft.moreModels.length > 0 && ids.every((id) => id !== '')));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
