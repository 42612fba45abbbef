// Step 1 as the host shows it (plain Node, the emulator answering the real probe): a URL rule is said
// once, not a second time by the probe that repeats it in its report, and the step's ✓ in the navigation
// waits until the URL has nothing left to fix (issue "What a new user met, again", point 6).
import * as assert from 'node:assert/strict';
import { checkReachability } from '../../src/core/check/reachability';
import { WizardState } from '../../src/wizard/state/state';
import { buildView } from '../../src/wizard/view/view';
import type { KeyInfo } from '../../src/wizard/state/stateTypes';
import { clientFor, useEmulator } from './helpers';
import { viewContext } from './wizardHarness';

describe('step 1: what the wizard says about the URL', () => {
  const ctx = useEmulator();

  /** Step 1 for this URL once the free probe answered, as the page sees it. */
  async function stepOne(url: string, key: KeyInfo = { kind: 'none' }) {
    const state = new WizardState({ saved: { url, fullUrl: false, modelId: '' }, key });
    const begun = state.begin('reach');
    assert.ok(begun.ok);
    const outcome = await checkReachability({ baseUrl: url, fullUrl: false }, { client: clientFor() });
    assert.equal(outcome.kind, 'done');
    assert.ok(state.finish('reach', begun.token, outcome.report));
    const view = buildView(state, viewContext(), 1);
    const said = [...view.url.findings, ...view.url.reach.problems].map((p) => p.cause);
    return { view, said, chip: view.nav.find((s) => s.name === 'url')! };
  }

  it('a trailing slash is said once (defect: the warning appeared twice), and step 1 shows no ✓ while it stands', async () => {
    const { view, said, chip } = await stepOne(`${ctx.emulator.apiBase}/`);
    assert.equal(said.filter((c) => c === 'The Pool URL ends with a slash.').length, 1, JSON.stringify(said));
    assert.equal(view.url.reach.ok, true, 'a pool answers there: the user may go on');
    assert.equal(chip.reachable, true);
    assert.equal(view.nav.find((s) => s.name === 'key')!.reachable, true, 'a warning does not block step 2');
    assert.equal(chip.done, false, 'no ✓ while the URL has a finding (defect: the chip kept its ✓)');
  });

  it('a pool found asks for a key only when none is stored (defect: "Go on and set your Pool API key" to a user with one)', async () => {
    const fixes = async (key?: KeyInfo) =>
      (await stepOne(ctx.emulator.apiBase, key)).view.url.reach.problems.map((p) => p.fix);
    assert.deepEqual(await fixes(), ['Go on and set your Pool API key.']);
    const stored = { kind: 'stored', masked: 'sk-cxp-0123…', fingerprint: 'f' } as const;
    assert.deepEqual(await fixes(stored), ['Go on: your stored Pool API key stays as it is.']);
  });

  it('the same pool without the slash: nothing to say about the URL, and step 1 is done', async () => {
    const { view, chip } = await stepOne(ctx.emulator.apiBase);
    assert.deepEqual(view.url.findings, []);
    assert.ok(view.url.reach.problems.every((p) => p.severity === 'info'));
    assert.equal(chip.done, true);
  });
});
