// The commands' model pick through the editor layer (a small `vscode` fake, test/unit/fakes/vscode.ts): with
// several models saved, Check Connection and the Trae-shaped check show a quick pick, main model first and
// marked; Enter checks the main model, another item that model, Escape sends nothing; one model: no pick.
import * as assert from 'node:assert/strict';
import type * as CommandsModule from '../../src/editor/commands';
import type { CheckService } from '../../src/services/checkService';
import type { OnDemandChecks } from '../../src/services/onDemandChecks';
import type { ConnectionSettings } from '../../src/services/ports';
import { installVscode, type FakeEditor } from './fakes/vscode';
import { POOL_A, report } from './wizardFixtures';

describe('the commands ask which model when the setup has several (editor layer, vscode fake)', () => {
  let editor: FakeEditor;
  let uninstall: () => void;
  let commandHandlers: typeof CommandsModule.commandHandlers;

  before(() => {
    ({ editor, uninstall } = installVscode());
    ({ commandHandlers } = require('../../src/editor/commands') as typeof CommandsModule);
  });
  after(() => uninstall());

  function handlers(moreModels: string[]) {
    const checked: Array<string | undefined> = [];
    const traeTargets: Array<ConnectionSettings | undefined> = [];
    const saved = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5', moreModels };
    const checks = {
      checkModel: async (_mode: string, model: string | undefined) => {
        checked.push(model);
        return {
          kind: 'report',
          report: report({ url: POOL_A, fullUrl: false, modelId: model ?? '' }, { mode: 'full' }),
        };
      },
    } as unknown as CheckService;
    const onDemand = {
      traeCheck: async (target: ConnectionSettings | undefined) => {
        traeTargets.push(target);
        return {
          kind: 'done',
          report: {
            verdict: 'ok',
            model: target?.model ?? saved.model,
            url: POOL_A,
            durationMs: 1,
            turns: [],
            diagnoses: [],
          },
        };
      },
    } as unknown as OnDemandChecks;
    const h = commandHandlers({
      checks,
      onDemand,
      settings: { read: () => saved },
      findings: { current: undefined },
      log: { error: () => undefined, info: () => undefined, show: () => undefined },
    } as unknown as Parameters<typeof commandHandlers>[0]);
    return { h, checked, traeTargets };
  }

  beforeEach(() => {
    editor.quickPicks.length = 0;
    editor.pick = () => 0;
  });

  it("one model: no quick pick, the check runs at once on it (today's flow)", async () => {
    const { h, checked } = handlers([]);
    await h.checkConnection();
    assert.equal(editor.quickPicks.length, 0);
    assert.deepEqual(checked, ['gpt-5.5']);
  });

  it('several: the pick lists the main model first, marked as main; Enter checks it', async () => {
    const { h, checked } = handlers(['gpt-5.4-mini', 'gpt-5.6-terra']);
    await h.checkConnection();
    assert.deepEqual(
      editor.quickPicks[0]?.items.map((i) => [i.label, i.description]),
      [
        ['gpt-5.5', 'main model'],
        ['gpt-5.4-mini', undefined],
        ['gpt-5.6-terra', undefined],
      ],
    );
    assert.equal(editor.quickPicks[0]?.title, 'Codex Pooler: Check Connection');
    assert.deepEqual(checked, ['gpt-5.5']);
  });

  it('another item: the check runs on that model; Escape: nothing is checked', async () => {
    const { h, checked } = handlers(['gpt-5.4-mini']);
    editor.pick = () => 1;
    await h.checkConnection();
    editor.pick = () => undefined;
    assert.equal(await h.checkConnection(), undefined);
    assert.deepEqual(checked, ['gpt-5.4-mini']);
  });

  it('the Trae-shaped check: main (Enter) on the saved setup as before, another model with the same URL', async () => {
    const { h, traeTargets } = handlers(['gpt-5.4-mini']);
    await h.traeCheck();
    editor.pick = () => 1;
    await h.traeCheck();
    editor.pick = () => undefined;
    await h.traeCheck();
    assert.deepEqual(traeTargets, [
      undefined,
      { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.4-mini', moreModels: ['gpt-5.5'] },
    ]);
  });
});
