// Step 1 in the page (plain Node, the DOM fake): a Pool key typed key by key into the URL field. The first
// characters ("s", "sk") are not a key yet and reach the draft; once the guard knows the key, the draft goes
// back to the URL that was there before, no stale URL error stays under the notice, and "Discard it" restores
// that URL, not "sk" (review 5 Dec 2026, finding 9).
import * as assert from 'node:assert/strict';
import { mountUrl } from '../../src/webview/steps/url';
import type { AppContext } from '../../src/webview/stepContract';
import { WizardState } from '../../src/wizard/state/state';
import { buildView } from '../../src/wizard/view/view';
import { KEY, POOL_A } from './wizardFixtures';
import { usePage, viewContext } from './wizardHarness';

describe('step 1 in the page: a key typed into the URL field', () => {
  const page = usePage();

  function mount() {
    const sent: string[] = [];
    const ctx = {
      local: { url: POOL_A, fullUrl: false, modelId: '', basedOn: 0 },
      goTo: () => undefined,
      draftChanged: () => sent.push(ctx.local.url),
      showFailure: (error: unknown) => assert.fail(String(error)),
      act: () => undefined,
      rpc: { request: () => Promise.resolve({ verdict: 'stored' }) },
    } as unknown as AppContext;
    const step = mountUrl(ctx);
    page.document.body.append(step.element);
    const input = page.document.getElementById('url')!;
    /** The host's answer for what the page holds now (the state sees the draft the page sent). */
    const answer = (url = ctx.local.url) => {
      const state = new WizardState({ saved: { url: POOL_A, fullUrl: false, modelId: '' }, key: { kind: 'none' } });
      state.setDraft({ url, fullUrl: false, modelId: '' }, state.draftVersion);
      step.update(buildView(state, viewContext(), 1), undefined);
    };
    answer();
    const type = (text: string) => {
      for (const char of text) {
        input.value = input.value + char;
        input.dispatch('input');
        answer();
      }
    };
    return { ctx, input, sent, type, answer };
  }

  it('the draft returns to the URL before the key, no URL error shows, and Discard restores that URL', () => {
    const { ctx, input, sent, type, answer } = mount();
    input.value = '';
    type(KEY.slice(0, 12));
    // The host's answer to "sk", sent before the key was recognised, arrives late.
    answer('sk');
    assert.equal(input.type, 'password', 'masked');
    assert.ok(page.document.body.textContent.includes('not put into the URL field'));
    assert.equal(ctx.local.url, POOL_A, 'the draft holds the URL that was there, not "sk"');
    assert.ok(!sent.some((u) => u.includes('sk-')), JSON.stringify(sent));
    assert.equal(sent[sent.length - 1], POOL_A, 'the page sent the URL back');
    assert.equal(page.document.getElementById('url-findings')!.textContent, '', 'no stale URL error under the notice');
    page.document.getElementById('discard-pasted-url')!.dispatch('click');
    assert.equal(input.type, 'text');
    assert.equal(input.value, POOL_A, 'Discard restores the URL, not "sk"');
  });

  it('a key typed after the URL: Discard restores the URL without the first letters of the key', () => {
    const { ctx, input, type } = mount();
    type('sk-cxp-0');
    assert.equal(input.type, 'password');
    assert.equal(ctx.local.url, POOL_A);
    page.document.getElementById('discard-pasted-url')!.dispatch('click');
    assert.equal(input.value, POOL_A);
  });
});
