// The unsaved-changes banner names what the status bar still watches: the saved URL and every saved model, the
// main one first (with several models in Trae, naming only the main one hid the others the status bar checks).
import * as assert from 'node:assert/strict';
import catalog from '../../src/core/text/catalog.json';
import { startApp } from '../../src/webview/shell/app';
import type { RpcPort } from '../../src/webview/rpc';
import { setStrings } from '../../src/webview/strings';
import type { WizardView } from '../../src/wizard/protocol/protocolViews';
import { WizardState } from '../../src/wizard/state/state';
import type { Draft } from '../../src/wizard/state/stateTypes';
import { buildView } from '../../src/wizard/view/view';
import { flush } from './fakes/async';
import { FakeClock } from './fakes/clock';
import { installPage } from './fakes/dom';
import { POOL_A, POOL_B } from './wizardFixtures';
import { viewContext } from './wizardHarness';

/** The view the host builds once the draft moved away from `saved`. */
function dirtyView(saved: Draft): WizardView {
  const state = new WizardState({ saved, key: { kind: 'stored', masked: 'sk-cxp-0123…', fingerprint: 'f' } });
  assert.ok(state.setDraft({ ...saved, url: POOL_B }));
  return buildView(state, viewContext(), 0);
}

/** The banner's sentence as the page draws it for `view`. */
async function bannerOf(view: WizardView): Promise<string | undefined> {
  const page = installPage();
  try {
    const clock = new FakeClock();
    let receive: (message: unknown) => void = () => undefined;
    const port: RpcPort = {
      post: (message) => {
        const m = message as { kind: string; id: number; method: string };
        if (m.kind === 'request' && m.method === 'ready') {
          queueMicrotask(() =>
            receive({ kind: 'response', id: m.id, ok: true, result: { strings: Object.entries(catalog) } }),
          );
        }
      },
      listen: (r) => (receive = r),
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    };
    startApp(port);
    await flush();
    receive({ kind: 'view', view });
    await flush();
    return page.root.querySelector('#dirty-banner')?.querySelector('p')?.textContent;
  } finally {
    page.uninstall();
  }
}

describe('the unsaved-changes banner', () => {
  before(() => setStrings(Object.entries(catalog)));

  it('names every saved model, the main one first', async () => {
    const view = dirtyView({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5', moreModels: ['o3', 'gpt-5.4-mini'] });
    assert.deepEqual(view.dirty, { url: POOL_A, modelId: 'gpt-5.5', moreModels: ['o3', 'gpt-5.4-mini'] });
    assert.equal(
      await bannerOf(view),
      `You have unsaved changes. The status bar keeps checking your saved settings (${POOL_A}, models gpt-5.5, o3, ` +
        'gpt-5.4-mini), not these, until you save them at step 4.',
    );
  });

  it('with one saved model reads as before', async () => {
    const view = dirtyView({ url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' });
    assert.deepEqual(view.dirty, { url: POOL_A, modelId: 'gpt-5.5' });
    assert.equal(
      await bannerOf(view),
      `You have unsaved changes. The status bar keeps checking your saved settings (${POOL_A}, model gpt-5.5), not ` +
        'these, until you save them at step 4.',
    );
  });
});
