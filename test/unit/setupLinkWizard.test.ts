// A setup link in the wizard (plain Node, in-memory fakes): the draft "from a link" is never saved by
// itself; its pool gets no request at all until "Check this pool", and the key only once the user goes
// on from step 1; a link that repeats the saved setup changes nothing; the links the last step copies
// hold the saved setup, and a key pasted into a setting never makes it into one.
import * as assert from 'node:assert/strict';
import { linkParts, parseSetupLink } from '../../src/core/trae/setupLink';
import { renderMsg } from '../../src/core/text/messages';
import { inviteFor, inviteText, localHostOf } from '../../src/core/trae/invite';
import { STATE_KEY } from '../../src/wizard/state/stateTypes';
import { RefusedRequest } from '../../src/wizard/protocol/protocol';
import { INVITE_TARGETS } from '../../src/core/trae/invite';
import { flush } from './fakes/async';
import { KEY, OTHER_KEY, POOL_A } from './wizardFixtures';
import { LINK_SOURCE, setup } from './wizardHarness';

const STRANGER = 'https://stranger.example.net/v1';
const ID = 'codex-pooler-community.codex-pooler-trae';
function link(url: string, model = 'gpt-5.4-mini') {
  const r = parseSetupLink(linkParts(`trae://${ID}/setup?url=${encodeURIComponent(url)}&model=${model}&fullUrl=0`));
  assert.ok(r.ok);
  return r;
}

/** Unsaved edits on step 1 (another pool, model "x"), then a link to the stranger's pool opened over them. */
async function linkOverEdits() {
  const t = await setup({ key: KEY });
  t.controller.goTo('url');
  t.controller.setDraft(
    { url: 'https://mine.example.com/v1', fullUrl: false, modelId: 'x' },
    t.controller.state.draftVersion,
  );
  const l = link(STRANGER);
  t.controller.openLink(l.draft, l.origin, l.host);
  return t;
}

