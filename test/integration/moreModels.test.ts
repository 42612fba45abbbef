// Several models in Trae (issue 24) in a real extension host: codexPooler.moreModels round-trips at the user
// level, and the status bar names a model the pool stops offering (the emulator's /__emulator/model/remove),
// then drops the warning when the model comes back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodexPoolerApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../emulator/server';
import { api, ensureUserSettings, settle, tooltipText, waitFor, waitForIndicator } from './helpers';

describe('several models in Trae, in a real extension host', () => {
  let emulator: Emulator;
  let pooler: CodexPoolerApi;
  const one = () => ({ baseUrl: emulator.apiBase, fullUrl: false, model: 'gpt-5.5' });
  const storedMore = () => vscode.workspace.getConfiguration('codexPooler').inspect('moreModels')?.globalValue;
  /** The tooltip once a check whose tooltip matches has landed (not one from before the last save). */
  const tooltipMatching = (pattern: RegExp) =>
    waitFor(`a tooltip matching ${String(pattern)}`, () => {
      const tooltip = tooltipText(pooler.getStatus().tooltip);
      return pattern.test(tooltip) && !/Checking now/.test(tooltip) && tooltip;
    });
  const control = async (action: 'remove' | 'add', id: string) => {
    const res = await fetch(`${emulator.url}/__emulator/model/${action}?id=${encodeURIComponent(id)}`, {
      method: 'POST',
    });
    assert.equal(res.status, 200, `${action} ${id}`);
  };

  before(async () => {
    emulator = await startEmulator();
    pooler = await api();
    await ensureUserSettings({ 'healthCheck.intervalSeconds': 300, requestTimeoutSeconds: 30 });
    await pooler.testing!.storeKey(emulator.key);
  });

  beforeEach(async () => {
    await pooler.testing!.writeConnection({ ...one(), moreModels: [] });
    await settle(pooler);
    emulator.reset();
  });

  after(async () => {
    await pooler.testing!.writeConnection({ ...one(), moreModels: [] });
    await settle(pooler);
    await emulator.stop();
  });

  it('codexPooler.moreModels round-trips at the user level; one model again removes the setting', async () => {
    assert.equal(storedMore(), undefined, 'a one-model setup has no moreModels setting');
    const heard: { model: string; moreModels: readonly string[] }[] = [];
    const listening = pooler.testing!.onDidChangeConnection((read) => heard.push(read));
    try {
      await pooler.testing!.writeConnection({ ...one(), moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'] });
      assert.deepEqual(storedMore(), ['gpt-5.4-mini', 'gpt-5.6-terra']);
      assert.deepEqual(heard, [{ ...one(), moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'] }], 'one change, all of it');
      const checked = await tooltipMatching(/Model: gpt-5\.5 \(main\) · offered\s/);
      assert.match(checked, /Model: gpt-5\.4-mini · offered\s/);
      assert.match(checked, /Model: gpt-5\.6-terra · offered\s/);
      assert.equal(emulator.countRoute('models'), 1, 'one model list for the three models');
      await pooler.testing!.writeConnection(one());
      assert.deepEqual(
        storedMore(),
        ['gpt-5.4-mini', 'gpt-5.6-terra'],
        'a save that names no further models keeps them',
      );
      await pooler.testing!.writeConnection({ ...one(), moreModels: [] });
      assert.equal(storedMore(), undefined);
    } finally {
      listening.dispose();
    }
  });

  it('the status bar names a model the pool stops offering, and drops it when the model comes back', async () => {
    await pooler.testing!.writeConnection({ ...one(), moreModels: ['gpt-5.4-mini', 'gpt-5.6-terra'] });
    await tooltipMatching(/Model: gpt-5\.6-terra · offered\s/);
    await control('remove', 'gpt-5.4-mini');
    await pooler.checkConnection({ mode: 'background' });
    const degraded = await waitForIndicator(pooler, 'degraded');
    assert.equal(degraded.backgroundColor, 'statusBarItem.warningBackground');
    assert.match(degraded.tooltip, /Trae will answer 984 for gpt-5\.4-mini: the pool no longer offers it/);
    assert.match(degraded.tooltip, /Model: gpt-5\.4-mini · not offered now: Trae will answer 984\s/);
    assert.match(degraded.tooltip, /Model: gpt-5\.6-terra · offered\s/);
    const diagnostics = await vscode.commands.executeCommand<string>('codexPooler.copyDiagnostics');
    assert.match(diagnostics, /^- gpt-5\.4-mini: NOT offered now \(Trae answers 984\); not tested$/m);
    assert.match(diagnostics, /^- gpt-5\.5 \(main\): offered; not tested$/m);
    assert.equal(emulator.countRoute('chat'), 0, 'the background check sends no chat');

    await control('add', 'gpt-5.4-mini');
    await pooler.checkConnection({ mode: 'background' });
    const healthy = await waitForIndicator(pooler, 'healthy');
    assert.match(healthy.tooltip, /Model: gpt-5\.4-mini · offered\s/);
    assert.doesNotMatch(healthy.tooltip, /Trae will answer 984/);
  });

  it('the main model gone: the bar fails and names it; a full check records its test chat in the tooltip', async () => {
    await pooler.testing!.writeConnection({ ...one(), moreModels: ['gpt-5.4-mini'] });
    await tooltipMatching(/Model: gpt-5\.4-mini · offered\s/);
    await settle(pooler);
    await pooler.checkConnection({ mode: 'full' });
    await tooltipMatching(/Model: gpt-5\.5 \(main\) · offered · test chat passed just now\s/);
    await control('remove', 'gpt-5.5');
    await pooler.checkConnection({ mode: 'background' });
    const failing = await waitForIndicator(pooler, 'failing');
    assert.match(failing.tooltip, /Model: gpt-5\.5 \(main\) · not offered now: Trae will answer 984/);
  });
});
