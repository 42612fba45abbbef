import * as assert from 'node:assert/strict';
import { msg } from '../../src/core/text/messages';
import { analyzeEndpoint, isLoopbackHost, suggestCorrection, type EndpointCode } from '../../src/core/url/endpoint';

function codes(input: unknown, fullUrl = false): EndpointCode[] {
  return analyzeEndpoint(input, fullUrl).findings.map((f) => f.code);
}

function firstCorrection(input: string, fullUrl = false) {
  const finding = analyzeEndpoint(input, fullUrl).findings.find(
    (f) => f.severity !== 'info' && f.corrections.length > 0,
  );
  return finding?.corrections[0];
}

describe('endpoint rules (Custom Request URL + Full URL)', () => {
  describe('valid values', () => {
    it('accepts the local default and derives what Trae calls', () => {
      const a = analyzeEndpoint('http://localhost:4000/v1', false);
      assert.equal(a.ok, true);
      assert.deepEqual(a.findings, []);
      assert.equal(a.endpoint?.apiBase, 'http://localhost:4000/v1');
      assert.equal(a.endpoint?.traeUrl, 'http://localhost:4000/v1');
      assert.equal(a.endpoint?.traeCallUrl, 'http://localhost:4000/v1/chat/completions');
      assert.equal(a.endpoint?.modelsUrl, 'http://localhost:4000/v1/models');
      assert.equal(a.endpoint?.usageUrl, 'http://localhost:4000/v1/usage');
      assert.equal(a.endpoint?.origin, 'http://localhost:4000');
      assert.equal(a.endpoint?.loopback, true);
    });

    it('accepts an https pool with Full URL off', () => {
      const a = analyzeEndpoint('https://codex-pooler.example.com/v1', false);
      assert.equal(a.ok, true);
      assert.equal(a.endpoint?.host, 'codex-pooler.example.com');
      assert.equal(a.endpoint?.loopback, false);
      assert.equal(a.endpoint?.traeCallUrl, 'https://codex-pooler.example.com/v1/chat/completions');
    });

    it('accepts /v1/chat/completions with Full URL on; Trae calls it as entered', () => {
      const a = analyzeEndpoint('https://pool.example.com/v1/chat/completions', true);
      assert.equal(a.ok, true);
      assert.equal(a.endpoint?.apiBase, 'https://pool.example.com/v1');
      assert.equal(a.endpoint?.traeUrl, 'https://pool.example.com/v1/chat/completions');
      assert.equal(a.endpoint?.traeCallUrl, 'https://pool.example.com/v1/chat/completions');
      assert.equal(a.endpoint?.modelsUrl, 'https://pool.example.com/v1/models');
    });

    it('keeps a reverse-proxy path prefix before /v1', () => {
      const a = analyzeEndpoint('https://gw.example.com/codex/v1', false);
      assert.equal(a.ok, true);
      assert.equal(a.endpoint?.apiBase, 'https://gw.example.com/codex/v1');
    });

    it('allows http for localhost, 127.0.0.1 and ::1, and https for any loopback name', () => {
      for (const url of [
        'http://127.0.0.1:4000/v1',
        'http://[::1]:4000/v1',
        'https://pool.localhost/v1',
        'https://127.0.0.2:9/v1',
      ]) {
        assert.equal(analyzeEndpoint(url, false).ok, true, url);
      }
      assert.equal(isLoopbackHost('LOCALHOST'), true);
      assert.equal(isLoopbackHost('example.com'), false);
      assert.equal(isLoopbackHost('127.example.com'), false);
    });

    it('normalizes the scheme and host case but drops the default port', () => {
      const a = analyzeEndpoint('HTTPS://Pool.Example.COM:443/v1', false);
      assert.equal(a.ok, true);
      assert.equal(a.endpoint?.origin, 'https://pool.example.com');
    });
  });

  describe('input hygiene', () => {
    it('non-text input is a finding, not an exception', () => {
      for (const v of [undefined, null, 42, {}, ['http://localhost:4000/v1'], true]) {
        assert.deepEqual(codes(v), ['not-text']);
      }
    });

    it('empty and whitespace-only input', () => {
      assert.deepEqual(codes(''), ['empty']);
      assert.deepEqual(codes('   \n\t'), ['empty']);
      assert.deepEqual(codes('""'), ['empty']);
      assert.match(analyzeEndpoint('', false).findings[0]!.fix.args!['url'] as string, /localhost:4000\/v1/);
    });

    it('overlong input', () => {
      assert.deepEqual(codes('https://x.example.com/' + 'a'.repeat(3000)), ['too-long']);
    });

    it('surrounding whitespace is ignored with an info finding', () => {
      const a = analyzeEndpoint('  https://pool.example.com/v1\n', false);
      assert.equal(a.ok, true);
      assert.deepEqual(
        a.findings.map((f) => [f.code, f.severity]),
        [['surrounding-whitespace', 'info']],
      );
      assert.equal(a.endpoint?.traeUrl, 'https://pool.example.com/v1');
    });

    it('invisible characters pasted along count as whitespace', () => {
      const a = analyzeEndpoint('\u200bhttps://pool.example.com/v1\ufeff', false);
      assert.equal(a.ok, true);
      assert.equal(a.endpoint?.apiBase, 'https://pool.example.com/v1');
    });

    it('quotes around are a warning with the unquoted value as correction', () => {
      for (const q of [
        '"https://pool.example.com/v1"',
        "'https://pool.example.com/v1'",
        '`https://pool.example.com/v1`',
        '“https://pool.example.com/v1”',
        '<https://pool.example.com/v1>',
      ]) {
        const a = analyzeEndpoint(q, false);
        assert.equal(a.ok, true, q);
        assert.equal(a.findings[0]?.code, 'quoted', q);
        assert.equal(a.findings[0]?.corrections[0]?.url, 'https://pool.example.com/v1');
      }
    });

    it('inner whitespace is an error; removing it is offered only when that yields a valid URL', () => {
      assert.deepEqual(codes('https://pool. example.com/v1'), ['inner-whitespace']);
      assert.equal(firstCorrection('https://pool. example.com/v1')?.url, 'https://pool.example.com/v1');
      assert.equal(firstCorrection('not a url at all'), undefined);
    });
  });

  describe('punctuation pasted along with the URL', () => {
    const L = 'http://localhost:4000/v1';
    it('a trailing , . ; : ) ] } or full-width ，。；：） is an error whose correction removes it', () => {
      for (const tail of [
        ',',
        '.',
        ';',
        ':',
        ')',
        ']',
        '}',
        '\uff0c',
        '\u3002',
        '\uff1b',
        '\uff1a',
        '\uff09',
        ').',
        ' ,',
      ]) {
        const a = analyzeEndpoint(L + tail, false);
        assert.equal(a.ok, false, tail);
        assert.deepEqual(
          a.findings.map((f) => f.code),
          ['trailing-punctuation'],
          tail,
        );
        assert.deepEqual(firstCorrection(L + tail), {
          url: L,
          fullUrl: false,
          label: msg('endpoint.fix.removePunctuation', { url: L }),
        });
        assert.deepEqual(suggestCorrection(L + tail, false), { url: L, fullUrl: false }, tail);
      }
    });

    it('names the characters it found', () => {
      const f = analyzeEndpoint(`${L}),`, false).findings[0];
      assert.deepEqual(f?.cause, msg('endpoint.trailingPunctuation.cause', { chars: '")" ","' }));
    });

    it('no correction keeps the punctuation (no "Add /v1: …/v1,/v1")', () => {
      for (const input of [`${L},`, 'http://localhost:4000,', 'pool.example.com/v1.', `"${L}",`, `(${L}).`]) {
        for (const f of analyzeEndpoint(input, false).findings)
          for (const c of f.corrections)
            assert.ok(!/[,.;)]$/.test(c.url) && !c.url.includes(',/'), `${input} -> ${c.url}`);
      }
      assert.deepEqual(suggestCorrection('http://localhost:4000,', false), { url: L, fullUrl: false });
      assert.deepEqual(suggestCorrection('pool.example.com/v1.', false), {
        url: 'https://pool.example.com/v1',
        fullUrl: false,
      });
      assert.deepEqual(suggestCorrection(`"${L}",`, false), { url: L, fullUrl: false });
    });

    it('the bracket of an IPv6 host, a dot inside the path and a valid URL are left alone', () => {
      assert.deepEqual(codes('http://[::1]:4000/v1'), []);
      assert.ok(!codes('http://[::1]').includes('trailing-punctuation'));
      assert.deepEqual(codes('https://pool.example.com/a.b/v1'), []);
    });

    it('punctuation after an IPv6 host is found; a value that is only punctuation is not a URL, not emptied', () => {
      const ipv6 = analyzeEndpoint('http://[::1]:4000/v1,', false).findings;
      assert.deepEqual(
        ipv6.map((f) => [f.code, f.corrections.map((c) => c.url)]),
        [['trailing-punctuation', ['http://[::1]:4000/v1']]],
      );
      assert.deepEqual(codes(',;'), ['not-a-url']);
    });
  });

  describe('scheme and host', () => {
    it('missing scheme: https for remote hosts, http for localhost', () => {
      assert.deepEqual(codes('pool.example.com/v1'), ['missing-scheme']);
      assert.equal(firstCorrection('pool.example.com/v1')?.url, 'https://pool.example.com/v1');
      assert.deepEqual(codes('localhost:4000/v1'), ['missing-scheme']);
      assert.equal(firstCorrection('localhost:4000/v1')?.url, 'http://localhost:4000/v1');
      assert.equal(firstCorrection('//pool.example.com/v1')?.url, 'https://pool.example.com/v1');
    });

    it('a single-word host without a scheme gets no guessed correction', () => {
      assert.deepEqual(codes('mypool'), ['missing-scheme']);
      assert.equal(firstCorrection('mypool'), undefined);
    });

    it('malformed scheme separators', () => {
      assert.deepEqual(codes('https:/pool.example.com/v1'), ['malformed-scheme']);
      assert.equal(firstCorrection('https:/pool.example.com/v1')?.url, 'https://pool.example.com/v1');
      assert.deepEqual(codes('http:localhost:4000/v1'), ['malformed-scheme']);
    });

    it('a scheme typed twice, or in front of a full URL', () => {
      assert.deepEqual(codes('https://https://pool.example.com/v1'), ['doubled-scheme']);
      assert.equal(firstCorrection('https://https://pool.example.com/v1')?.url, 'https://pool.example.com/v1');
      assert.deepEqual(codes('https://http://user:pw@/v1/'), ['doubled-scheme']);
      assert.equal(firstCorrection('https://http://user:pw@/v1/'), undefined);
    });

    it('schemes other than http/https', () => {
      for (const url of [
        'ftp://pool.example.com/v1',
        'ws://localhost:4000/v1',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'mailto:a@b.c',
      ]) {
        assert.deepEqual(codes(url), ['bad-scheme'], url);
      }
    });

    it('not a URL at all', () => {
      assert.deepEqual(codes('https://'), ['malformed-scheme']);
      assert.deepEqual(codes('http://exa mple'), ['inner-whitespace']);
      assert.deepEqual(codes('https://[::1/v1'), ['not-a-url']);
      assert.deepEqual(codes('https://host:99999/v1'), ['not-a-url']);
    });

    it('http to a remote host is an error; https is the correction when no port is given', () => {
      assert.deepEqual(codes('http://pool.example.com/v1'), ['insecure-http']);
      assert.equal(firstCorrection('http://pool.example.com/v1')?.url, 'https://pool.example.com/v1');
      assert.deepEqual(codes('http://10.0.0.5:4000/v1'), ['insecure-http']);
      assert.equal(firstCorrection('http://10.0.0.5:4000/v1'), undefined);
    });

    it('0.0.0.0 is a listening address; localhost is the correction', () => {
      assert.deepEqual(codes('http://0.0.0.0:4000/v1'), ['unspecified-host']);
      assert.equal(firstCorrection('http://0.0.0.0:4000/v1')?.url, 'http://localhost:4000/v1');
    });

    it('credentials in the URL', () => {
      assert.deepEqual(codes('https://user:secret@pool.example.com/v1'), ['credentials']);
      assert.equal(firstCorrection('https://user:secret@pool.example.com/v1')?.url, 'https://pool.example.com/v1');
    });

    it('characters a pool path never has: "@", ":", quotes, brackets, a stray "%"', () => {
      // Found by the property test: "@" after the host reads as a path here, as a sign-in elsewhere.
      for (const url of [
        'http://localhost/V1user:pw@/v1/',
        'https://pool.example.com/x@evil.example/v1',
        'https://pool.example.com/a:b/v1',
        "https://pool.example.com/it's/v1",
        'https://pool.example.com/{prefix}/v1',
        'https://pool.example.com/%zz/v1',
        'https://pool.example.com/a|b/v1',
      ]) {
        const a = analyzeEndpoint(url, false);
        assert.equal(a.ok, false, url);
        assert.deepEqual(codes(url), ['path-characters'], url);
        assert.deepEqual(a.findings[0]!.corrections, [], `${url}: no certain correction`);
        assert.equal(suggestCorrection(url, false), undefined, url);
      }
      const a = analyzeEndpoint('https://pool.example.com/a@b:c@/v1', false);
      assert.equal(a.findings[0]!.cause.args?.['chars'], '"@" ":"', 'each character once, in order');
    });

    it('backslashes are slashes typed the Windows way: a certain correction', () => {
      assert.deepEqual(codes('http://localhost:4000\\v1'), ['path-characters']);
      assert.equal(firstCorrection('http://localhost:4000\\v1')?.url, 'http://localhost:4000/v1');
      assert.equal(firstCorrection('https://pool.example.com/codex\\v1')?.url, 'https://pool.example.com/codex/v1');
      assert.deepEqual(suggestCorrection('https://pool.example.com\\v1\\', false), {
        url: 'https://pool.example.com/v1',
        fullUrl: false,
      });
      assert.equal(
        firstCorrection('https://pool.example.com/x\\@y/v1'),
        undefined,
        'not certain when something else is off too',
      );
    });

    it('a path prefix of letters, digits, "-._~", sub-delimiters and %XX escapes is fine', () => {
      for (const url of [
        'https://gw.example.com/codex-pool_2/v1',
        'https://gw.example.com/~team/v1',
        'https://gw.example.com/a%20b/v1',
        'https://gw.example.com/池/v1',
        'https://gw.example.com/a+b/v1',
      ]) {
        assert.equal(analyzeEndpoint(url, false).ok, true, url);
      }
    });

    it('query or fragment', () => {
      assert.deepEqual(codes('https://pool.example.com/v1?key=abc'), ['query-or-fragment']);
      assert.deepEqual(codes('https://pool.example.com/v1#top'), ['query-or-fragment']);
      assert.deepEqual(codes('https://pool.example.com/v1?'), ['query-or-fragment']);
      assert.equal(firstCorrection('https://pool.example.com/v1?x=1#y')?.url, 'https://pool.example.com/v1');
    });
  });

  describe('path', () => {
    it('trailing slash(es) are a warning with a correction; Trae would call "//"', () => {
      const a = analyzeEndpoint('https://pool.example.com/v1/', false);
      assert.equal(a.ok, true);
      assert.deepEqual(
        a.findings.map((f) => [f.code, f.severity]),
        [['trailing-slash', 'warning']],
      );
      assert.equal(a.findings[0]!.corrections[0]!.url, 'https://pool.example.com/v1');
      assert.equal(a.endpoint?.traeCallUrl, 'https://pool.example.com/v1//chat/completions');
      assert.equal(a.endpoint?.traeUrl, 'https://pool.example.com/v1');
      assert.equal(firstCorrection('https://pool.example.com/v1///')?.url, 'https://pool.example.com/v1');
    });

    it('double slashes inside the path', () => {
      assert.deepEqual(codes('https://pool.example.com//v1'), ['empty-segment']);
      assert.equal(firstCorrection('https://pool.example.com//v1')?.url, 'https://pool.example.com/v1');
    });

    it('missing /v1', () => {
      assert.deepEqual(codes('https://pool.example.com'), ['missing-v1']);
      assert.deepEqual(codes('https://pool.example.com/'), ['missing-v1']);
      assert.equal(firstCorrection('https://pool.example.com')?.url, 'https://pool.example.com/v1');
      assert.equal(firstCorrection('https://gw.example.com/codex')?.url, 'https://gw.example.com/codex/v1');
      assert.equal(
        firstCorrection('https://pool.example.com/chat/completions', true)?.url,
        'https://pool.example.com/v1/chat/completions',
      );
      assert.equal(
        analyzeEndpoint('https://pool.example.com/', false).findings[0]!.cause.id,
        'endpoint.missingV1Root.cause',
      );
    });

    it('/v1/v1', () => {
      assert.deepEqual(codes('https://pool.example.com/v1/v1'), ['double-v1']);
      assert.equal(firstCorrection('https://pool.example.com/v1/v1')?.url, 'https://pool.example.com/v1');
    });

    it('upper-case /V1', () => {
      assert.deepEqual(codes('https://pool.example.com/V1'), ['path-case']);
      assert.equal(firstCorrection('https://pool.example.com/V1')?.url, 'https://pool.example.com/v1');
    });

    it('Full URL off but the URL ends in /chat/completions: remove it, or turn Full URL on', () => {
      const a = analyzeEndpoint('https://pool.example.com/v1/chat/completions', false);
      assert.deepEqual(
        a.findings.map((f) => f.code),
        ['full-url-off-chat-path'],
      );
      assert.deepEqual(
        a.findings[0]!.corrections.map((c) => [c.url, c.fullUrl]),
        [
          ['https://pool.example.com/v1', false],
          ['https://pool.example.com/v1/chat/completions', true],
        ],
      );
    });

    it('Full URL on but the URL is the /v1 base: add /chat/completions, or turn Full URL off', () => {
      const a = analyzeEndpoint('https://pool.example.com/v1', true);
      assert.deepEqual(
        a.findings.map((f) => f.code),
        ['full-url-on-base-path'],
      );
      assert.deepEqual(
        a.findings[0]!.corrections.map((c) => [c.url, c.fullUrl]),
        [
          ['https://pool.example.com/v1/chat/completions', true],
          ['https://pool.example.com/v1', false],
        ],
      );
    });

    it('Full URL on with another path after /v1', () => {
      assert.deepEqual(codes('https://pool.example.com/v1/chat', true), ['unexpected-path']);
      assert.equal(
        firstCorrection('https://pool.example.com/v1/chat', true)?.url,
        'https://pool.example.com/v1/chat/completions',
      );
    });

    it('surfaces that must never be used', () => {
      const cases: Array<[string, EndpointCode, string]> = [
        ['https://pool.example.com/admin', 'admin-ui', 'https://pool.example.com/v1'],
        ['https://pool.example.com/admin/pools/3', 'admin-ui', 'https://pool.example.com/v1'],
        ['https://pool.example.com/login', 'admin-ui', 'https://pool.example.com/v1'],
        ['https://pool.example.com/observatory', 'admin-ui', 'https://pool.example.com/v1'],
        ['https://pool.example.com/mcp', 'mcp-surface', 'https://pool.example.com/v1'],
        ['https://pool.example.com/backend-api/codex', 'codex-cli-surface', 'https://pool.example.com/v1'],
        ['https://pool.example.com/backend-api/codex/responses', 'codex-cli-surface', 'https://pool.example.com/v1'],
        ['https://pool.example.com/v1/responses', 'responses-surface', 'https://pool.example.com/v1'],
        ['https://pool.example.com/v1/responses/compact', 'responses-surface', 'https://pool.example.com/v1'],
        ['https://pool.example.com/v1/realtime', 'realtime-surface', 'https://pool.example.com/v1'],
        ['https://pool.example.com/v1/models', 'models-path', 'https://pool.example.com/v1'],
        ['https://pool.example.com/v1/embeddings', 'unexpected-path', 'https://pool.example.com/v1'],
      ];
      for (const [url, code, fix] of cases) {
        assert.deepEqual(codes(url), [code], url);
        assert.equal(firstCorrection(url)?.url, fix, url);
      }
    });

    it('a surface with Full URL on corrects to the full chat URL', () => {
      assert.equal(
        firstCorrection('https://pool.example.com/v1/responses', true)?.url,
        'https://pool.example.com/v1/chat/completions',
      );
    });
  });

  describe('several problems at once', () => {
    it('reports each problem and fixes them all in one go', () => {
      const input = ' "http://user:pw@pool.example.com/v1/chat/completions/?x=1" ';
      const found = codes(input);
      assert.ok(found.includes('credentials'));
      assert.ok(found.includes('query-or-fragment'));
      assert.ok(found.includes('insecure-http'));
      assert.deepEqual(suggestCorrection(input, false), { url: 'https://pool.example.com/v1', fullUrl: false });
    });

    it('suggestCorrection returns undefined for valid or hopeless input', () => {
      assert.equal(suggestCorrection('https://pool.example.com/v1', false), undefined);
      assert.equal(suggestCorrection('mypool', false), undefined);
      assert.equal(suggestCorrection(42, false), undefined);
    });

    it('every correction it offers is itself free of errors after at most the remaining fixes', () => {
      const samples = [
        'pool.example.com',
        'http://pool.example.com/',
        'https://pool.example.com/v1/v1/',
        'https://pool.example.com/mcp?x',
        'localhost:4000',
        'https://pool.example.com/V1/chat/completions',
      ];
      for (const s of samples) {
        const fixed = suggestCorrection(s, false);
        assert.ok(fixed, s);
        assert.equal(analyzeEndpoint(fixed.url, fixed.fullUrl).ok, true, `${s} -> ${fixed.url}`);
      }
    });
  });

  it('every finding names a cause and a fix', () => {
    const inputs = [
      '',
      'x',
      'ftp://a',
      'http://a.example.com',
      'https://a.example.com/v1/',
      'https://a.example.com/mcp',
      'https://u:p@a.example.com/v1?q',
      '"https://a.example.com/v1"',
    ];
    for (const input of inputs) {
      for (const f of analyzeEndpoint(input, false).findings) {
        assert.ok(f.cause.id.endsWith('.cause'), `${input}: ${f.cause.id}`);
        assert.ok(f.fix.id.endsWith('.fix'), `${input}: ${f.fix.id}`);
      }
    }
  });
});