describe('a setup link in the wizard', () => {
  it('opens as a draft on step 1; nothing is saved, and the linked pool gets no request at all', async () => {
    const t = await setup({ key: KEY });
    const before = t.checks.calls.length;
    const l = link(STRANGER);
    assert.equal(t.controller.openLink(l.draft, l.origin, l.host), 'opened');
    await flush();
    assert.equal(t.controller.state.step, 'url');
    assert.deepEqual(t.controller.state.draft, { url: STRANGER, fullUrl: false, modelId: 'gpt-5.4-mini' });
    assert.equal(t.settings.writes.length, 0, 'nothing saved');
    assert.deepEqual(
      t.controller.state.saved,
      { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' },
      'the wizard still knows the saved setup as it is',
    );
    assert.deepEqual(
      t.checks.calls.slice(before).filter((c) => c.draft.url === STRANGER),
      [],
      "no request to the link's pool, not even the free probe",
    );
    assert.equal(t.controller.state.link?.released, false);
    assert.equal(t.controller.state.reachable('key'), false);
    await assert.rejects(t.controller.recheck('url'), (e: Error) => e.message === 'ui.wizard.refused.linkHeld');
    assert.deepEqual(
      t.checks.calls.slice(before).filter((c) => c.draft.url === STRANGER),
      [],
    );
  });

  it('"Check this pool" runs the free probe there; the key goes only once the user goes on from step 1', async () => {
    const t = await setup({ key: KEY });
    const l = link(STRANGER);
    t.controller.openLink(l.draft, l.origin, l.host);
    await flush();
    t.controller.checkLinkPool();
    await flush();
    const there = () => t.checks.calls.filter((c) => c.draft.url === STRANGER).map((c) => c.kind);
    assert.deepEqual(there(), ['reach'], 'the free, unauthenticated probe only');
    assert.equal(t.controller.state.reachable('key'), true);
    t.controller.goTo('key');
    await flush();
    assert.deepEqual(there(), ['reach', 'list'], 'the key went there once the user chose the pool');
  });

  it('a link that repeats the saved setup leaves the wizard where it is, and says it arrived (defect: no sign at all)', async () => {
    const t = await setup({ key: KEY });
    assert.equal(t.controller.state.step, 'trae');
    const version = t.controller.state.draftVersion;
    const l = link(POOL_A, 'gpt-5.5');
    assert.equal(t.controller.openLink(l.draft, l.origin, l.host), 'same');
    assert.equal(t.controller.state.step, 'trae');
    assert.equal(t.controller.state.draftVersion, version);
    assert.equal(t.controller.state.link, undefined);
    assert.deepEqual(
      t.controller.state.notices.map((n) => [n.id, n.severity, renderMsg(n.message)]),
      [['linkSame', 'info', 'This setup link matches your saved setup: nothing to change.']],
    );
    assert.ok(
      t.log.lines.includes(
        'info Setup wizard: a setup link for pool-a.example.com matches the saved setup; nothing changed.',
      ),
      t.log.lines.join('\n'),
    );
  });

  it('a link to the pool in use with another model is not held (that pool is already chosen)', async () => {
    const t = await setup({ key: KEY });
    const l = link(POOL_A, 'gpt-5.6-terra');
    t.controller.openLink(l.draft, l.origin, l.host);
    await flush();
    assert.equal(t.controller.state.link?.released, true);
    assert.equal(t.controller.state.originHeld, false);
    assert.equal(t.controller.state.reachable('key'), true, 'the pool in use already answered');
    assert.equal(t.controller.state.originApproved, true);
  });

  it('unsaved edits a link replaces are said, with what they were', async () => {
    const t = await linkOverEdits();
    const notice = t.controller.state.notices.find((n) => n.id === 'linkReplaced');
    assert.ok(notice);
    assert.equal(
      renderMsg(notice.message),
      'The setup link replaced your unsaved edits (they were: https://mine.example.com/v1, x).',
    );
  });

  it('a second link says it replaced the first link\'s values, not "your unsaved edits" (defect: the wrong owner)', async () => {
    const t = await setup({ key: KEY });
    const first = link(STRANGER);
    t.controller.openLink(first.draft, first.origin, first.host);
    const second = link('https://other.example.org/v1', 'gpt-5.5');
    t.controller.openLink(second.draft, second.origin, second.host);
    const said = t.controller.state.notices.map((n) => renderMsg(n.message));
    assert.deepEqual(said, [
      'The setup link replaced the values an earlier setup link for stranger.example.net had filled in (they were: https://stranger.example.net/v1, gpt-5.4-mini).',
    ]);
  });

  it('"The setup link replaced …" goes with the link: on "Discard the link" (defect: it stayed), and once the URL is typed away', async () => {
    const replaced = async () => {
      const t = await linkOverEdits();
      assert.deepEqual(
        t.controller.state.notices.map((n) => n.id),
        ['linkReplaced'],
      );
      return t;
    };
    const discarded = await replaced();
    discarded.controller.discardDraft();
    assert.deepEqual(discarded.controller.state.notices, []);
    const typed = await replaced();
    typed.controller.setDraft(
      { url: STRANGER, fullUrl: false, modelId: 'gpt-5.5' },
      typed.controller.state.draftVersion,
    );
    assert.deepEqual(
      typed.controller.state.notices.map((n) => n.id),
      ['linkReplaced'],
      "another model at the link's pool: the link's values are still the draft",
    );
    typed.controller.setDraft(
      { url: 'https://typed.example.com/v1', fullUrl: false, modelId: 'gpt-5.5' },
      typed.controller.state.draftVersion,
    );
    assert.deepEqual(typed.controller.state.notices, []);
  });

  it('closed and opened again, the link still holds its pool (nothing probed on reopen); discarding clears it', async () => {
    const t = await setup({ key: KEY });
    const l = link(STRANGER);
    t.controller.openLink(l.draft, l.origin, l.host);
    await flush();
    t.controller.dispose();
    const stored = t.memento.values.get(STATE_KEY);
    const again = await setup({ key: KEY, memento: { [STATE_KEY]: stored } });
    assert.equal(again.controller.state.draft.url, STRANGER);
    assert.equal(again.controller.state.originHeld, true);
    assert.deepEqual(
      again.checks.calls.filter((c) => c.draft.url === STRANGER),
      [],
    );
    again.controller.discardDraft();
    await flush();
    assert.equal(again.controller.state.draft.url, POOL_A);
    assert.equal(again.controller.state.link, undefined);
  });

  it('"Discard the link" returns a returning user to where they were, not step 1 (defect: left on step 1)', async () => {
    const t = await setup({ key: KEY });
    assert.equal(t.controller.state.step, 'trae');
    const l = link(STRANGER);
    t.controller.openLink(l.draft, l.origin, l.host);
    await flush();
    assert.equal(t.controller.state.step, 'url');
    t.controller.discardDraft();
    await flush();
    assert.equal(t.controller.state.step, 'trae', 'back on the step the user was on before the link');
    // Not only the Trae step: the step the user had open.
    t.controller.goTo('model');
    const other = link(POOL_A, 'gpt-5.6-terra');
    t.controller.openLink(other.draft, other.origin, other.host);
    t.controller.discardDraft();
    await flush();
    assert.equal(t.controller.state.step, 'model');
  });

  it('a link discarded after a reopen lands where a returning user lands (defect: step 1)', async () => {
    const t = await setup({ key: KEY });
    const l = link(STRANGER);
    t.controller.openLink(l.draft, l.origin, l.host);
    await flush();
    t.controller.dispose();
    const again = await setup({ key: KEY, memento: { [STATE_KEY]: t.memento.values.get(STATE_KEY) } });
    assert.equal(again.controller.state.step, 'url');
    again.controller.discardDraft();
    await flush();
    assert.equal(again.controller.state.step, 'trae');
  });

  it('discarding plain unsaved edits (no link) leaves the user on the step they are on', async () => {
    const t = await setup({ key: KEY });
    t.controller.goTo('url');
    t.controller.setDraft(
      { url: 'https://mine.example.com/v1', fullUrl: false, modelId: 'x' },
      t.controller.state.draftVersion,
    );
    t.controller.discardDraft();
    await flush();
    assert.equal(t.controller.state.step, 'url');
  });

  it("typing another URL leaves the link behind: the typed URL is the user's own choice", async () => {
    const t = await setup({ key: KEY });
    const l = link(STRANGER);
    t.controller.openLink(l.draft, l.origin, l.host);
    t.controller.setDraft(
      { url: 'https://typed.example.com/v1', fullUrl: false, modelId: '' },
      t.controller.state.draftVersion,
    );
    await flush();
    assert.equal(t.controller.state.link, undefined);
    assert.ok(t.checks.calls.some((c) => c.kind === 'reach' && c.draft.url === 'https://typed.example.com/v1'));
  });
});

describe('invite a teammate: links for the saved setup', () => {
  const source = { saved: { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' }, scheme: 'code-oss', extensionId: ID };

  it('this editor, Trae and Trae CN; each reads back as the saved setup', () => {
    const links = inviteFor(source);
    assert.ok(links);
    assert.ok(links.thisEditor.startsWith(`code-oss://${ID}/setup?`));
    assert.ok(links.trae.startsWith(`trae://${ID}/setup?`));
    assert.ok(links.traeCn.startsWith(`trae-cn://${ID}/setup?`));
    for (const l of [links.thisEditor, links.trae, links.traeCn]) {
      const r = parseSetupLink(linkParts(l));
      assert.ok(r.ok && r.draft.url === POOL_A && r.draft.modelId === 'gpt-5.5');
    }
  });

  it('the Markdown snippet: install, open the link, paste your own key; the saved URL and model', () => {
    const md = inviteText('linkMarkdown', source, (m) => renderMsg(m));
    assert.ok(md);
    assert.match(md, /Open VSX/);
    assert.match(md, /\[Trae\]\(trae:\/\//);
    assert.match(md, /\[Trae CN\]\(trae-cn:\/\//);
    assert.match(md, /\[code-oss\]\(code-oss:\/\//);
    assert.match(md, /paste your own Pool API key/);
    assert.ok(md.includes('`https://pool-a.example.com/v1`') && md.includes('`gpt-5.5`'), md);
  });

  it('never a key: a key pasted into the model or URL setting gives no link and no snippet at all', () => {
    const pasted = [
      { ...source.saved, model: KEY },
      { ...source.saved, model: ` ${OTHER_KEY}` },
      // A path is allowed by the URL rules, so a key there would otherwise ride along in the link.
      { ...source.saved, baseUrl: `https://pool-a.example.com/${KEY}/v1` },
    ];
    for (const saved of pasted) {
      const holding = { ...source, saved };
      assert.equal(inviteFor(holding), undefined, JSON.stringify(saved).slice(0, 60));
      for (const what of INVITE_TARGETS) {
        const text = inviteText(what, holding, (m) => renderMsg(m));
        assert.ok(text === undefined || !/sk-cxp-/.test(text), `${what} holds a key: ${text?.slice(0, 80)}`);
      }
    }
  });

  it("a pool on this computer is said: on a teammate's computer the link would point at their own", () => {
    assert.equal(localHostOf(source), undefined);
    const local = { ...source, saved: { ...source.saved, baseUrl: 'http://localhost:4000/v1' } };
    assert.equal(localHostOf(local), 'localhost:4000');
    assert.ok(inviteFor(local), 'still shareable (a team on one machine, a tunnel), but said');
  });

  it('nothing to share without a usable saved setup (no model, or a URL the rules refuse)', () => {
    assert.equal(inviteFor({ ...source, saved: { ...source.saved, model: '' } }), undefined);
    assert.equal(
      inviteFor({ ...source, saved: { ...source.saved, baseUrl: 'http://pool.example.com/v1' } }),
      undefined,
    );
  });

  it('the last step copies them through the host: the saved setup, only once Trae can be set up', async () => {
    const t = await setup({ key: KEY });
    await t.controller.copy('linkTrae');
    await t.controller.copy('linkMarkdown');
    const [link = '', md = ''] = t.clipboard;
    assert.ok(link.startsWith(`trae://${LINK_SOURCE.extensionId}/setup?`), link);
    const back = parseSetupLink(linkParts(link));
    assert.ok(back.ok && back.draft.url === POOL_A && back.draft.modelId === 'gpt-5.5', JSON.stringify(back));
    assert.ok(md.includes(`(${link})`), 'the snippet links the same setup');
    assert.ok(!t.clipboard.some((text) => text.includes(KEY.slice(20))), 'the stored key is in no link');
    // A change the Trae step cannot show yet (an unchecked model): nothing is copied.
    t.controller.setDraft({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.4-mini' }, t.controller.state.draftVersion);
    await assert.rejects(t.controller.copy('linkTrae'), RefusedRequest);
    assert.equal(t.clipboard.length, 2);
  });
});
