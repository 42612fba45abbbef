// The commands' model pick (issue 24.5) in a real extension host: with several models saved, Check
// Connection asks which one in a quick pick whose first item is the main model, so Enter keeps today's
// one-step flow; Escape sends nothing. The pick is answered with the editor's own quick-open commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckReport } from '../../src/core/check/checkReport';
import type { CodexPoolerApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../emulator/server';
import { api, ensureUserSettings, setUserSettings, settle, waitFor } from './helpers';

describe('the commands ask which model when the setup has several (real host)', () => {
  let emulator: Emulator;
  let pooler: CodexPoolerApi;

  before(async () => {
    emulator = await startEmulator();
    pooler = await api();
  });

  beforeEach(async () => {
    await ensureUserSettings({
      baseUrl: emulator.apiBase,
      fullUrl: false,
      model: 'gpt-5.5',
      'healthCheck.intervalSeconds': 300,
      requestTimeoutSeconds: 30,
    });
    await setUserSettings({ moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'] });
    await pooler.testing!.storeKey(emulator.key);
    await settle(pooler);
    emulator.reset();
  });

  after(async () => {
    await setUserSettings({ moreModels: undefined });
    await settle(pooler);
    await emulator.stop();
  });

  /** Runs Check Connection and answers its quick pick with `answer` (pressed until the command returns). */
  async function checkAnswering(answer: string): Promise<CheckReport | undefined> {
    let result: { report: CheckReport | undefined } | undefined;
    void Promise.resolve(vscode.commands.executeCommand<CheckReport | undefined>('codexPooler.checkConnection')).then(
      (report) => (result = { report }),
    );
    await waitFor(`the pick answered with ${answer}`, async () => {
      if (!result) await vscode.commands.executeCommand(answer);
      return result;
    });
    return result!.report;
  }

  const chatModels = () =>
    emulator.requests.filter((r) => r.route === 'chat').map((r) => (JSON.parse(r.body) as { model: string }).model);

  it('Enter checks the main model (the first item), as before', async () => {
    const report = await checkAnswering('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(report?.target.model, 'gpt-5.5');
    assert.deepEqual(chatModels(), ['gpt-5.5']);
  });

  it('Escape cancels: no request is sent', async () => {
    const report = await checkAnswering('workbench.action.closeQuickOpen');
    assert.equal(report, undefined);
    assert.deepEqual(emulator.requests, []);
  });
});
