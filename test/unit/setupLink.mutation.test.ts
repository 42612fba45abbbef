// Setup links, answer by answer: each refusal compared whole (its code, the arguments its sentence names, its
// fix), the limits at their edge, how a link's text is split and decoded, and the wiki snippet as a whole. The
// other setup-link tests check what a link yields and that nothing key-shaped is echoed; these pin every detail
// a user reads, so that a changed detail fails here (docs/mutation.md).
import * as assert from 'node:assert/strict';
import { msg, renderMsg, type Msg } from '../../src/core/text/messages';
import { analyzeEndpoint } from '../../src/core/url/endpoint';
import {
  buildSetupLink,
  inviteLinks,
  inviteMarkdown,
  LINK_LIMITS,
  linkParts,
  parseSetupLink,
  type LinkParts,
  type LinkResult,
} from '../../src/core/trae/setupLink';

const ID = 'codex-pooler-community.codex-pooler-trae';
const POOL = 'https://pool.example.com/v1';
const KEY = `sk-cxp-0123456789ab-${'A1b2C3d4E5'.repeat(4)}xyz`;
const MCP = `mcp-cxp-0123456789ab-${'Z9y8X7w6V5'.repeat(4)}uvw`;
const setup = (query: string): LinkParts => ({ path: '/setup', query });
const refusal = (code: string, cause: Msg): LinkResult =>
  ({ ok: false, code, cause, fix: msg('link.fix') }) as LinkResult;
const secret = (kind: 'pool-key' | 'mcp-token' | 'bearer', name: Msg): LinkResult => ({
  ok: false,
  code: 'secret',
  cause: msg('link.secret.cause', { kind: name }),
  fix: msg('link.secret.fix'),
  secret: kind,
});

/**
 * A query of exactly `length` characters that is a good link: a pool URL whose path is %-escaped (three characters
 * of the query each, one of the URL), then models filling the rest.
 */
function queryOf(length: number): string {
  let query = `url=https://pool.example.com/${'%61'.repeat(2000)}/v1`;
  for (let i = 0; query.length < length; i++) {
    const room = length - query.length - '&model='.length;
    const id = room > LINK_LIMITS.model + 8 ? `m${i}-${'x'.repeat(LINK_LIMITS.model - 4)}` : `z${'x'.repeat(room - 1)}`;
    query += `&model=${id}`;
  }
  return query;
}

