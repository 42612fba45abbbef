// "A colour means one thing": pass-green is for what the live pool checked and passed (review of 5 Dec 2026,
// finding 3). Step 5's ✓ does not come on arrival; the stored key's icon says the pool's verdict on that key;
// the user's own "Added in Trae" tick and the stored key's line never use the pass colour in the styles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfirmSnapshot } from '../../src/wizard/confirm/confirmStep';
import { mountKey } from '../../src/webview/steps/key';
import { guideFor } from '../../src/wizard/view/guideView';
import { buildView } from '../../src/wizard/view/view';
import type { WizardState } from '../../src/wizard/state/state';
import type { Draft } from '../../src/wizard/state/stateTypes';
import { report, POOL_A } from './wizardFixtures';
import { listModels, pageContext, reachedState, usePage, viewContext } from './wizardHarness';

const THREE: Draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.6-terra', moreModels: ['gpt-5.5', 'gpt-5.4-mini'] };
const ONE: Draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
const CONFIRMED = { target: { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' }, keyFingerprint: 'f', at: 1 };

function onStepFive(saved: Draft): WizardState {
  const state = reachedState(saved);
  listModels(state);
  assert.equal(state.goTo('trae'), undefined);
  return state;
}

/** The navigation's ✓ per step, as the host builds it (confirmed: Trae's request reached the pool). */
function marks(state: WizardState, confirmed = false): string {
  const confirm: ConfirmSnapshot = {
    watch: { phase: 'idle' },
    checklist: false,
    ...(confirmed ? { confirmed: CONFIRMED } : {}),
  };
  const ctx = viewContext({ guide: (w) => guideFor(w, 'en'), confirm });
  return buildView(state, ctx, 1)
    .nav.map((s) => (s.done ? '✓' : '·'))
    .join('');
}

describe('the navigation ✓ of steps 5 and 6: nothing is ticked for merely arriving', () => {
  it('step 5 with 0 of 3 models added in Trae: no ✓ (defect: ticked on arrival)', () => {
    assert.equal(marks(onStepFive(THREE)), '✓✓✓✓··');
  });

  it('three models: step 5 is ticked only once every card is ticked "Added in Trae" and Trae reached the pool', () => {
    const state = onStepFive(THREE);
    assert.equal(state.markAdded('gpt-5.6-terra', true), true);
    assert.equal(state.markAdded('gpt-5.5', true), true);
    assert.equal(marks(state, true), '✓✓✓✓·✓', '2 of 3 added: step 5 is not done');
    assert.equal(state.markAdded('gpt-5.4-mini', true), true);
    assert.equal(marks(state), '✓✓✓✓··', 'every card ticked, but nothing reached the pool yet');
    assert.equal(marks(state, true), '✓✓✓✓✓✓');
  });

  it('one model: step 5 is ticked once Trae reached the pool with it', () => {
    const state = onStepFive(ONE);
    assert.equal(marks(state), '✓✓✓✓··');
    assert.equal(marks(state, true), '✓✓✓✓✓✓');
  });
});

describe('step 2: the stored key line says the pool verdict, in its class (the icon colour follows it)', () => {
  const page = usePage();
  const ctx = pageContext();

  function storedLine(state: WizardState) {
    state.goTo('key');
    const step = mountKey(ctx);
    page.document.body.append(step.element);
    step.update(buildView(state, viewContext(), 1), undefined);
    return page.document.getElementById('key-stored')!;
  }

  it('a key the pool rejected is not marked accepted (defect: a green key above "The check failed")', () => {
    const state = reachedState(ONE);
    const begun = state.begin('list');
    assert.ok(begun.ok);
    assert.ok(state.finish('list', begun.token, report(ONE, { verdict: 'error', codes: ['api_key_disabled'] })));
    const line = storedLine(state);
    assert.equal(line.className, 'stored rejected');
  });

  it('a key the pool accepted: accepted; before any answer: unknown', () => {
    assert.equal(storedLine(reachedState(ONE)).className, 'stored unknown');
    page.document.body.replaceChildren();
    const state = reachedState(ONE);
    listModels(state);
    assert.equal(storedLine(state).className, 'stored accepted');
  });
});

describe('the styles: pass-green only where the pool passed something', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'src', 'webview', 'styles');
  /** Every selector whose rule uses the pass colour, over all the webview's style sheets. */
  const passSelectors = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.css'))
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/([^{}]+)\{([^}]*)\}/g)])
    .filter(([, , body]) => body!.includes('--vscode-testing-iconPassed'))
    .flatMap(([, selectors]) => selectors!.replace(/\/\*[\s\S]*?\*\//g, '').split(','))
    .map((s) => s.trim());

  it('the stored key is green only when accepted (defect: `.stored .icon` always green)', () => {
    assert.ok(passSelectors.length > 0, 'the pass colour is found in the styles');
    const stored = passSelectors.filter((s) => s.includes('.stored'));
    assert.deepEqual(stored, ['.stored.accepted .icon']);
  });

  it('"Added in Trae", the user\'s own tick, is never pass-green (defect: the card border and its tick)', () => {
    assert.deepEqual(
      passSelectors.filter((s) => /added/i.test(s)),
      [],
    );
  });
});
