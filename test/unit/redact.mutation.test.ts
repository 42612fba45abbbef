// Redaction's decoders at their edges (npm run mutation found these untested, docs/mutation.md): each digit and
// letter at the ends of its range, the longest escape of each kind and one character past it, the ";" optional
// or required, the three decoding rounds, the 8-character floor for a given secret and the 10-character bearer.
import * as assert from 'node:assert/strict';
import { decodeEscapes, redactGiven, redactText } from '../../src/core/secrets/redact';
import { maskKey } from '../../src/core/secrets/keyShape';

const KEY = 'sk-cxp-0123456789ab-abc-DEF-ghi-JKL-mno-PQR-stu-VWX-yz0-123-4_5';
const HALF = KEY.slice(20);

describe('redaction: the percent decoder at its edges (mutation)', () => {
  it('every hex digit, both cases, and the characters just outside the ranges', () => {
    assert.equal(decodeEscapes('%30%39%41%46%61%66%6a%6A%6f%6F'), '09AFafjjoo');
    assert.equal(decodeEscapes('%00'), '\u0000');
    for (const text of ['%/0', '%:0', '%6g', '%6G', '%6`', '%6@', '%6', '%'])
      assert.equal(decodeEscapes(text), text, text);
  });

  it('one byte below 0x80 is a character; from 0x80 bytes are read together as UTF-8', () => {
    assert.equal(decodeEscapes('%7F'), '\u007f');
    assert.equal(decodeEscapes('%80'), '\ufffd');
    assert.equal(decodeEscapes('%C3%A9'), '\u00e9');
    assert.equal(decodeEscapes('a%E4%B8%ADb'), 'a\u4e2db');
    // A run ends where the next "%" is missing: what follows is not read as a byte.
    assert.equal(decodeEscapes('%C3x41'), '\ufffdx41');
    assert.equal(decodeEscapes('%C3%A9%41'), '\u00e9A');
    assert.equal(decodeEscapes('%C3%zz'), '\ufffd%zz');
  });
});

describe('redaction: the HTML reference decoder at its edges (mutation)', () => {
  it('numeric: decimal and hex (x or X), the ";" optional', () => {
    assert.equal(decodeEscapes('&#45;&#x2D;&#X2d;&#45x&#x2Dy'), '----x-y');
    assert.equal(decodeEscapes('&#39;&#57;&#x0;'), "'9\u0000");
    assert.equal(decodeEscapes('&#x02D;'), '-');
    for (const text of ['&#;', '&#x;', '&#', '&#a;', '&#xg;']) assert.equal(decodeEscapes(text), text, text);
    // Decimal stops at the first letter, even a hex one.
    assert.equal(decodeEscapes('&#4a;'), '\u0004a;');
  });

  it('at most 7 decimal and 6 hex digits are read', () => {
    assert.equal(decodeEscapes('&#0000045;'), '-');
    assert.equal(decodeEscapes('&#00000045;'), '\u00045;');
    assert.equal(decodeEscapes('&#x00002D;'), '-');
    assert.equal(decodeEscapes('&#x000002D;'), '\u0002D;');
  });

  it('up to U+10FFFF, nothing beyond', () => {
    assert.equal(decodeEscapes('&#x10FFFF;'), String.fromCodePoint(0x10ffff));
    assert.equal(decodeEscapes('&#1114111;'), String.fromCodePoint(0x10ffff));
    assert.equal(decodeEscapes('&#x110000;'), '&#x110000;');
    assert.equal(decodeEscapes('&#1114112;'), '&#1114112;');
  });

  it('named: any case, the ";" required, only the known names', () => {
    assert.equal(decodeEscapes('&AMP;&Hyphen;&lowbar;&sol;&bsol;'), '&-_/\\');
    assert.equal(decodeEscapes('&a;'), '&a;');
    // After a reference, the search goes on from the next "&", not from the next character.
    assert.equal(decodeEscapes('&amp;x#45;'), '&x#45;');
    // The first reference is at the first "&", not at the start of the text.
    for (const text of ['x#45;', 'xhyphen;', 'x#45;&amp;'])
      assert.equal(decodeEscapes(text), text.replace('&amp;', '&'));
    for (const text of ['&amp x', '&ampx', '&amp', '&foo;', '&;', '&hyphen1;', '&hy-phen;'])
      assert.equal(decodeEscapes(text), text, text);
  });
});