describe('setup links, answer by answer', () => {
  it('a path or query that is not text is unreadable, said as such', () => {
    const bad = refusal('badEncoding', msg('link.badEncoding.cause', { name: '?' }));
    assert.deepEqual(parseSetupLink({ path: 42, query: '' } as unknown as LinkParts), bad);
    assert.deepEqual(parseSetupLink({ path: '/setup', query: null } as unknown as LinkParts), bad);
  });

  it('the whole query may be as long as the limit, not one character more', () => {
    const longest = queryOf(LINK_LIMITS.query);
    assert.equal(longest.length, LINK_LIMITS.query);
    assert.equal(parseSetupLink(setup(longest)).ok, true);
    const over = `${longest}x`;
    assert.deepEqual(
      parseSetupLink(setup(over)),
      refusal(
        'tooLong',
        msg('link.tooLong.cause', { what: msg('link.part.link'), length: over.length, max: LINK_LIMITS.query }),
      ),
    );
  });

  it('the path is /setup, with or without its slash; another is named', () => {
    assert.equal(parseSetupLink({ path: '/setup/', query: `url=${POOL}` }).ok, true);
    assert.deepEqual(
      parseSetupLink({ path: '/install', query: `url=${POOL}` }),
      refusal('path', msg('link.path.cause', { path: '/install' })),
    );
  });

  it('an empty query, and a name with no "=", have no pool URL', () => {
    const missing = refusal('missingUrl', msg('link.missingUrl.cause', {}));
    assert.deepEqual(parseSetupLink(setup('')), missing);
    assert.deepEqual(parseSetupLink(setup('url')), missing);
    assert.deepEqual(parseSetupLink(setup('url=%20%20')), missing);
  });

  it('a pair that starts with "=" has an empty name; its value is still read', () => {
    assert.deepEqual(
      parseSetupLink(setup('=x')),
      refusal('unknownParam', msg('link.unknownParam.cause', { name: '' })),
    );
    assert.deepEqual(
      parseSetupLink(setup('=%0A')),
      refusal('controlChars', msg('link.controlChars.cause', { name: '' })),
    );
  });

  it('each refusal names the part it is about', () => {
    const cases: Array<[string, LinkResult]> = [
      ['%ZZ=1', refusal('badEncoding', msg('link.badEncoding.cause', { name: '%ZZ' }))],
      [`url=${POOL}&model=%ZZ`, refusal('badEncoding', msg('link.badEncoding.cause', { name: 'model' }))],
      [`url=${POOL}&model=a%0Ab`, refusal('controlChars', msg('link.controlChars.cause', { name: 'model' }))],
      [`url=${POOL}&model=a\u2028b`, refusal('controlChars', msg('link.controlChars.cause', { name: 'model' }))],
      [`url=${POOL}&redirect=x`, refusal('unknownParam', msg('link.unknownParam.cause', { name: 'redirect' }))],
      [`url=${POOL}&url=${POOL}`, refusal('repeatedParam', msg('link.repeatedParam.cause', { name: 'url' }))],
      [`url=${POOL}&fullUrl=yes`, refusal('badFullUrl', msg('link.badFullUrl.cause', { value: 'yes' }))],
    ];
    for (const [query, answer] of cases) assert.deepEqual(parseSetupLink(setup(query)), answer, query);
  });

  it('the pool URL may be as long as the URL rules allow, not one character more', () => {
    const longest = `https://pool.example.com/${'a'.repeat(LINK_LIMITS.url - 'https://pool.example.com//v1'.length)}/v1`;
    assert.equal(longest.length, LINK_LIMITS.url);
    const ok = parseSetupLink(setup(`url=${longest}`));
    assert.ok(ok.ok && ok.draft.url === longest);
    const over = longest.replace('/v1', 'a/v1');
    assert.deepEqual(
      parseSetupLink(setup(`url=${over}`)),
      refusal('tooLong', msg('link.tooLong.cause', { what: 'url', length: over.length, max: LINK_LIMITS.url })),
    );
  });

  it('a model id over its limit is named with its length', () => {
    const id = 'm'.repeat(LINK_LIMITS.model + 1);
    assert.deepEqual(
      parseSetupLink(setup(`url=${POOL}&model=${id}`)),
      refusal('tooLong', msg('link.tooLong.cause', { what: 'model', length: id.length, max: LINK_LIMITS.model })),
    );
  });

  it('a URL the rules accept with a note (spaces, quotes) is taken as they read it', () => {
    for (const url of [`%20${POOL}%20`, `%22${POOL}%22`]) {
      const r = parseSetupLink(setup(`url=${url}&model=gpt-5.5`));
      assert.deepEqual(r, {
        ok: true,
        draft: { url: POOL, fullUrl: false, modelId: 'gpt-5.5' },
        host: 'pool.example.com',
        origin: 'https://pool.example.com',
      });
    }
  });

  it('a refused URL says the rules’ own first error and its fix', () => {
    for (const [url, fullUrl] of [
      ['ftp://pool.example.com/v1', false],
      ['https://pool.example.com/v1', true],
      // A note (the quotes) comes before the error: the refusal still says the error.
      ['%22ftp://pool.example.com/v1%22', false],
    ] as const) {
      const error = analyzeEndpoint(decodeURIComponent(url), fullUrl).findings.find((f) => f.severity === 'error');
      assert.ok(error, url);
      assert.deepEqual(parseSetupLink(setup(`url=${url}&fullUrl=${fullUrl ? 1 : 0}`)), {
        ok: false,
        code: 'badUrl',
        cause: msg('link.badUrl.cause', { cause: error.cause }),
        fix: error.fix,
      });
    }
  });

  it('each kind of secret is named, wherever it is, however often it is %-encoded', () => {
    const pool = secret('pool-key', msg('link.secretKind.poolKey'));
    const mcp = secret('mcp-token', msg('link.secretKind.mcpToken'));
    const bearer = secret('bearer', msg('link.secretKind.bearer'));
    // Every character %-encoded, once more for each layer: a query-wide look reads two layers, a value three.
    const pct = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    assert.deepEqual(parseSetupLink(setup(`url=${POOL}&model=${KEY}`)), pool);
    assert.deepEqual(parseSetupLink(setup(`url=${POOL}&model=${MCP}`)), mcp);
    assert.deepEqual(parseSetupLink(setup(`url=${POOL}&model=Bearer%20abcdefghijklmnopqrstuvwxyz`)), bearer);
    assert.deepEqual(parseSetupLink(setup(`url=${POOL}&model=${pct(pct(pct(KEY)))}`)), pool);
    assert.deepEqual(parseSetupLink(setup(`url=${POOL}&${pct(pct(pct(MCP)))}=1`)), mcp);
    // In the path, which is never split into values: a key encoded twice is found, never shown as a path.
    assert.deepEqual(parseSetupLink({ path: `/setup/${pct(pct(KEY))}`, query: `url=${POOL}` }), pool);
  });
});

