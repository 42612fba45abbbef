// The key rules at their edges (npm run mutation found these untested, docs/mutation.md): each pattern of
// analyzeKey anchored at both ends and as wide as its class, the 512-character limit, the exact answer for a
// good key, the certain corrections and the arguments that say which part of an sk-cxp- key is off.
import * as assert from 'node:assert/strict';
import {
  analyzeKey,
  detectPastedSecret,
  extractPoolKey,
  holdsSecret,
  startsLikeSecret,
  type KeyKind,
} from '../../src/core/secrets/poolKey';
import { maskKey } from '../../src/core/secrets/keyShape';

// Every character class of the key's alphabet appears in both parts (digits and a-f in the id; upper, lower,
// digits, "_" and "-" in the secret), so a pattern missing any of them misses this key.
const KEY = 'sk-cxp-0123456789ab-' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const SECRET_43 = 'a'.repeat(43);

const kind = (value: unknown): KeyKind => analyzeKey(value).kind;
const causeOf = (value: unknown) => analyzeKey(value).cause;

describe('key rules at their edges (mutation)', () => {
  it('a good key: the whole answer, untrimmed and trimmed', () => {
    assert.deepEqual(analyzeKey(KEY), {
      ok: true,
      kind: 'pool-key',
      severity: 'info',
      cause: { id: 'key.ok.cause', args: { masked: maskKey(KEY) } },
      fix: { id: 'key.ok.fix' },
      key: KEY,
    });
    assert.deepEqual(analyzeKey(`\t${KEY} `), {
      ok: true,
      kind: 'pool-key',
      severity: 'info',
      cause: { id: 'key.okTrimmed.cause', args: { masked: maskKey(KEY) } },
      fix: { id: 'key.ok.fix' },
      key: KEY,
    });
  });

  it('a problem: the whole answer, with its arguments', () => {
    assert.deepEqual(analyzeKey('abc'), {
      ok: false,
      kind: 'wrong-shape',
      severity: 'error',
      cause: { id: 'key.wrongShape.cause', args: { length: 3 } },
      fix: { id: 'key.wrongShape.fix', args: { length: 3 } },
    });
  });

  it('each kind says its own cause and fix', () => {
    const said = (value: unknown) => {
      const a = analyzeKey(value);
      return [a.cause.id, a.fix.id];
    };
    const cases: Array<[unknown, string]> = [
      [5, 'notText'],
      ['x'.repeat(513), 'tooLong'],
      [' ', 'empty'],
      [`Bearer ${KEY}`, 'bearer'],
      ['https://pool.example.com', 'url'],
      [`X=${KEY}`, 'assignment'],
      [`"${KEY}"`, 'quoted'],
      ['mcp-cxp-0123-abcdefgh', 'mcp'],
      ['a b', 'innerWhitespace'],
      ['sk-proj-abc', 'otherProvider'],
      ['eyJa.b.c', 'oauth'],
      ['abc', 'wrongShape'],
      [`SK-cxp-0123456789ab-${SECRET_43}`, 'prefixCase'],
      [`sk-cxp-0123-${SECRET_43}`, 'badId'],
      ['sk-cxp-0123456789ab-abc', 'badSecretLength'],
      [`sk-cxp-0123456789ab-${'a'.repeat(42)}.`, 'badSecretChars'],
    ];
    for (const [value, name] of cases) assert.deepEqual(said(value), [`key.${name}.cause`, `key.${name}.fix`], name);
    for (const [value] of cases.slice(-4)) assert.equal(kind(value), 'wrong-shape', String(value));
  });

  it('too long from 513 characters, not at 512', () => {
    assert.equal(kind('x'.repeat(512)), 'wrong-shape');
    assert.equal(kind('x'.repeat(513)), 'too-long');
    assert.deepEqual(causeOf('x'.repeat(513)), { id: 'key.tooLong.cause', args: { length: 513 } });
  });

  it('a Bearer or Authorization line, with or without spaces around the colon', () => {
    for (const value of [
      `Authorization:Bearer ${KEY}`,
      `authorization :  bearer\t${KEY}`,
      `Bearer\n${KEY}`,
      `BEARER ${KEY}`,
    ]) {
      const a = analyzeKey(value);
      assert.equal(a.kind, 'bearer-header', value.slice(0, 30));
      assert.equal(a.correction, KEY, value.slice(0, 30));
    }
    // Only the Authorization word: still a header, nothing certain inside.
    for (const value of ['Authorization:Basic abc', 'authorization  : Basic abc', 'Authorization:']) {
      const a = analyzeKey(value);
      assert.equal(a.kind, 'bearer-header', value);
      assert.equal(a.correction, undefined, value);
      assert.deepEqual(a.cause, { id: 'key.bearer.cause' });
    }
    // Not at the start: not a header.
    assert.equal(kind(`xbearer ${KEY}`), 'inner-whitespace');
    assert.equal(kind('xauthorization:abc'), 'env-assignment');
    // What is inside decides only when it is more specific than a wrong shape.
    assert.equal(kind('Bearer abc'), 'bearer-header');
    assert.equal(kind('Bearer sk-proj-abc'), 'other-provider-key');
    assert.equal(kind('Bearer https://pool.example.com'), 'url');
    assert.equal(kind('Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln'), 'oauth-token');
  });

  it('a URL: a scheme of letters, digits, "+", "." and "-", or www., localhost, 127.0.0.1, only at the start', () => {
    for (const value of [
      'git+ssh://host/x',
      'a.b-c://host',
      'h2://x',
      'www.example.com',
      'WWW.example.com',
      'localhost/v1',
      'localhost:4000',
      '127.0.0.1:4000',
      '127.0.0.1/v1',
    ])
      assert.equal(kind(value), 'url', value);
    for (const value of [
      '1http://x',
      'x-www.example.com',
      'xlocalhost:4000',
      'x127.0.0.1:4000',
      'localhostx',
      'wwwxcom',
    ])
      assert.notEqual(kind(value), 'url', value);
    assert.equal(kind('see https://pool.example.com'), 'inner-whitespace');
  });

  it('an assignment: a name (letters, digits, "_"), spaces around "=" or ":", "export " in front', () => {
    for (const value of [
      `X=${KEY}`,
      `_x1:${KEY}`,
      `OPENAI_API_KEY  =  ${KEY}`,
      `export  OPENAI_API_KEY=${KEY}`,
      `export\tK = "${KEY}"`,
    ]) {
      const a = analyzeKey(value);
      assert.equal(a.kind, 'env-assignment', value.slice(0, 30));
      assert.equal(a.correction, KEY, value.slice(0, 30));
    }
    assert.equal(kind(`1X=${KEY}`), 'wrong-shape', 'a name does not start with a digit');
    assert.equal(kind(`$X=${KEY}`), 'wrong-shape');
    assert.equal(kind(`X-Y=${KEY}`), 'wrong-shape', 'a name has no "-"');
    assert.equal(kind('X='), 'wrong-shape', 'nothing assigned');
  });

  it('quotes: straight, backticks and curly, both ends, nothing outside them', () => {
    for (const value of [
      `"${KEY}"`,
      `'${KEY}'`,
      `\`${KEY}\``,
      `\u201c${KEY}\u201d`,
      `\u2018${KEY}\u2019`,
      `"${KEY}'`,
    ]) {
      const a = analyzeKey(value);
      assert.equal(a.kind, 'quoted', value);
      assert.equal(a.correction, KEY, value);
    }
    assert.equal(kind('""'), 'quoted', 'empty quotes');
    assert.equal(analyzeKey('""').correction, undefined);
    assert.equal(kind(`x"${KEY}"`), 'wrong-shape');
    assert.equal(kind(`"${KEY}"x`), 'wrong-shape');
    assert.equal(kind(`\u201d${KEY}\u201c`), 'wrong-shape', 'curly quotes the wrong way round');
  });

  it('an MCP token only at the start, in any case', () => {
    assert.equal(kind('MCP-CXP-0123-abcdefgh'), 'mcp-token');
    assert.equal(kind('xmcp-cxp-0123-abcdefgh'), 'wrong-shape');
  });

  it('spaces inside: a correction only when the squeezed text is a key', () => {
    assert.equal(analyzeKey('hello world key').correction, undefined);
    assert.deepEqual(causeOf('hello world key'), { id: 'key.innerWhitespace.cause' });
    assert.equal(analyzeKey(`${KEY.slice(0, 10)} \u200b ${KEY.slice(10)}`).correction, KEY);
  });

  it('other providers and OAuth tokens, only at the start', () => {
    for (const value of ['sess-abcdef', 'rk-abcdef', 'sk-abc']) assert.equal(kind(value), 'other-provider-key', value);
    for (const value of ['xsk-abc', 'xsess-abc', 'xrk-abc', 'SESS-abc'])
      assert.equal(kind(value), 'wrong-shape', value);
    for (const value of ['eyJab.cd.ef', 'eyJa.b.', 'eyJa_-Z9.b_-Z9.c_-Z9'])
      assert.equal(kind(value), 'oauth-token', value);
    for (const value of [
      'eyJ.b.c',
      'eyJa..c',
      'eyJa.b',
      'xeyJa.b.c',
      'eyJa.b.c!',
      'eyJ!.b.c',
      'eyJa.!.c',
      'eyJa.b.!',
      'eyj.a.b',
    ])
      assert.equal(kind(value), 'wrong-shape', value);
  });

  it('an sk-cxp- key that is off: which part, and how long it is', () => {
    assert.equal(causeOf(`xsk-cxp-0123456789ab-${SECRET_43}`).id, 'key.wrongShape.cause');
    for (const value of [`sK-cxp-0123456789ab-${SECRET_43}`, `sk-CXP-0123456789ab-${SECRET_43}`, `SK-CXP-x`])
      assert.deepEqual(causeOf(value), { id: 'key.prefixCase.cause' }, value);
    assert.deepEqual(causeOf(`sk-cxp-0123-${SECRET_43}`), { id: 'key.badId.cause', args: { length: 4 } });
    assert.deepEqual(causeOf(`sk-cxp-x0123456789ab-${SECRET_43}`), { id: 'key.badId.cause', args: { length: 13 } });
    assert.deepEqual(causeOf(`sk-cxp-0123456789abc-${SECRET_43}`), { id: 'key.badId.cause', args: { length: 13 } });
    assert.deepEqual(causeOf(`sk-cxp-0123456789a-${SECRET_43}`), { id: 'key.badId.cause', args: { length: 11 } });
    assert.deepEqual(causeOf('sk-cxp-0123456789ab-abc-def'), { id: 'key.badSecretLength.cause', args: { length: 7 } });
    assert.deepEqual(analyzeKey('sk-cxp-0123456789ab-abc-def').fix, {
      id: 'key.badSecretLength.fix',
      args: { length: 7 },
    });
    assert.deepEqual(causeOf(`sk-cxp-0123456789ab-${'a'.repeat(42)}.`), { id: 'key.badSecretChars.cause' });
  });
});