describe('redaction: the backslash decoder at its edges (mutation)', () => {
  it('\\uXXXX and \\xXX, with all their digits; the escaped backslash, slash and quote', () => {
    assert.equal(decodeEscapes('\\u002d\\x2D\\u0000\\x00'), '--\u0000\u0000');
    assert.equal(decodeEscapes('\\u002dA\\x2dB'), '-A-B');
    assert.equal(decodeEscapes('\\\\ \\/ \\"'), '\\ / "');
    // Hex digits are read only after \\u and \\x.
    assert.equal(decodeEscapes('\\n41 \\\\41'), '\\n41 \\41');
    for (const text of ['\\u002', '\\x2', '\\u', '\\x', '\\n', "\\'", '\\', 'a\\b'])
      assert.equal(decodeEscapes(text), text, text);
  });

  it('hyphens U+2010 and U+2011, each alone', () => {
    assert.equal(decodeEscapes('a\u2010b'), 'a-b');
    assert.equal(decodeEscapes('a\u2011b'), 'a-b');
    assert.equal(decodeEscapes('a\u2012b'), 'a\u2012b');
  });
});

describe('redaction: rounds, floors and what a match becomes (mutation)', () => {
  it('three layers of encoding are undone, the fourth is the limit', () => {
    const layers = (n: number) => KEY.replace(/-/g, `%${'25'.repeat(n - 1)}2D`);
    for (const n of [1, 2, 3]) assert.equal(redactText(layers(n), [KEY]), maskKey(KEY), `${n} layers`);
    assert.equal(redactText(layers(4), [KEY]), layers(4), 'four layers deep: left as it was');
  });

  it('a key found only after decoding: the decoded text, redacted, is returned', () => {
    assert.equal(redactText(`k=${KEY.replace(/-/g, '%2D')} x%20y`, [KEY]), `k=${maskKey(KEY)} x y`);
    // Found plainly: the text keeps its other encodings.
    assert.equal(redactText(`k=${KEY} x%20y`, [KEY]), `k=${maskKey(KEY)} x%20y`);
  });

  it('a given secret: from 8 characters, masked whole, its secret half alone "[redacted]"', () => {
    assert.equal(redactGiven('a abcdefg b', ['abcdefg']), 'a abcdefg b');
    assert.equal(redactGiven('a abcdefgh b', ['abcdefgh']), 'a … b');
    assert.equal(redactGiven(`${KEY} and ${HALF}`, [KEY]), `${maskKey(KEY)} and [redacted]`);
    // A secret that is not a Pool key has no halves: nothing else in the text changes.
    assert.equal(redactGiven('Stryker was here: a abcdefgh', ['abcdefgh']), 'Stryker was here: a …');
    assert.equal(redactGiven('nothing here', []), 'nothing here');
    assert.equal(redactText('Stryker was here'), 'Stryker was here', 'no secret is given unless one is passed');
  });

  it('a bearer value: "[redacted]" from 10 characters, stars of its own length below', () => {
    assert.equal(redactText('Bearer abcdefghij'), 'Bearer [redacted]');
    assert.equal(redactText('bearer\tabcdefghi'), 'bearer\t*********');
    assert.equal(redactText('Bearer a,b'), 'Bearer *,b');
  });

  it('MCP tokens and JWTs: each to its own mark', () => {
    assert.equal(redactText('t=mcp-cxp-0123-abcdefgh'), 't=mcp-cxp-[redacted]');
    assert.equal(redactText('eyJhbGciOiJ.eyJzdWIiOiJ.c2lnbmF0dXJl'), '[redacted-token]');
  });
});
