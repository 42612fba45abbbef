// A server or proxy that echoes the key back, encoded the way URLs, HTML and JSON encode text, must
// not get it into any message, fact, log line or the clipboard.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkConnection } from '../../src/core/check/check';
import type { CheckReport } from '../../src/core/check/checkReport';
import { renderMsg } from '../../src/core/text/messages';
import { decodeEscapes, redactText } from '../../src/core/secrets/redact';
import { formatReport } from '../../src/core/check/reportText';
import type { HttpRequest, HttpResponse, Transport } from '../../src/core/http/transport';
import { makeMcpToken, makePoolKey } from '../emulator/server';
import { clientFor } from './helpers';

// A key whose secret half has hyphens, so encoding only "-" already hides it from a plain search.
const KEY = 'sk-cxp-0123456789ab-abc-DEF-ghi-JKL-mno-PQR-stu-VWX-yz0-123-4_5';
const HALF = KEY.slice(20);
const hexOf = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
const eachHyphen = (replacement: (i: number) => string) => (s: string) => {
  let i = 0;
  return s.replace(/-/g, () => replacement(i++));
};

export const ENCODINGS: Record<string, (s: string) => string> = {
  'percent %2D': eachHyphen(() => '%2D'),
  'percent %2d': eachHyphen(() => '%2d'),
  'percent, every character': (s) => [...s].map((c) => `%${hexOf(c)}`).join(''),
  'HTML &#45;': eachHyphen(() => '&#45;'),
  'HTML &#x2D;': eachHyphen(() => '&#x2D;'),
  'HTML &hyphen;': eachHyphen(() => '&hyphen;'),
  'HTML &dash;': eachHyphen(() => '&dash;'),
  'HTML, every character': (s) => [...s].map((c, i) => (i % 2 ? `&#${c.charCodeAt(0)};` : `&#x${hexOf(c)};`)).join(''),
  'JSON \\u002d in text that was not JSON-decoded': eachHyphen(() => '\\u002d'),
  'JSON, every character': (s) => [...s].map((c) => `\\u00${hexOf(c)}`).join(''),
  mixed: eachHyphen((i) => ['%2D', '&#45;', '\\u002D', '&#x2d;', '&hyphen;', '\u2010', '&dash;'][i % 7]!),
  'percent, twice': eachHyphen(() => '%252D'),
  'HTML, twice': eachHyphen(() => '&amp;#45;'),
  'JSON, twice': eachHyphen(() => '\\\\u002d'),
};

/** What a reader could make of the text: up to four layers of any encoding undone. */
function fullyDecoded(text: string): string {
  let current = text;
  for (let i = 0; i < 4; i++) current = decodeEscapes(current);
  return current;
}

function assertNoSecret(text: string, label: string): void {
  assert.ok(!text.includes(HALF), `${label}: the secret half is in the text`);
  assert.ok(!fullyDecoded(text).includes(HALF), `${label}: the secret half is in the decoded text`);
}

describe('security: redaction after decoding (redactText)', () => {
  it('the key is valid and its secret half has hyphens (the tests below rely on it)', () => {
    assert.match(KEY, /^sk-cxp-[0-9a-f]{12}-[A-Za-z0-9_-]{43}$/);
    assert.ok(HALF.includes('-'));
  });

  for (const [name, encode] of Object.entries(ENCODINGS)) {
    it(`catches the key and its secret half encoded as ${name}`, () => {
      const text = `{"error":"key ${encode(KEY)} rejected, secret ${encode(HALF)}"} <a href="/x?k=${encode(KEY)}">`;
      assert.ok(!text.includes(HALF), 'the encoding hides the half from a plain search');
      assertNoSecret(redactText(text, [KEY]), name);
    });
  }

  it('text without a secret comes back as it was, encodings and all', () => {
    for (const text of [
      'a%20b &amp; c \\u0041 \u2010',
      '<p>Not found &mdash; 404</p>',
      'https://pool.example.com/v1?x=%2D',
    ])
      assert.equal(redactText(text, [KEY]), text);
  });

  it('a literal secret next to an escape is still caught (decoding must not split it first)', () => {
    assertNoSecret(redactText(`%${HALF}`, [KEY]), '%');
    assertNoSecret(redactText(`&#${HALF}`, [KEY]), '&#');
    assertNoSecret(redactText(`\\${HALF} and ${ENCODINGS['percent %2D']!(HALF)}`, [KEY]), 'literal and encoded');
  });

  it('the generic patterns apply to the decoded text too: Pool keys, MCP tokens, bearer values, JWTs', () => {
    const other = makePoolKey();
    const mcp = makeMcpToken();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.c2lnbmF0dXJlMTIz';
    const text = `${other.replace(/-/g, '%2D')} ${mcp.replace(/-/g, '&#45;')} Authorization: Bearer%20opaque-token-value ${jwt.replace(/\./g, '%2E')}`;
    const out = fullyDecoded(redactText(text));
    for (const secret of [other.slice(20), mcp.slice(21), 'opaque-token-value', jwt])
      assert.ok(!out.includes(secret), secret);
  });

  it('stays linear on hostile input: 256 KB runs of escapes each take well under the budget', function () {
    // Not under npm run mutation (StrykerJS's workers set this): instrumented code on a busy machine has no budget.
    if (process.env['STRYKER_MUTATOR_WORKER'] !== undefined) this.skip();
    this.timeout(20_000);
    const units = [
      '%2D',
      '&#45;',
      '&#x2D;',
      '&hyphen;',
      '\\u002d',
      '%2D&#45;\\u002d&#x2d;&dash;\u2010',
      '%',
      '&',
      '&#',
      '\\',
      '%252D',
      '&amp;#45;',
      '\\\\u002d',
      'Bearer%20',
      'eyJ-',
      'sk-cxp-0123456789ab-',
    ];
    for (const unit of units) {
      const text = unit.repeat(Math.ceil((256 * 1024) / unit.length));
      const runs = [0, 1, 2].map(() => {
        const started = performance.now();
        redactText(text, [KEY]);
        return performance.now() - started;
      });
      // npm run bench holds the 100 ms budget; quadratic work on 256 KB would take seconds.
      const median = runs.sort((a, b) => a - b)[1]!;
      assert.ok(median < 250, `${JSON.stringify(unit)}: ${median.toFixed(0)} ms`);
    }
  });
});