describe('secrets in other fields at their edges (mutation)', () => {
  it('the masked form reads a key only from its start', () => {
    assert.equal(maskKey('xsk-cxp-0123456789ab-abcdefgh'), '…');
    assert.equal(maskKey('xsk-cxp-0123'), '…');
  });

  it('starts like a secret: after spaces and quotes only, and only text', () => {
    for (const value of [' "sk-', '`sk-x', "'mcp-cxp", 'Bearer x', '\tbearer\tx', 'Authorization:', 'authorization :'])
      assert.equal(startsLikeSecret(value), true, value);
    for (const value of ['xsk-', 'a "sk-', 'bearerx', 'authorization', 'mcp-cx', 'gpt-5.5']) {
      assert.equal(startsLikeSecret(value), false, value);
    }
    assert.equal(startsLikeSecret({ toString: () => 'sk-x' }), false, 'an object is not read as text');
  });

  it('holds a secret: a key or token prefix anywhere, only in text', () => {
    assert.equal(holdsSecret('https://pool.example.com/v1?k=SK-CXP-'), true);
    assert.equal(holdsSecret('model mcp-cxp-'), true);
    assert.equal(holdsSecret('https://pool.example.com/v1'), false);
    assert.equal(holdsSecret({ toString: () => 'x sk-cxp-' }), false);
    // Found only by the pasted-secret rules: a bearer value, a key with its hyphens encoded.
    assert.equal(holdsSecret('token: Bearer abcdefghij'), true);
    assert.equal(holdsSecret('x sk%2Dcxp%2D0123%2Dabcdefgh'), true);
  });

  it('the Pool key inside a longer text, the whole key and nothing around it', () => {
    assert.equal(extractPoolKey(`see ${KEY} here`), KEY);
    assert.equal(extractPoolKey(`url?k=${KEY}&x=1`), KEY);
    assert.equal(extractPoolKey(`${KEY}x`), KEY);
    assert.equal(extractPoolKey(`see sk-cxp-0123456789AB-${SECRET_43} here`), undefined);
    assert.equal(extractPoolKey(`see sk-cxp-0123456789a-${SECRET_43} here`), undefined);
    assert.equal(extractPoolKey(`see sk-cxp-0123456789ab-${'a'.repeat(42)} here`), undefined);
    assert.equal(extractPoolKey(`Bearer ${KEY}`), KEY);
    assert.equal(
      extractPoolKey(`${KEY.slice(0, 30)} ${KEY.slice(30)}`),
      KEY,
      'the correction when no whole key is in it',
    );
    assert.equal(extractPoolKey('Bearer nothing'), undefined);
  });

  it('a pasted secret: in the text, squeezed, or decoded; each named exactly', () => {
    assert.equal(detectPastedSecret(5), undefined);
    assert.equal(detectPastedSecret('sk-cxp-0123 456789ab-abcdefgh'), 'pool-key', 'only squeezed');
    assert.equal(detectPastedSecret('sk%2Dcxp%2D0123456789ab%2Dabcdefgh'), 'pool-key', 'only decoded');
    assert.equal(detectPastedSecret('mcp-cxp-0123 4567-abcdefgh'), 'mcp-token', 'only squeezed');
    assert.equal(detectPastedSecret('mcp%2Dcxp%2D01234567%2Dabcdefgh'), 'mcp-token', 'only decoded');
    assert.equal(detectPastedSecret('Bearer abcdefghij'), 'bearer');
    assert.equal(detectPastedSecret('Bearer%20abcdefghij'), 'bearer', 'only decoded');
    assert.equal(detectPastedSecret('plain text'), undefined);
  });
});
