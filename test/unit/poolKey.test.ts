import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { analyzeKey, type KeyKind } from '../../src/core/secrets/poolKey';
import { keyFingerprint, maskKey, POOL_KEY_PATTERN } from '../../src/core/secrets/keyShape';
import { redactText } from '../../src/core/secrets/redact';
import { sha256Hex } from '../../src/core/secrets/sha256';
import { makeMcpToken, makePoolKey } from '../emulator/server';

const KEY = 'sk-cxp-0123456789ab-' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

/** The reference SHA-256 (node:crypto), to hold the core's own to. */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const secretArb = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const poolKeyArb = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{12}$/), secretArb)
  .map(([id, secret]) => `sk-cxp-${id}-${secret}`);

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
    assert.equal(a.cause.args?.['masked'], maskKey(KEY));
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
    it('masks to the whole id part and a SHA-256 fingerprint of the whole key, never a character of the secret part', () => {
      assert.equal(maskKey(KEY), `${KEY.slice(0, 19)}-… SHA256:${sha256(KEY).slice(0, 6)}`);
      const twin = `${KEY.slice(0, 18)}f${KEY.slice(19)}`;
      assert.notEqual(maskKey(twin), maskKey(KEY), 'keys that differ in their id are told apart');
      for (let i = 0; i < 200; i++) {
        const key = makePoolKey();
        // Everything before the secret part ("sk-cxp-<12 hex>-"), an ellipsis, then the fingerprint only.
        assert.equal(maskKey(key), `${key.slice(0, 20)}… SHA256:${sha256(key).slice(0, 6)}`);
      }
      assert.equal(maskKey('sk-cxp-0123'), 'sk-cxp-0123…', 'not a whole key: at most four id characters');
      assert.equal(maskKey('something else'), '…');
    });

    it('two keys that differ only in their secret part get different fingerprints (defect: both read "sk-cxp-<id>-…")', () => {
      fc.assert(
        fc.property(poolKeyArb, secretArb, (key, otherSecret) => {
          const other = `${key.slice(0, 20)}${otherSecret}`;
          fc.pre(other !== key);
          assert.notEqual(maskKey(other), maskKey(key));
          assert.notEqual(keyFingerprint(other), keyFingerprint(key));
        }),
        { numRuns: 2000 },
      );
    });

    it('the secret part reaches the masked text only through the hash (property over generated keys)', () => {
      fc.assert(
        fc.property(poolKeyArb, secretArb, (key, otherSecret) => {
          const masked = maskKey(key);
          // The fingerprint is the first 6 hex characters of the SHA-256 of the whole key (node:crypto agrees).
          assert.equal(masked.slice(masked.indexOf(' SHA256:') + 8), sha256(key).slice(0, 6));
          // Everything else is the same for any secret with this id: no secret character can be in it.
          const other = maskKey(`${key.slice(0, 20)}${otherSecret}`);
          assert.equal(masked.replace(/SHA256:[0-9a-f]{6}$/, ''), other.replace(/SHA256:[0-9a-f]{6}$/, ''));
        }),
        { numRuns: 2000 },
      );
    });

    it('a secret made of characters the masked form never uses: none of them, alone or in runs, is in it', () => {
      // The id part and the fingerprint are hex, the frame is "sk-cxp-", "-… SHA256:": a secret drawn from the
      // other characters of its alphabet shows whether any of it leaks, even one character.
      const unused = [...'ghijlmnoqrtuvwyzBCDEFGIJKLMNOPQRTUVWXYZ_'];
      const taintedKey = fc
        .tuple(
          fc.stringMatching(/^[0-9a-f]{12}$/),
          fc.array(fc.constantFrom(...unused), { minLength: 43, maxLength: 43 }),
        )
        .map(([id, secret]) => `sk-cxp-${id}-${secret.join('')}`);
      fc.assert(
        fc.property(taintedKey, (key) => {
          const secret = key.slice(20);
          const masked = maskKey(key);
          for (const ch of masked) assert.ok(!secret.includes(ch), `"${ch}" of the secret is in ${masked}`);
          for (let i = 0; i + 2 <= secret.length; i++) assert.ok(!masked.includes(secret.slice(i, i + 2)));
        }),
        { numRuns: 2000 },
      );
    });

    it('redacts the given secret and its secret half', () => {
      const secretHalf = KEY.split('-').slice(3).join('-');
      const text = `key=${KEY} half=${secretHalf}`;
      const out = redactText(text, [KEY]);
      assert.ok(!out.includes(secretHalf));
      assert.ok(out.includes(`${KEY.slice(0, 19)}-… SHA256:`));
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

  it("the core's SHA-256 (for fingerprints in the page and the host alike) is node:crypto's", () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'é中😀'])
      assert.equal(sha256Hex(text), sha256(text), `${text.length} characters`);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => assert.equal(sha256Hex(text), sha256(text))),
      { numRuns: 2000 },
    );
  });
});