describe('security: the pool client redacts every string it takes from an answer, after decoding', () => {
  const zh = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8'),
  ) as Record<string, string>;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  /** Answers that repeat the key, encoded, in every field the extension reads. */
  function echoing(encode: (s: string) => string, failing: boolean): Transport {
    return async (request: HttpRequest) => {
      const key = encode(request.headers['authorization']!.replace(/^Bearer /, ''));
      const route = new URL(request.url).pathname;
      if (failing) {
        if (route.endsWith('/models'))
          return json(400, { error: { code: `odd_${key}`, message: `rejected ${key}`, param: key, type: key } });
        if (route.endsWith('/usage'))
          return json(200, {
            request_count: 1,
            total_tokens: 2,
            limits: [{ limit_type: key, limit_window: key, remaining_value: 0, reset_at: key }],
          });
        return json(502, { error: { message: `upstream said ${key}`, type: 'server_error', code: key } });
      }
      if (route.endsWith('/models')) {
        return json(200, {
          data: [
            { id: 'gpt-5.5', display_name: `GPT ${key}`, input_modalities: ['text'] },
            { id: `m-${key}`, display_name: key },
            { id: `${key} `.repeat(12) },
            { id: 'GPT-5.5', display_name: key },
          ],
        });
      }
      if (route.endsWith('/usage'))
        return { status: 302, headers: { location: `https://elsewhere.example/login?key=${key}` }, body: '' };
      return json(200, {
        id: key,
        model: key,
        choices: [{ message: { content: `trae ok ${key}` }, finish_reason: key }],
      });
    };
  }

  function everythingShown(report: CheckReport): string {
    return [
      JSON.stringify(report),
      formatReport(report, (m) => renderMsg(m)),
      formatReport(report, (m) => renderMsg(m, zh)),
      ...report.diagnoses.flatMap((d) => [
        renderMsg(d.cause),
        renderMsg(d.fix),
        renderMsg(d.cause, zh),
        renderMsg(d.fix, zh),
        d.detail,
      ]),
    ].join('\n');
  }

  for (const [name, encode] of Object.entries(ENCODINGS)) {
    it(`echoed as ${name}: no secret half in the result or in any rendered diagnosis`, async () => {
      for (const failing of [false, true]) {
        const report = await checkConnection(
          { baseUrl: 'http://localhost:4000/v1', fullUrl: false, model: 'gpt-5.5', key: KEY, mode: 'full' },
          { client: clientFor(2000, echoing(encode, failing)) },
        );
        assert.ok(report.diagnoses.length > 0, 'the echoes were diagnosed');
        // Encoded character by character, the key is longer than any model id (then refused as one).
        if (!failing && encode(KEY).length < 250) {
          assert.ok(report.facts.answer?.startsWith('trae ok'), 'the answer was read');
          assert.ok(
            report.facts.models?.some((m) => m.id.startsWith('m-sk-cxp-0123')),
            'the echoing model id is kept, masked',
          );
        }
        if (!failing)
          assert.ok(
            report.facts.modelsSkipped?.some((s) => s.reason === 'id-too-long'),
            'a skipped id is shown in the log, clipped',
          );
        assertNoSecret(everythingShown(report), `${name}, ${failing ? 'failing' : 'answering'}`);
      }
    });
  }
});
