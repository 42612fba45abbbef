// Step 5 and Trae's error codes in the page (plain Node, the DOM fake, the views the host really builds):
// Next comes right after the Copy buttons, the codes follow it folded (they are for when something fails)
// and stay open once opened; step 6's "Trae showed an error" shows them open. Advanced Settings is drawn
// opened, saying that Trae starts it collapsed (issue "What a new user met, again", points 5 and 8).
import * as assert from 'node:assert/strict';
import type { GuideLanguage } from '../../src/core/trae/traeLabels';
import { mountTrae } from '../../src/webview/steps/trae';
import { traeErrors } from '../../src/webview/steps/traeErrors';
import { guideFor } from '../../src/wizard/view/guideView';
import { buildView } from '../../src/wizard/view/view';
import type { FakeElement } from './fakes/dom';
import { POOL_A } from './wizardFixtures';
import { listModels, pageContext, reachedState, usePage, viewContext } from './wizardHarness';

/** A saved, working setup on step 5, as the host shows it in this label language. */
function stepFive(language: GuideLanguage) {
  const state = reachedState({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' });
  listModels(state);
  assert.equal(state.goTo('trae'), undefined);
  return buildView(state, viewContext({ language, guide: (w) => guideFor(w, language) }), 1);
}

describe('step 5 in the page: Next within reach, the error codes folded', () => {
  const page = usePage();

  const ctx = pageContext();

  function mount(language: GuideLanguage = 'en') {
    const step = mountTrae(ctx);
    page.document.body.append(step.element);
    step.update(stepFive(language), undefined);
    return step;
  }
  const order = () => page.document.body.elements();
  /** What a Tab press stops at, in document order (the fake has no layout: the order is the DOM's). */
  const tabStops = () => order().filter((e) => ['BUTTON', 'SUMMARY', 'INPUT'].includes(e.tagName));

  it('Next comes right after the Copy buttons; the codes follow it, folded (defect: six open cards before Next)', () => {
    mount();
    const kind = (e: FakeElement) =>
      e.tagName === 'INPUT'
        ? 'language'
        : e.classList.contains('copy')
          ? 'copy'
          : e.id === 'next'
            ? 'next'
            : e.textContent === 'Back'
              ? 'back'
              : `other: ${e.textContent}`;
    const stops = tabStops();
    const upToNext = stops.slice(0, stops.findIndex((e) => e.id === 'next') + 1).map(kind);
    assert.deepEqual([...new Set(upToNext)], ['language', 'copy', 'back', 'next'], upToNext.join(', '));
    const details = page.document.getElementById('trae-errors')!;
    assert.equal(details.tagName, 'DETAILS', 'a native disclosure: keyboard and screen readers know it');
    assert.equal(details.hasAttribute('open'), false, 'folded at first');
    assert.ok(order().indexOf(details) > order().indexOf(page.document.getElementById('next')!), 'after Next');
    assert.equal(details.querySelector('summary')!.textContent, 'Trae showed an error code? See what it means here');
    assert.equal(details.querySelectorAll('button[data-explain]').length, 6, 'every code is still there, inside');
  });

  it('opened by the user, the codes stay open when the guide is drawn again (another label language)', () => {
    const step = mount('en');
    page.document.getElementById('trae-errors')!.setAttribute('open', '');
    step.update(stepFive('zh-cn'), undefined);
    const details = page.document.getElementById('trae-errors')!;
    assert.ok(page.document.body.querySelector('[data-label=自定义请求地址]'), 'drawn again, in Trae CN labels');
    assert.equal(details.hasAttribute('open'), true);
  });

  it('step 6\'s "Trae showed an error" shows the codes open, under their heading', () => {
    const guide = stepFive('en').guide!;
    const shown = traeErrors(ctx, guide) as unknown as FakeElement;
    assert.equal(shown.tagName, 'SECTION');
    assert.equal(shown.querySelector('h3')!.textContent, 'Trae says…');
    assert.equal(shown.querySelectorAll('button[data-explain]').length, 6);
  });

  for (const [language, label] of [
    ['en', 'Advanced Settings'],
    ['zh-cn', 'Advanced Settings（高级设置）'],
  ] as const) {
    it(`Advanced Settings (${language}) is drawn opened, chevron down, saying Trae starts it collapsed`, () => {
      mount(language);
      const heading = page.document.getElementById('trae-advanced')!;
      assert.equal(heading.textContent.trim(), `${label} (collapsed in Trae until you open it)`);
      assert.ok(heading.querySelector('.icon-chevronDown'), 'the chevron of an opened section');
    });
  }
});
