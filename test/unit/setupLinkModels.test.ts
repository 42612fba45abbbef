// The setup link with several models (issue 24, point 7): `model=` repeats, the main model first; today's
// one-model links read exactly as before; at most 20 models, each under the id cap, each once whatever its
// case; a key in any of them refuses the link. Opening one sets the draft's main and further models, says
// which models it adds to or removes from the saved ones, and leaves the origin policy as it was. The links
// "Invite a teammate" and Copy Setup Link build carry every saved model.
import * as assert from 'node:assert/strict';
import catalog from '../../src/core/text/catalog.json';
import { renderMsg } from '../../src/core/text/messages';
import { inviteFor, inviteText, INVITE_TARGETS } from '../../src/core/trae/invite';
import { buildSetupLink, LINK_LIMITS, linkParts, parseSetupLink, type LinkResult } from '../../src/core/trae/setupLink';
import { MAX_MODELS } from '../../src/core/trae/modelSet';
import type { AppContext } from '../../src/webview/stepContract';
import { linkBanner } from '../../src/webview/steps/linkBanner';
import { setStrings } from '../../src/webview/strings';
import { modelsPart } from '../../src/wizard/link/linkView';
import { WizardViewSchema } from '../../src/wizard/protocol/protocolViews';
import type { WizardState } from '../../src/wizard/state/state';
import { guideFor } from '../../src/wizard/view/guideView';
import { buildView } from '../../src/wizard/view/view';
import { flush } from './fakes/async';
import { installPage, type FakeElement } from './fakes/dom';
import { makeMcpToken } from '../emulator/server';
import { KEY, POOL_A } from './wizardFixtures';
import { LINK_SOURCE, setup, viewContext } from './wizardHarness';

const ID = 'codex-pooler-community.codex-pooler-trae';
const STRANGER = 'https://stranger.example.net/v1';
const parse = (link: string) => parseSetupLink(linkParts(link));
const said = (r: LinkResult) => (r.ok ? '' : `${renderMsg(r.cause)} ${renderMsg(r.fix)}`);
const linkWith = (models: readonly string[], url = 'https://pool.example.com/v1') =>
  `trae://${ID}/setup?url=${encodeURIComponent(url)}${models.map((m) => `&model=${m}`).join('')}&fullUrl=0`;
const refusedAs = (link: string, code: string) => {
  const r = parse(link);
  assert.equal(r.ok ? 'ok' : r.code, code, `${link.slice(0, 120)}: ${said(r)}`);
  return r;
};
const ok = (link: string) => {
  const r = parse(link);
  assert.ok(r.ok, said(r));
  return r;
};

