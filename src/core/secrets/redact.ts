// The one place that removes secrets from text: the given secrets (and a Pool key's 43-character
// secret half), and anything secret-shaped (Pool keys, MCP tokens, bearer values, JWTs). A server
// or proxy may echo a key back encoded (%2D, &#45;, &hyphen;, \u002d, mixed, even twice), so a copy
// is decoded for detection. Every step is a plain search, a native scan or a loop that reads each
// character a bounded number of times, so the work stays linear on any input, however hostile.
import { maskKey, POOL_KEY_PATTERN } from './keyShape';

const POOL_KEY_ANYWHERE = /sk-cxp-[0-9a-fA-F]{4,}-[A-Za-z0-9_-]{8,}/g;
const MCP_TOKEN_ANYWHERE = /mcp-cxp-[0-9a-fA-F]{4,}-[A-Za-z0-9_-]{8,}/g;
const BEARER_ANYWHERE = /\b(Bearer)(\s+)([^\s"',;]+)/gi;
// Starts only where a run of token characters starts: with \b, "eyJ-eyJ-eyJ-…" would be tried at every
// "eyJ" and each try would scan the rest of the run, which is quadratic on a long answer.
const JWT_ANYWHERE = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
/** Encoded twice ("%252D", "&amp;#45;") is plausible; three layers deep is the limit. */
const MAX_DECODING_ROUNDS = 3;
const MAY_BE_ENCODED = /[%&\\\u2010\u2011]/;
const HYPHENS = /[\u2010\u2011]/g;
// Named HTML references for the characters that secrets and the patterns above are made of.
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  tab: '\t',
  newline: '\n',
  hyphen: '-',
  dash: '-',
  lowbar: '_',
  underbar: '_',
  period: '.',
  colon: ':',
  semi: ';',
  sol: '/',
  bsol: '\\',
  percnt: '%',
  num: '#',
  equals: '=',
  commat: '@',
  plus: '+',
  comma: ',',
  excl: '!',
  quest: '?',
};
/** Each decodes one layer of one encoding; between them the text is redacted again. */
const DECODERS: ReadonlyArray<(text: string) => string> = [
  decodePercent,
  decodeReferences,
  decodeBackslashes,
  foldHyphens,
];
const UTF8 = new TextDecoder('utf-8');
/** Where the escape read last ends and what it stands for (one object, not one per escape). */
const read = { value: '', end: 0 };

/**
 * `text` without any secret: the given ones (also encoded) and every secret-shaped value. When a
 * secret was only found in the decoded text, the decoded text is returned, redacted; otherwise the
 * text as it was, with the plain matches redacted.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  // Plain matches first, and again after each decoding step: decoding could otherwise split a
  // secret that was already there ("%" + "2D…") and hide it from the next search.
  const plain = redactPlain(text, secrets);
  if (!MAY_BE_ENCODED.test(plain)) return plain;
  let current = plain;
  let foundEncoded = false;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    let changed = false;
    for (const decode of DECODERS) {
      const decoded = decode(current);
      if (decoded === current) continue;
      changed = true;
      current = redactPlain(decoded, secrets);
      if (current !== decoded) foundEncoded = true;
    }
    if (!changed) break;
  }
  return foundEncoded ? current : plain;
}

/**
 * Only the given secrets (and their secret halves), by plain search: linear in the text whatever it
 * holds. Does not look for encoded forms: use {@link redactText} for anything from outside.
 */
export function redactGiven(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    const parts = [secret, ...(POOL_KEY_PATTERN.exec(secret)?.slice(2) ?? [])];
    for (const part of parts) out = out.split(part).join(part === secret ? maskKey(secret) : '[redacted]');
  }
  return out;
}

