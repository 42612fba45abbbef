import * as assert from 'node:assert/strict';
import { analyzeKey, type KeyKind } from '../../src/core/secrets/poolKey';
import { maskKey, POOL_KEY_PATTERN } from '../../src/core/secrets/keyShape';
import { redactText } from '../../src/core/secrets/redact';
import { makeMcpToken, makePoolKey } from '../emulator/server';

const KEY = 'sk-cxp-0123456789ab-' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

function kind(value: unknown): KeyKind {
  return analyzeKey(value).kind;
}

describe('key rules (what was pasted as the Pool API key)', () => {
  it('the fixture has the documented shape', () => {
    assert.match(KEY, POOL_KEY_PATTERN);
    assert.equal(KEY.length, 63);
    for (let i = 0; i < 50; i++) assert.match(makePoolKey(), POOL_KEY_PATTERN);
  });

  it('recognises a Pool API key', () => {
    const a = analyzeKey(KEY);
    assert.equal(a.ok, true);
    assert.equal(a.kind, 'pool-key');
    assert.equal(a.key, KEY);
    assert.equal(a.cause.args?.['masked'], `${KEY.slice(0, 19)}-…`);
  });

  it('trims surrounding whitespace and newlines, and says so', () => {
    const a = analyzeKey(`  ${KEY}\n`);
    assert.equal(a.ok, true);
    assert.equal(a.key, KEY);
    assert.equal(a.cause.id, 'key.okTrimmed.cause');
  });

  it('names each wrong thing', () => {
    const cases: Array<[unknown, KeyKind]> = [
      [undefined, 'not-text'],
      [123, 'not-text'],
      ['', 'empty'],
      ['   ', 'empty'],
      ['x'.repeat(600), 'too-long'],
      [`Bearer ${KEY}`, 'bearer-header'],
      [`bearer   ${KEY}`, 'bearer-header'],
      [`Authorization: Bearer ${KEY}`, 'bearer-header'],
      [`CODEX_POOLER_API_KEY=${KEY}`, 'env-assignment'],
      [`export OPENAI_API_KEY="${KEY}"`, 'env-assignment'],
      [`"${KEY}"`, 'quoted'],
      [`'${KEY}'`, 'quoted'],
      ['https://pool.example.com/v1', 'url'],
      ['localhost:4000/v1', 'url'],
      [makeMcpToken(), 'mcp-token'],
      [`${KEY.slice(0, 30)} ${KEY.slice(30)}`, 'inner-whitespace'],
      ['sk-proj-abcdefghijklmnopqrstuvwxyz0123456789', 'other-provider-key'],
      ['sk-ant-api03-abcdef', 'other-provider-key'],
      ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl', 'oauth-token'],
      ['sk-cxp-0123456789ab-short', 'wrong-shape'],
      ['SK-CXP-0123456789AB-' + 'a'.repeat(43), 'wrong-shape'],
      ['hello world key', 'inner-whitespace'],
      ['abc', 'wrong-shape'],
    ];
    for (const [value, expected] of cases) assert.equal(kind(value), expected, String(value).slice(0, 40));
  });

  it('offers the key inside as a certain correction', () => {
    assert.equal(analyzeKey(`Bearer ${KEY}`).correction, KEY);
    assert.equal(analyzeKey(`CODEX_POOLER_API_KEY=${KEY}`).correction, KEY);
    assert.equal(analyzeKey(`export OPENAI_API_KEY="${KEY}"`).correction, KEY);
    assert.equal(analyzeKey(`"${KEY}"`).correction, KEY);
    assert.equal(analyzeKey(`${KEY.slice(0, 30)}\n${KEY.slice(30)}`).correction, KEY);
    assert.equal(analyzeKey('Bearer sk-proj-whatever').correction, undefined);
  });

  it('what is inside a Bearer header matters more than the wrapping', () => {
    assert.equal(kind(`Bearer ${makeMcpToken()}`), 'mcp-token');
  });

  it('says exactly which part of an sk-cxp- key is off', () => {
    assert.equal(analyzeKey('sk-cxp-0123456789-' + 'a'.repeat(43)).cause.id, 'key.badId.cause');
    assert.equal(analyzeKey('sk-cxp-0123456789AB-' + 'a'.repeat(43)).cause.id, 'key.badId.cause');
    const short = analyzeKey('sk-cxp-0123456789ab-' + 'a'.repeat(40));
    assert.equal(short.cause.id, 'key.badSecretLength.cause');
    assert.equal(short.cause.args?.['length'], 40);
    assert.equal(analyzeKey('sk-cxp-0123456789ab-' + 'a'.repeat(42) + '!').cause.id, 'key.badSecretChars.cause');
    assert.equal(analyzeKey('Sk-cxp-0123456789ab-' + 'a'.repeat(43)).cause.id, 'key.prefixCase.cause');
  });

  it('no message ever carries the key itself', () => {
    const inputs = [KEY, `Bearer ${KEY}`, `"${KEY}"`, `X=${KEY}`, KEY.slice(0, 50), `${KEY} ${KEY}`];
    for (const input of inputs) {
      const a = analyzeKey(input);
      const text = JSON.stringify({ cause: a.cause, fix: a.fix, kind: a.kind });
      assert.ok(!text.includes(KEY.slice(20)), input.slice(0, 10));
    }
  });

  describe('masking and redaction', () => {
    it('masks to the whole id part (it tells two keys apart), never a character of the secret part', () => {
      assert.equal(maskKey(KEY), `${KEY.slice(0, 19)}-…`);
      const twin = `${KEY.slice(0, 18)}f${KEY.slice(19)}`;
      assert.notEqual(maskKey(twin), maskKey(KEY), 'keys that differ in their id are told apart');
      for (let i = 0; i < 200; i++) {
        const key = makePoolKey();
        // Everything before the secret part ("sk-cxp-<12 hex>-"), then an ellipsis: nothing after it.
        assert.equal(maskKey(key), `${key.slice(0, 20)}…`);
      }
      assert.equal(maskKey('sk-cxp-0123'), 'sk-cxp-0123…', 'not a whole key: at most four id characters');
      assert.equal(maskKey('something else'), '…');
    });

    it('redacts the given secret and its secret half', () => {
      const secretHalf = KEY.split('-').slice(3).join('-');
      const text = `key=${KEY} half=${secretHalf}`;
      const out = redactText(text, [KEY]);
      assert.ok(!out.includes(secretHalf));
      assert.ok(out.includes(`${KEY.slice(0, 19)}-…`));
    });

    it('redacts any Pool key, MCP token, bearer value and JWT even when not given', () => {
      const other = makePoolKey();
      const mcp = makeMcpToken();
      const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.c2lnbmF0dXJlMTIz';
      const out = redactText(`a ${other} b ${mcp} c Authorization: Bearer abc.def d ${jwt}`);
      assert.ok(!out.includes(other.slice(20)));
      assert.ok(!out.includes(mcp.slice(20)));
      assert.ok(!out.includes('abc.def'));
      assert.ok(!out.includes(jwt));
      for (const around of [`token=${jwt}`, `"${jwt}"`, `id_token:${jwt}`, `(${jwt})`])
        assert.ok(!redactText(around).includes(jwt), around);
    });
  });
});