describe('setup links with several models: reading and building', () => {
  it('reads the models in the order given, the main model first, wherever url and fullUrl stand', () => {
    const r = ok(`trae://${ID}/setup?model=gpt-5.6-terra&fullUrl=0&model=gpt-5.4-mini&url=${POOL_A}&model=gpt-5.5`);
    assert.deepEqual(r.draft, {
      url: POOL_A,
      fullUrl: false,
      modelId: 'gpt-5.6-terra',
      moreModels: ['gpt-5.4-mini', 'gpt-5.5'],
    });
  });

  it("today's one-model links read exactly as before (no moreModels at all), and build the same text", () => {
    const old = [
      [`trae://${ID}/setup?url=https%3A%2F%2Fpool.example.com%2Fv1&model=gpt-5.5&fullUrl=0`, 'gpt-5.5'],
      [`vscode://${ID}/setup?url=http://localhost:4000/v1`, ''],
      [`trae://${ID}/setup?url=https://pool.example.com/v1&model=`, ''],
      [`trae://${ID}/setup?url=https://pool.example.com/v1&model=%20GPT-5.5%20`, 'GPT-5.5'],
    ] as const;
    for (const [link, model] of old) {
      const r = ok(link);
      assert.deepEqual(Object.keys(r.draft).sort(), ['fullUrl', 'modelId', 'url'], link);
      assert.equal(r.draft.modelId, model);
    }
    const draft = { url: 'https://pool.example.com/team/v1', fullUrl: false, modelId: 'gpt-5.6-terra' };
    assert.equal(
      buildSetupLink('trae', ID, draft),
      `trae://${ID}/setup?url=https%3A%2F%2Fpool.example.com%2Fteam%2Fv1&model=gpt-5.6-terra&fullUrl=0`,
    );
    assert.equal(buildSetupLink('trae', ID, { ...draft, moreModels: [] }), buildSetupLink('trae', ID, draft));
  });

  it('a link built for a set reads back as the set, in every editor scheme', () => {
    const draft = {
      url: POOL_A,
      fullUrl: true,
      modelId: 'gpt-5.6-terra',
      moreModels: ['gpt-5.4-mini', 'org/model:v2', 'mödel-名字'],
    };
    const chat = { ...draft, url: 'https://pool-a.example.com/v1/chat/completions' };
    for (const scheme of ['trae', 'trae-cn', 'vscode', 'code-oss']) {
      const link = buildSetupLink(scheme, ID, chat);
      assert.equal(link.match(/&model=/g)?.length, 4, link);
      assert.deepEqual(ok(link).draft, chat);
    }
  });

  it('building keeps each model once (case folded) and the main model first', () => {
    const link = buildSetupLink('trae', ID, {
      url: POOL_A,
      fullUrl: false,
      modelId: ' gpt-5.5 ',
      moreModels: ['GPT-5.5', 'gpt-5.4-mini', ' ', 'GPT-5.4-MINI'],
    });
    assert.deepEqual(ok(link).draft, { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.4-mini'] });
  });

  it(`takes ${MAX_MODELS} models, even ${LINK_LIMITS.model} characters each with the longest URL; refuses a 21st with a sentence`, () => {
    const twenty = Array.from({ length: MAX_MODELS }, (_, i) => `m${i}-`.padEnd(LINK_LIMITS.model, 'x'));
    const longUrl = `https://pool.example.com/${'p'.repeat(LINK_LIMITS.url - 40)}/v1`;
    const r = ok(linkWith(twenty, longUrl));
    assert.deepEqual([r.draft.modelId, ...(r.draft.moreModels ?? [])], twenty);
    const refused = refusedAs(linkWith([...twenty, 'one-more']), 'tooManyModels');
    assert.equal(
      said(refused),
      'This setup link names more than 20 models; one setup gives Trae at most 20. ' +
        'Ask whoever sent it for a new link: "Codex Pooler: Copy Setup Link" makes one from a working setup.',
    );
    // Short ids too: the count is the limit, not the length.
    refusedAs(linkWith(Array.from({ length: 21 }, (_, i) => `m${i}`)), 'tooManyModels');
  });

  it('refuses a model named twice, also when the two differ only in case or spaces, and says which', () => {
    for (const models of [
      ['gpt-5.5', 'gpt-5.5'],
      ['gpt-5.5', 'gpt-5.4-mini', 'GPT-5.5'],
      ['Gpt-5.5', 'gpt-5.4-mini', '%20gpt-5.5'],
      ['a', 'b', 'c', 'B'],
    ]) {
      const r = refusedAs(linkWith(models), 'repeatedModel');
      assert.match(
        said(r),
        /names the model "[^"]+" more than once \(model ids that differ only in case are one model\)/,
      );
    }
    const r = refusedAs(linkWith(['gpt-5.5', 'GPT-5.5']), 'repeatedModel');
    assert.ok(said(r).startsWith('This setup link names the model "GPT-5.5" more than once'), said(r));
  });

  it('every model is held to the rules one model had: length, spaces, control and direction characters', () => {
    refusedAs(linkWith(['gpt-5.5', 'x'.repeat(LINK_LIMITS.model + 1)]), 'tooLong');
    refusedAs(linkWith(['gpt-5.5', 'gpt-5.4-mini', 'gpt%205']), 'badModel');
    refusedAs(linkWith(['gpt-5.5', 'gpt%E2%80%AE5.4']), 'controlChars');
    refusedAs(linkWith(['gpt-5.5', 'gpt%0A5.4']), 'controlChars');
    refusedAs(linkWith(['gpt-5.5', 'gpt%ZZ']), 'badEncoding');
    // An empty one among several is a mistake (alone, it is today's "pick one at step 3").
    refusedAs(linkWith(['gpt-5.5', '']), 'emptyModel');
    refusedAs(linkWith(['', 'gpt-5.5']), 'emptyModel');
  });

  it('a key in any model= (first, middle, last; plain or %-encoded) refuses the whole link, never echoed', () => {
    const mcp = makeMcpToken();
    const encoded = encodeURIComponent(encodeURIComponent(KEY));
    for (const secret of [KEY, encoded, mcp, 'Bearer%20abcdefghijklmnopqrstuvwxyz0123456789']) {
      for (const at of [0, 1, 5]) {
        const models = ['gpt-5.5', 'gpt-5.4-mini', 'a', 'b', 'c', 'd'];
        models[at] = secret;
        const r = refusedAs(linkWith(models), 'secret');
        for (const part of [KEY.slice(20), mcp.slice(-20), 'abcdefghijklmnopqrstuvwxyz'])
          assert.ok(!JSON.stringify(r).includes(part) && !said(r).includes(part));
      }
    }
    // Even past the 20th model: the secret is said first.
    const many = Array.from({ length: 25 }, (_, i) => `m${i}`);
    many[24] = KEY;
    refusedAs(linkWith(many), 'secret');
  });

  it('says the new refusals in Simplified Chinese too', () => {
    const zh = JSON.parse(
      require('node:fs').readFileSync(
        require('node:path').join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'),
        'utf8',
      ),
    ) as Record<string, string>;
    const zhOf = (models: readonly string[]) => {
      const r = parse(linkWith(models));
      assert.ok(!r.ok);
      return renderMsg(r.cause, zh);
    };
    assert.match(zhOf(['a', 'A']), /多次列出模型“A”/);
    assert.match(zhOf(['a', '']), /有一个模型为空/);
    assert.match(zhOf(Array.from({ length: 21 }, (_, i) => `m${i}`)), /超过 20 个/);
  });
});

const SAVED = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.4-mini', 'old-model'] };

describe('the "from a link" view: the models a link adds or removes', () => {
  it("lists the link's models main first, those the saved setup lacks, and the saved ones it leaves out", () => {
    const linked = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.6-terra', moreModels: ['GPT-5.4-MINI', 'new'] };
    assert.deepEqual(modelsPart(linked, SAVED), {
      models: {
        ids: ['gpt-5.6-terra', 'GPT-5.4-MINI', 'new'],
        added: ['gpt-5.6-terra', 'new'],
        removed: ['gpt-5.5', 'old-model'],
      },
    });
  });

  it('an old one-model link over a saved set removes the further models, and says so', () => {
    assert.deepEqual(modelsPart({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' }, SAVED), {
      models: { ids: ['gpt-5.5'], added: [], removed: ['gpt-5.4-mini', 'old-model'] },
    });
  });

  it('one model on each side: nothing more than the values line (as before); nothing saved: nothing added or removed', () => {
    const one = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
    assert.deepEqual(modelsPart({ ...one, modelId: 'other' }, one), {});
    assert.deepEqual(modelsPart(SAVED, undefined), {
      models: { ids: ['gpt-5.5', 'gpt-5.4-mini', 'old-model'], added: [], removed: [] },
    });
  });

  it('names are inert: a saved further model with a direction mark or a control character shows U+FFFD', () => {
    const saved = { ...SAVED, moreModels: ['gpt\u202e5', 'tab\there'] };
    const part = modelsPart({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['x'] }, saved);
    assert.deepEqual(part.models?.removed, ['gpt\ufffd5', 'tab\ufffdhere']);
  });
});

/** The wizard's view of its state, as the panel posts it (checked against the protocol). */
function viewOf(state: WizardState) {
  const view = buildView(state, viewContext({ guide: (w) => guideFor(w, 'en') }), 1);
  const parsed = WizardViewSchema.safeParse(view);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
  return view;
}

describe('opening a link with several models in the wizard', () => {
  const saved = { baseUrl: POOL_A, model: 'gpt-5.5', moreModels: ['gpt-5.4-mini'] };

  it('sets the main and further models of the draft; the pool stays held, nothing saved, nothing sent', async () => {
    const t = await setup({ key: KEY, settings: saved });
    const before = t.checks.calls.length;
    const l = ok(linkWith(['gpt-5.6-terra', 'gpt-5.4-mini', 'gpt-5.5'], STRANGER));
    assert.equal(t.controller.openLink(l.draft, l.origin, l.host), 'opened');
    await flush();
    assert.deepEqual(t.controller.state.draft, {
      url: STRANGER,
      fullUrl: false,
      modelId: 'gpt-5.6-terra',
      moreModels: ['gpt-5.4-mini', 'gpt-5.5'],
    });
    assert.equal(t.controller.state.originHeld, true, 'the origin policy is untouched: held until "Check this pool"');
    assert.equal(t.controller.state.reachable('key'), false);
    assert.deepEqual(
      t.checks.calls.slice(before).filter((c) => c.draft.url === STRANGER),
      [],
    );
    assert.equal(t.settings.writes.length, 0);
    const link = viewOf(t.controller.state).link;
    assert.deepEqual(link?.models, {
      ids: ['gpt-5.6-terra', 'gpt-5.4-mini', 'gpt-5.5'],
      // The saved pool is another one: the lists still compare with the saved models.
      added: ['gpt-5.6-terra'],
      removed: [],
    } satisfies NonNullable<typeof link>['models']);
    assert.equal(
      link?.values,
      'URL: https://stranger.example.net/v1 (instead of https://pool-a.example.com/v1) · Full URL: off · Model: gpt-5.6-terra (instead of gpt-5.5)',
    );
  });

  it('a link that only changes the further models opens (it is not "the same"), and the view says what changes', async () => {
    const t = await setup({ key: KEY, settings: saved });
    const l = ok(linkWith(['gpt-5.5', 'gpt-5.6-terra'], POOL_A));
    assert.equal(t.controller.openLink(l.draft, l.origin, l.host), 'opened');
    assert.deepEqual(t.controller.state.draft.moreModels, ['gpt-5.6-terra']);
    assert.deepEqual(viewOf(t.controller.state).link?.models, {
      ids: ['gpt-5.5', 'gpt-5.6-terra'],
      added: ['gpt-5.6-terra'],
      removed: ['gpt-5.4-mini'],
    });
  });

  it('a link naming the saved set is "the same": nothing changes', async () => {
    const t = await setup({ key: KEY, settings: saved });
    const l = ok(linkWith(['gpt-5.5', 'gpt-5.4-mini'], POOL_A));
    assert.equal(t.controller.openLink(l.draft, l.origin, l.host), 'same');
    assert.equal(t.controller.state.link, undefined);
  });

  it("the page shows the lists as text: the link's models, those new to the setup marked, the ones left out", () => {
    const page = installPage();
    try {
      setStrings(Object.entries(catalog));
      const ctx = { act: () => undefined } as unknown as AppContext;
      const banner = linkBanner(ctx);
      page.document.body.append(banner.element);
      const models = { ids: ['gpt-5.5', '<b>new</b>'], added: ['<b>new</b>'], removed: ['old'] };
      banner.update({ link: { host: 'pool.example.com', held: true, same: false, values: 'v', models } } as never);
      const el = page.document.getElementById('link-models') as FakeElement;
      const items = page.document
        .getElementById('link-models-list')!
        .querySelectorAll('li')
        .map((li) => li.textContent);
      assert.deepEqual(items, ['gpt-5.5', '<b>new</b> not in your saved setup']);
      assert.equal(el.querySelectorAll('b').length, 0, 'a name is text, never markup');
      assert.deepEqual(
        page.document
          .getElementById('link-models-removed')!
          .querySelectorAll('li')
          .map((li) => li.textContent),
        ['old'],
      );
      assert.match(el.textContent, /Models for Trae from this link, the main model first:/);
      assert.match(el.textContent, /In your saved setup but not in this link/);
    } finally {
      page.uninstall();
    }
  });
});

describe('invite a teammate and Copy Setup Link: every chosen model', () => {
  const source = {
    saved: { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5', moreModels: ['gpt-5.6-terra', 'gpt-5.4-mini'] },
    scheme: 'code-oss',
    extensionId: ID,
  };

  it('each link carries the set, main first, and reads back as it', () => {
    const links = inviteFor(source);
    assert.ok(links);
    for (const l of [links.thisEditor, links.trae, links.traeCn]) {
      assert.deepEqual(ok(l).draft, {
        url: POOL_A,
        fullUrl: false,
        modelId: 'gpt-5.5',
        moreModels: ['gpt-5.6-terra', 'gpt-5.4-mini'],
      });
    }
  });

  it('the wiki snippet names every model; a one-model setup reads as before', () => {
    const md = inviteText('linkMarkdown', source, renderMsg);
    assert.ok(
      md?.includes(
        'Pool: `https://pool-a.example.com/v1` · Models: `gpt-5.5`, `gpt-5.6-terra`, `gpt-5.4-mini` (the first is the main model)',
      ),
      md,
    );
    const one = inviteText('linkMarkdown', { ...source, saved: { ...source.saved, moreModels: [] } }, renderMsg);
    assert.ok(one?.includes('Pool: `https://pool-a.example.com/v1` · Model: `gpt-5.5`'), one);
  });

  it('never a key: a key pasted into a further model gives no link and no snippet at all', () => {
    for (const bad of [KEY, ` ${KEY}`, encodeURIComponent(KEY)]) {
      const holding = { ...source, saved: { ...source.saved, moreModels: ['gpt-5.6-terra', bad] } };
      assert.equal(inviteFor(holding), undefined);
      for (const what of INVITE_TARGETS) assert.equal(inviteText(what, holding, renderMsg), undefined, what);
    }
  });

  it('the last step copies the saved set through the host', async () => {
    const t = await setup({ key: KEY, settings: { baseUrl: POOL_A, model: 'gpt-5.5', moreModels: ['gpt-5.4-mini'] } });
    await t.controller.copy('linkTrae');
    const [link = ''] = t.clipboard;
    assert.ok(link.startsWith(`trae://${LINK_SOURCE.extensionId}/setup?`), link);
    assert.deepEqual(ok(link).draft, { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['gpt-5.4-mini'] });
  });
});
