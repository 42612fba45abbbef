// A secret pasted into the wrong field (the Pool URL, the model id) is caught before it is saved in
// plain settings or sent anywhere; real URLs and model ids never are.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectPastedSecret } from '../../src/core/secrets/poolKey';
import { makeMcpToken, makePoolKey } from '../emulator/server';
import { keyIdPart, keySecretPart } from './poolKeyArbitraries';

describe('security: a secret pasted into the URL or model field', () => {
  const key = makePoolKey();
  const mcp = makeMcpToken();

  it('finds a Pool key alone, with spaces or quotes around, or inside a longer text', () => {
    const inputs = [
      key,
      `  "${key}"\n`,
      `'${key}'`,
      `“${key}”`,
      `my key is ${key}, thanks`,
      `https://pool.example.com/v1?key=${key}`,
      `https://pool.example.com/v1/${key}`,
      `${key.slice(0, 30)} ${key.slice(30)}`,
      `${key.slice(0, 25)}\n${key.slice(25, 40)}"${key.slice(40)}`,
      key.replace(/-/g, '%2D'),
      key.toUpperCase(),
      `sk-cxp-0123-${'a'.repeat(20)}`,
      `Bearer ${key}`,
      `Authorization: Bearer ${key}`,
    ];
    for (const input of inputs) assert.equal(detectPastedSecret(input), 'pool-key', JSON.stringify(input));
  });

  it('finds an MCP token', () => {
    for (const input of [mcp, ` "${mcp}" `, `token: ${mcp}`, `https://pool.example.com/mcp?token=${mcp}`])
      assert.equal(detectPastedSecret(input), 'mcp-token', input);
  });

  it('finds a Bearer value or an Authorization header', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.c2lnbmF0dXJlMTIz';
    for (const input of [
      `Bearer ${jwt}`,
      'bearer opaque-token-123',
      'Authorization: Basic dXNlcjpwYXNz',
      'authorization:x',
      '"Authorization": "Bearer abcdefgh"',
      'Bearer%20abcdefghij',
    ]) {
      assert.equal(detectPastedSecret(input), 'bearer', input);
    }
  });

  it('no false positive on real URLs, model ids and near misses', () => {
    const inputs: unknown[] = [
      'https://pool.example.com/v1',
      'http://localhost:4000/v1',
      'https://gw.example.com/codex/v1/chat/completions',
      'https://bearer.example.com/v1',
      'https://pool.example.com/authorization/v1',
      'gpt-5.6-terra',
      'gpt-5.5',
      'gpt-5.4-mini',
      'o3-mini',
      'claude-3.5-sonnet',
      'codex-mini-latest',
      'GPT-5.6 Terra via Codex Pooler',
      'sk-cxp',
      'sk-cxp-',
      'sk-cxp-…',
      'sk-cxp-0123456789ab-',
      'mcp-cxp',
      'mcp-cxp-abcd',
      'bearer',
      'Bearer',
      'Bearer short',
      'bearer-model-7',
      '',
      '   ',
      undefined,
      null,
      42,
      { url: key },
      [key],
    ];
    for (const input of inputs) assert.equal(detectPastedSecret(input), undefined, JSON.stringify(input));
  });

  it('property: any Pool key anywhere in any text is found', () => {
    fc.assert(
      fc.property(
        keyIdPart,
        keySecretPart,
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom('', ' ', '"', "'", '\n', '  "'),
        (id, s, before, after, wrap) => {
          assert.equal(detectPastedSecret(`${before}${wrap}sk-cxp-${id}-${s}${wrap}${after}`), 'pool-key');
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('property: no web URL and no model-id-shaped text is taken for a secret', () => {
    const modelId = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), modelId), (value) => {
        assert.equal(detectPastedSecret(value), undefined, value);
      }),
      { numRuns: 5000 },
    );
  });
});
