// Property tests: no input makes the URL or key rules throw, and every input gets a verdict.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeEndpoint, suggestCorrection } from '../../src/core/endpoint';
import { analyzeKey, redactSecrets, POOL_KEY_PATTERN } from '../../src/core/poolKey';

export const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);

// Strings that look like what people paste: URL pieces, key pieces, quotes, spaces, unicode.
const urlPiece = fc.constantFrom(
  'http://', 'https://', 'HTTPS://', 'ftp://', '//', 'localhost', '127.0.0.1', '[::1]', '0.0.0.0', 'pool.example.com', ':4000', ':99999',
  '/v1', '/V1', '/v1/', '/chat/completions', '/models', '/responses', '/mcp', '/admin', '/backend-api/codex', '?x=1', '#f', 'user:pw@',
  ' ', '\n', '"', "'", '“', '”', '<', '>', '\u200b', '%20', '\\', '例子', '..', '/',
);
const pastedUrl = fc.oneof(fc.array(urlPiece, { maxLength: 10 }).map((a) => a.join('')), fc.string({ maxLength: 80 }), fc.webUrl(), fc.string({ unit: 'grapheme', maxLength: 40 }));
const keyPiece = fc.constantFrom('sk-cxp-', 'mcp-cxp-', 'sk-proj-', 'Bearer ', 'Authorization: ', 'KEY=', 'export ', '"', "'", ' ', '\n', '0123456789ab', '-', 'A'.repeat(43), 'eyJ', '.', 'https://x/v1');
const pastedKey = fc.oneof(fc.array(keyPiece, { maxLength: 8 }).map((a) => a.join('')), fc.string({ maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 70 }), fc.anything());

describe(`property tests (${FUZZ_RUNS} runs each)`, () => {
  it('URL rules never throw and always give a verdict', () => {
    fc.assert(
      fc.property(fc.oneof(pastedUrl, fc.anything()), fc.anything(), (input, fullUrl) => {
        const a = analyzeEndpoint(input, fullUrl);
        assert.equal(typeof a.ok, 'boolean');
        if (a.ok) assert.ok(a.endpoint && a.findings.every((f) => f.severity !== 'error'));
        else assert.ok(a.findings.some((f) => f.severity === 'error'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('a valid endpoint only ever points at its own origin, over https unless loopback', () => {
    fc.assert(
      fc.property(pastedUrl, fc.boolean(), (input, fullUrl) => {
        const e = analyzeEndpoint(input, fullUrl).endpoint;
        if (!e) return;
        for (const url of [e.apiBase, e.traeCallUrl, e.modelsUrl, e.usageUrl, e.traeUrl]) assert.equal(new URL(url).origin, e.origin);
        assert.ok(e.origin.startsWith('https://') || e.loopback);
        assert.ok(!/[?#@\s]/.test(e.traeUrl));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('corrections never throw, and a suggested fix is valid', () => {
    fc.assert(
      fc.property(pastedUrl, fc.boolean(), (input, fullUrl) => {
        const fix = suggestCorrection(input, fullUrl);
        if (fix) assert.equal(analyzeEndpoint(fix.url, fix.fullUrl).ok, true);
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 4) },
    );
  });

  it('key rules never throw; only the documented shape is accepted', () => {
    fc.assert(
      fc.property(pastedKey, (input) => {
        const a = analyzeKey(input);
        if (a.ok) assert.match(a.key!, POOL_KEY_PATTERN);
        else assert.equal(a.key, undefined);
        if (a.correction !== undefined) assert.match(a.correction, POOL_KEY_PATTERN);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('redaction removes any generated Pool key from any text', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 });
    const secret = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'), minLength: 43, maxLength: 43 });
    fc.assert(
      fc.property(hex, secret, fc.string(), fc.string(), (id, s, before, after) => {
        const key = `sk-cxp-${id}-${s}`;
        const out = redactSecrets(`${before}${key}${after}`, [key]);
        assert.ok(!out.includes(s));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