describe('setup links: building and splitting one', () => {
  it('a built link holds the trimmed main model first, and no model when there is none', () => {
    const base = { url: POOL, fullUrl: true };
    assert.equal(
      buildSetupLink('trae', ID, { ...base, modelId: ' gpt-5.5 ', moreModels: ['o3'] }),
      `trae://${ID}/setup?url=https%3A%2F%2Fpool.example.com%2Fv1&model=gpt-5.5&model=o3&fullUrl=1`,
    );
    assert.equal(
      buildSetupLink('trae', ID, { ...base, modelId: '', moreModels: ['o3'] }),
      `trae://${ID}/setup?url=https%3A%2F%2Fpool.example.com%2Fv1&fullUrl=1`,
    );
  });

  it('splits a link into scheme, authority, path and query, each decoded once', () => {
    assert.deepEqual(linkParts(`trae://${ID}/setup`), { scheme: 'trae', authority: ID, path: '/setup', query: '' });
    assert.deepEqual(linkParts('trae://x/setup?url=%41%C3%A9%2541'), {
      scheme: 'trae',
      authority: 'x',
      path: '/setup',
      query: 'url=Aé%41',
    });
    // A run that is not UTF-8 stays as it is; so does a lone "%".
    assert.deepEqual(linkParts('trae://x/setup?a=%E2%80&b=%&c=%4'), {
      scheme: 'trae',
      authority: 'x',
      path: '/setup',
      query: 'a=%E2%80&b=%&c=%4',
    });
  });

  it('text that does not start with a scheme is not a link', () => {
    const none = { scheme: '', authority: '', path: '', query: '' };
    assert.deepEqual(linkParts(`1trae://${ID}/setup?url=${POOL}`), none);
    assert.deepEqual(linkParts(`see trae://${ID}/setup?url=${POOL}`), none);
  });
});

describe('setup links: the wiki snippet', () => {
  const render = (m: Msg) => renderMsg(m);
  const draft = { url: 'https://pool.example.com/a(b)/v1', fullUrl: false, modelId: ' gpt`5 ' };
  const snippet = (scheme: string, d: typeof draft & { moreModels?: string[] } = draft) =>
    inviteMarkdown(inviteLinks(scheme, ID, d), d, render);
  const target = (link: string) => link.replace(/\(/g, '%28').replace(/\)/g, '%29');

  it('reads whole: title, three steps, the values, the restart note', () => {
    const links = inviteLinks('trae', ID, draft);
    const forms = `[Trae](${target(links.trae)}) · [Trae CN](${target(links.traeCn)})`;
    const expected = [
      `**${render(msg('link.markdown.title'))}**`,
      '',
      `1. ${render(msg('link.markdown.install'))}`,
      `2. ${render(msg('link.markdown.open', { links: forms }))}`,
      `3. ${render(msg('link.markdown.key'))}`,
      '',
      render(msg('link.markdown.values', { url: '`https://pool.example.com/a(b)/v1`', model: "`gpt'5`" })),
      '',
      `_${render(msg('link.markdown.restart'))}_`,
      '',
    ].join('\n');
    assert.equal(snippet('trae'), expected);
    assert.match(expected, /^\*\*Codex Pooler for Trae/);
    assert.match(expected, /a%28b%29/);
  });

  it("names this editor's link unless it is Trae or Trae CN", () => {
    const formsOf = (scheme: string) =>
      /Open this link: (.*)/
        .exec(snippet(scheme))?.[1]
        ?.split(' · ')
        .map((f) => f.slice(0, f.indexOf(']') + 1));
    assert.deepEqual(formsOf('trae'), ['[Trae]', '[Trae CN]']);
    assert.deepEqual(formsOf('trae-cn'), ['[Trae]', '[Trae CN]']);
    assert.deepEqual(formsOf('vscode'), ['[Trae]', '[Trae CN]', '[VS Code]']);
    assert.deepEqual(formsOf('code-oss'), ['[Trae]', '[Trae CN]', '[code-oss]']);
  });

  it('with no model says so; further models only with a main one', () => {
    const none = snippet('trae', { ...draft, modelId: '  ', moreModels: ['o3'] });
    assert.ok(
      none.includes(render(msg('link.markdown.values', { url: '`https://pool.example.com/a(b)/v1`', model: '—' }))),
    );
    const many = snippet('trae', { ...draft, modelId: 'gpt-5.5', moreModels: ['o3'] });
    assert.ok(
      many.includes(
        render(
          msg('link.markdown.valuesMany', { url: '`https://pool.example.com/a(b)/v1`', models: '`gpt-5.5`, `o3`' }),
        ),
      ),
    );
  });
});