function redactPlain(text: string, secrets: readonly string[]): string {
  return (
    redactGiven(text, secrets)
      .replace(POOL_KEY_ANYWHERE, (m) => maskKey(m))
      .replace(MCP_TOKEN_ANYWHERE, 'mcp-cxp-[redacted]')
      // Never longer than what it replaces (clamped text stays clamped): a short value becomes stars.
      .replace(
        BEARER_ANYWHERE,
        (_m, word: string, space: string, value: string) =>
          `${word}${space}${value.length >= 10 ? '[redacted]' : '*'.repeat(value.length)}`,
      )
      .replace(JWT_ANYWHERE, '[redacted-token]')
  );
}

/** One layer of every encoding above, in turn (what a reader of the text could decode). */
export function decodeEscapes(text: string): string {
  return DECODERS.reduce((current, decode) => decode(current), text);
}

/** %XX runs, read as UTF-8 together (so "%C3%A9" is one "é"); invalid UTF-8 becomes U+FFFD. */
function decodePercent(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('%'); at !== -1; at = text.indexOf('%', at)) {
    const byte = hexValue(text, at + 1, 2);
    if (byte < 0) {
      at++;
      continue;
    }
    out += text.slice(copied, at);
    if (byte < 0x80) {
      out += String.fromCharCode(byte);
      at += 3;
    } else {
      const bytes: number[] = [];
      for (let b = byte; b >= 0; b = hexValue(text, at + 1, 2)) {
        bytes.push(b);
        at += 3;
        if (text.charCodeAt(at) !== 0x25) break;
      }
      out += UTF8.decode(new Uint8Array(bytes));
    }
    copied = at;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** &#45; &#x2D; (the ";" optional, as browsers read them) and the named references above. */
function decodeReferences(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at)) {
    if (!readReference(text, at)) {
      at++;
      continue;
    }
    out += text.slice(copied, at) + read.value;
    at = copied = read.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function readReference(text: string, at: number): boolean {
  if (text.charCodeAt(at + 1) === 0x23 /* # */) {
    const hex = (text.charCodeAt(at + 2) | 0x20) === 0x78; /* x or X */
    const start = at + (hex ? 3 : 2);
    let end = start;
    while (end - start < (hex ? 6 : 7) && hexValue(text, end, 1) >= 0 && (hex || text.charCodeAt(end) <= 0x39)) end++;
    const code = end === start ? NaN : parseInt(text.slice(start, end), hex ? 16 : 10);
    if (!(code <= 0x10ffff)) return false;
    read.value = String.fromCodePoint(code);
    read.end = text.charCodeAt(end) === 0x3b /* ; */ ? end + 1 : end;
    return true;
  }
  let end = at + 1;
  while (end - at <= 10 && ((text.charCodeAt(end) | 0x20) - 0x61) >>> 0 < 26) end++;
  if (text.charCodeAt(end) !== 0x3b) return false;
  const value = NAMED_REFERENCES[text.slice(at + 1, end).toLowerCase()];
  if (value === undefined) return false;
  read.value = value;
  read.end = end + 1;
  return true;
}

/** \uXXXX, \xXX, and the escaped backslash, slash and quote (so "\\u002d" decodes in two rounds). */
function decodeBackslashes(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at)) {
    const next = text[at + 1];
    const unit = next === 'u' ? hexValue(text, at + 2, 4) : next === 'x' ? hexValue(text, at + 2, 2) : -1;
    let value: string;
    if (unit >= 0) value = String.fromCharCode(unit);
    else if (next === '\\' || next === '/' || next === '"') value = next;
    else {
      at++;
      continue;
    }
    out += text.slice(copied, at) + value;
    at = copied = at + (next === 'u' ? 6 : next === 'x' ? 4 : 2);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The hyphens &hyphen; stands for (U+2010, and the non-breaking U+2011) read as "-". */
function foldHyphens(text: string): string {
  return text.includes('\u2010') || text.includes('\u2011') ? text.replace(HYPHENS, '-') : text;
}

/** The value of `count` hex digits at `at`, or -1. */
function hexValue(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
