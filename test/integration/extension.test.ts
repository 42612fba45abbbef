// The extension in a real VS Code extension host (code-server), against the emulator over loopback.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckReport } from '../../src/core/check/checkReport';
import type { CodexPoolerApi } from '../../src/extension';
import { chatAsTrae } from '../emulator/asTrae';
import { applyScenario, makeMcpToken, makePoolKey, startEmulator, type Emulator } from '../emulator/server';
import {
  EXTENSION_ID,
  api,
  ensureUserSettings,
  filesBelow,
  filesContaining,
  loggedCount,
  profileDir,
  setUserSettings,
  settle,
  tabsCaughtUp,
  tooltipText,
  waitFor,
  waitForCheckOf,
  waitForIndicator,
} from './helpers';

const COMMAND_IDS = [
  'checkConnection',
  'openWizard',
  'setApiKey',
  'clearApiKey',
  'showLog',
  'copyDiagnostics',
  'confirmTrae',
  'copySetupLink',
  'explainTraeError',
].map((c) => `codexPooler.${c}`);

describe('Codex Pooler for Trae in a real extension host', () => {
  let emulator: Emulator;
  let pooler: CodexPoolerApi;
  const secretOf = (key: string) => key.slice('sk-cxp-0123456789ab-'.length);
  const check = () => vscode.commands.executeCommand<CheckReport>('codexPooler.checkConnection');

  const defaults = () => ({
    baseUrl: emulator.apiBase,
    fullUrl: false,
    model: 'gpt-5.5',
    'healthCheck.intervalSeconds': 300,
    requestTimeoutSeconds: 30,
  });

  before(async () => {
    emulator = await startEmulator();
    pooler = await api();
  });

  // Every test starts from a healthy setup, with whatever its predecessor triggered landed first.
  beforeEach(async function () {
    emulator.reset();
    await ensureUserSettings(defaults());
    if (!/without a key|stores a Pool key/.test(this.currentTest?.title ?? ''))
      await pooler.testing!.storeKey(emulator.key);
    await settle(pooler);
    emulator.reset();
  });

  after(async () => {
    await emulator.stop();
  });

  describe('manifest', () => {
    it('contributes the nine commands in the "Codex Pooler" category and registers them', async () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { commands: Array<{ command: string; category: string; title: string }> };
      };
      assert.deepEqual(
        manifest.contributes.commands.map((c) => c.command),
        COMMAND_IDS,
      );
      for (const c of manifest.contributes.commands) assert.equal(c.category, 'Codex Pooler');
      const registered = await vscode.commands.getCommands(true);
      for (const id of [
        ...COMMAND_IDS,
        'codexPooler.statusMenu',
        'codexPooler.traeCheck',
        'codexPooler.moveSecretFromSettings',
      ])
        assert.ok(registered.includes(id), id);
    });

    it('keeps every setting at the user level (scope application)', () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { configuration: { properties: Record<string, { scope: string }> } };
        capabilities: object;
      };
      const properties = manifest.contributes.configuration.properties;
      assert.deepEqual(Object.keys(properties).sort(), [
        'codexPooler.baseUrl',
        'codexPooler.fullUrl',
        'codexPooler.guideLanguage',
        'codexPooler.healthCheck.intervalSeconds',
        'codexPooler.model',
        'codexPooler.moreModels',
        'codexPooler.requestTimeoutSeconds',
      ]);
      for (const [name, p] of Object.entries(properties)) assert.equal(p.scope, 'application', name);
      assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
    });
  });

  describe('Pool API key in SecretStorage', () => {
    it('without a key: "not set up", and a check sends nothing', async () => {
      await pooler.testing!.clearKey();
      const status = await waitForIndicator(pooler, 'notSetUp');
      assert.match(status.text, /Pool: not set up/);
      assert.match(
        status.tooltip,
        /\$\(arrow-right\) \*\*\[Open Setup Wizard\]\(command:codexPooler\.openWizard\)\*\*/,
      );
      const report = await check();
      assert.equal(report.configured, false);
      assert.equal(report.diagnoses[0]!.code, 'key-missing');
      assert.equal(emulator.requests.length, 0);
    });

    it('the key store (test access) stores a Pool key; checks then use it', async () => {
      assert.equal(await pooler.testing!.storeKey(emulator.key), true);
      await settle(pooler);
      emulator.reset();
      const report = await check();
      assert.equal(report.verdict, 'ok', JSON.stringify(report.diagnoses));
      assert.ok(emulator.requests.every((r) => r.authorization === `Bearer ${emulator.key}`));
    });

    it('refuses what is not a Pool key and keeps the stored one', async () => {
      for (const wrong of [
        `Bearer ${emulator.key}`,
        makeMcpToken(),
        'https://pool.example.com/v1',
        '',
        emulator.key.slice(0, 40),
      ]) {
        assert.equal(await pooler.testing!.storeKey(wrong), false, wrong.slice(0, 12));
      }
      const report = await check();
      assert.equal(report.verdict, 'ok');
    });

    it('a new key replaces the old one everywhere', async () => {
      const second = emulator.addKey();
      await pooler.testing!.storeKey(second);
      await settle(pooler);
      emulator.reset();
      await check();
      assert.ok(emulator.requests.length > 0);
      assert.ok(emulator.requests.every((r) => r.authorization === `Bearer ${second}`));
    });
  });

  describe('Check Connection and the status bar', () => {
    it('a full check: models + chat, the answer, and a healthy status bar', async () => {
      const report = await check();
      assert.equal(report.verdict, 'ok');
      assert.equal(report.facts.answer, 'trae ok');
      assert.equal(emulator.countRoute('chat'), 1);
      assert.ok(emulator.countRoute('models') >= 1);
      const status = await waitForIndicator(pooler, 'healthy');
      assert.equal(status.text, '$(pass-filled) Pool');
      assert.equal(status.backgroundColor, undefined);
      assert.match(status.tooltip, /127\.0\.0\.1:\d+/);
      assert.match(status.tooltip, /gpt-5\.5/);
      assert.match(status.tooltip, /Checked just now \(.+, full check with a test chat\)/);
      assert.equal(status.command, 'codexPooler.statusMenu');
    });

    it('failing: a model the pool does not list (Trae would say 984; error colors, the cause in the tooltip)', async () => {
      await setUserSettings({ model: 'gpt-unknown' });
      const status = await waitForIndicator(pooler, 'failing');
      assert.equal(status.text, '$(error) Pool');
      assert.equal(status.backgroundColor, 'statusBarItem.errorBackground');
      assert.match(status.tooltip, /gpt-unknown/);
      assert.match(status.tooltip, /is not among/);
    });

    it('failing, not "works with a problem": the upstream rate-limits the chat check (429)', async () => {
      applyScenario(emulator, 'rate-limited');
      const report = await check();
      assert.equal(report.diagnoses[0]!.code, 'rate_limit_exceeded');
      await waitForIndicator(pooler, 'failing');
    });

    it('degraded (warning colors) only when it works but needs attention: a limit nearly used up', async () => {
      applyScenario(emulator, 'limit-near');
      await pooler.checkConnection({ mode: 'background' });
      const status = await waitForIndicator(pooler, 'degraded');
      assert.equal(status.backgroundColor, 'statusBarItem.warningBackground');
      assert.match(status.tooltip, /Quota: 5 of 100 left/);
    });

    it('a used-up limit: failing, and the bar says when it resets', async () => {
      applyScenario(emulator, 'limit-reached');
      await pooler.checkConnection({ mode: 'background' });
      const status = await waitForIndicator(pooler, 'failing');
      assert.match(status.text, /^\$\(error\) Pool: resets /);
    });

    it('the tooltip says how old the answer is and when the next check is due', async () => {
      await pooler.checkConnection({ mode: 'background' });
      const status = await waitForIndicator(pooler, 'healthy');
      assert.match(status.tooltip, /Checked just now \(.+, free background check\)/);
      assert.match(status.tooltip, /Next check (in \d+ (s|min)|when this window has focus again)/);
    });

    it('background checks off (interval 0): an explicit state, no spinner', async () => {
      await setUserSettings({ 'healthCheck.intervalSeconds': 0 });
      const status = await waitFor('the tooltip to say checks are off', () => {
        const s = pooler.getStatus();
        return s.indicator !== 'checking' && /Background checks are off/.test(tooltipText(s.tooltip)) ? s : undefined;
      });
      assert.notEqual(status.indicator, 'checking');
      await setUserSettings({ 'healthCheck.intervalSeconds': 300 });
    });

    it('failing: a disabled key (error colors, the fix in the tooltip)', async () => {
      applyScenario(emulator, 'key-disabled');
      await setUserSettings({ requestTimeoutSeconds: 29 });
      const status = await waitForIndicator(pooler, 'failing');
      assert.equal(status.text, '$(error) Pool');
      assert.equal(status.backgroundColor, 'statusBarItem.errorBackground');
      assert.match(status.tooltip, /paused, revoked or inactive/);
      assert.match(status.tooltip, /Fix: /);
    });

    it('failing: nothing listening at the URL', async () => {
      await setUserSettings({ baseUrl: 'http://127.0.0.1:9/v1' });
      const status = await waitForIndicator(pooler, 'failing');
      assert.match(status.tooltip, /Nothing is listening/);
    });

    it('a typo in the URL never throws, never wipes the key, and the status bar says what to fix', async () => {
      await setUserSettings({ baseUrl: 'htps//pool.example.com/v1/' });
      const status = await waitForIndicator(pooler, 'failing');
      assert.match(status.tooltip, /does not start with http/);
      assert.equal(emulator.requests.length, 0);
      await setUserSettings({ baseUrl: emulator.apiBase });
      await waitForIndicator(pooler, 'healthy');
      assert.equal((await check()).verdict, 'ok', 'the stored key survived');
    });
  });

  describe('a Trae-shaped finding on the status bar', () => {
    it('"second-turn-rejected": the bar turns to failing with the finding in its tooltip, a background check keeps it, a passing Trae-shaped check clears it', async () => {
      await waitForIndicator(pooler, 'healthy');
      applyScenario(emulator, 'second-turn-rejected');
      const report = await pooler.testing!.traeCheck();
      assert.equal(report?.verdict, 'error');
      const failing = await waitForIndicator(pooler, 'failing');
      assert.equal(failing.backgroundColor, 'statusBarItem.errorBackground');
      assert.match(failing.tooltip, /Trae-shaped check .*Trae's own chat would fail/);
      assert.match(failing.tooltip, /4028/);
      assert.doesNotMatch(failing.tooltip, /\$\(pass-filled\)/);
      // The way to green: the one action that clears it, first and on its own line.
      assert.match(
        failing.tooltip,
        /\$\(arrow-right\) \*\*\[Run Trae-Shaped Check\]\(command:codexPooler\.traeCheck\)\*\*/,
      );
      // A free background check passes (it sends no conversation), yet the finding holds.
      await pooler.checkConnection();
      assert.equal(pooler.getStatus().indicator, 'failing');
      emulator.reset();
      assert.equal((await pooler.testing!.traeCheck())?.verdict, 'ok');
      await waitForIndicator(pooler, 'healthy');
    });

    it('a change of model clears the finding', async () => {
      applyScenario(emulator, 'second-turn-rejected');
      await pooler.testing!.traeCheck();
      await waitForIndicator(pooler, 'failing');
      emulator.reset();
      await setUserSettings({ model: 'gpt-5.6-terra' });
      await waitForIndicator(pooler, 'healthy');
    });
  });

  describe("Confirm Trae Reaches the Pool: the pool as the witness of Trae's chat", () => {
    it('with the wizard closed it waits in a notification; a chat sent as Trae confirms it, the tooltip and Copy Diagnostics say so, a change of model clears it', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitForIndicator(pooler, 'healthy');
      const reads = emulator.countRoute('usage');
      const waiting = vscode.commands.executeCommand<{ phase: string; requests?: number }>('codexPooler.confirmTrae');
      // Trae speaks once the watch has its baseline (its first free usage reading).
      await waitFor('the baseline reading', () => emulator.countRoute('usage') > reads);
      const chats = emulator.countRoute('chat');
      const played = await chatAsTrae(emulator.apiBase, emulator.key, 'gpt-5.5');
      assert.equal(played.status, 200);
      const end = await waiting;
      assert.equal(end?.phase, 'arrived');
      assert.equal(end.requests, 1);
      assert.equal(emulator.countRoute('chat'), chats + 1, 'the watch sent no chat of its own');
      const status = await waitFor('the tooltip line', () => {
        const s = pooler.getStatus();
        return tooltipText(s.tooltip).includes('Trae confirmed on') && s;
      });
      assert.doesNotMatch(status.tooltip, /command:codexPooler\.confirmTrae/, 'no "Confirm" link once confirmed');
      const text = await vscode.commands.executeCommand<string>('codexPooler.copyDiagnostics');
      assert.match(text, /Confirmed from Trae: \d{4}-\d\d-\d\dT/);
      assert.ok(!text.includes(emulator.key.slice(20)));
      await setUserSettings({ model: 'gpt-5.6-terra' });
      await waitFor(
        'the confirmation cleared',
        () => !tooltipText(pooler.getStatus().tooltip).includes('Trae confirmed'),
      );
      const after = await vscode.commands.executeCommand<string>('codexPooler.copyDiagnostics');
      assert.match(after, /Confirmed from Trae: not for this setup and key/);
    });
  });

  describe("setup links, through the editor's own link handling (no test hook)", () => {
    const wizardTabs = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Codex Pooler setup for Trae');
    const logHas = (text: string) => profileDir() !== undefined && filesContaining(profileDir()!, text).length > 0;
    const open = async (query: string) => {
      // The user's own setting that trusts this extension's links (VS Code asks otherwise).
      await vscode.workspace
        .getConfiguration('extensions')
        .update('confirmedUriHandlerExtensionIds', [EXTENSION_ID], vscode.ConfigurationTarget.Global);
      // `vscode.open` of a link in the editor's own scheme: the editor routes it to the extension's URI
      // handler, as it does for a link clicked elsewhere (openExternal would leave the editor in a browser).
      await vscode.commands.executeCommand(
        'vscode.open',
        vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/setup?${query}`),
      );
    };

    it('a link opens the wizard prefilled; the pool it names gets no request and nothing is saved', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const stranger = await startEmulator();
      try {
        const before = vscode.workspace.getConfiguration('codexPooler').inspect('baseUrl')?.globalValue;
        await open(`url=${encodeURIComponent(stranger.apiBase)}&model=gpt-5.4-mini&fullUrl=0`);
        await waitFor('the wizard', () => wizardTabs().length === 1);
        // The wizard logs this just before it starts whatever the draft wants; a full check after it is the
        // marker: several round trips later, a request the wizard started would have reached the pool.
        await waitFor('the draft in the log', () =>
          logHas(`a setup link for ${new URL(stranger.url).host} opened as a draft`),
        );
        assert.equal((await check()).verdict, 'ok');
        assert.equal(stranger.requests.length, 0, 'nothing sent to the pool the link names');
        assert.equal(vscode.workspace.getConfiguration('codexPooler').inspect('baseUrl')?.globalValue, before);
      } finally {
        await stranger.stop();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('a link that carries a key is refused: no wizard, no request, and the key is kept nowhere', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // The pool the link names is not the saved one: the background checks of the saved pool cannot blur it.
      const stranger = await startEmulator();
      try {
        const secret = makePoolKey();
        await open(`url=${encodeURIComponent(stranger.apiBase)}&model=${encodeURIComponent(secret)}`);
        await waitFor('the refusal in the log', () => logHas('A setup link was refused (secret)'));
        assert.equal(wizardTabs().length, 0);
        assert.equal(stranger.requests.length, 0, 'nothing sent to the pool the link names');
        assert.deepEqual(filesContaining(profileDir()!, secret.slice(20)), []);
      } finally {
        await stranger.stop();
      }
    });
  });

  describe('background health', () => {
    it('a settings change re-checks for free (model list and usage), never the chat request', async () => {
      await setUserSettings({ model: 'gpt-5.6-terra' });
      // The check the change started has ended once the status bar shows its answer for the new model.
      const status = await waitForCheckOf(pooler, 'gpt-5.6-terra');
      assert.equal(status.indicator, 'healthy');
      assert.match(status.tooltip, /Checked just now \(.+, free background check\)/);
      assert.equal(emulator.countRoute('chat'), 0);
      assert.deepEqual(Object.keys(emulator.counts()).sort(), ['GET /v1/models', 'GET /v1/usage']);
    });

    it('never overlaps: a burst of changes while the pool is slow gives one check at a time', async () => {
      applyScenario(emulator, 'slow', emulator.url, new URLSearchParams({ ms: '400' }));
      const changes = 8;
      const started = Date.now();
      for (let i = 0; i < changes; i++) await setUserSettings({ requestTimeoutSeconds: 20 + i });
      const burstMs = Date.now() - started;
      // While the slow check runs, the tooltip says so; the bar keeps the last answer meanwhile.
      await waitFor('the tooltip to say a check runs', () =>
        /Checking now/.test(tooltipText(pooler.getStatus().tooltip)),
      );
      await waitFor('the burst to settle', () => emulator.countRoute('models') >= 1);
      await waitForIndicator(pooler, 'healthy', 10_000);
      await settle(pooler, 1000);
      const checks = emulator.countRoute('models');
      assert.equal(emulator.maxInFlight.models, 1, 'two background checks overlapped');
      // Changes during a running check fold into one more check after it.
      assert.ok(
        checks < changes && checks <= 2 + Math.ceil(burstMs / 400),
        `${checks} checks for ${changes} changes in ${burstMs} ms`,
      );
      assert.equal(emulator.countRoute('chat'), 0);
    });

    it('saving the connection writes three values as one change, checked once (never half-written)', async () => {
      emulator.reset();
      // All three values change (Full URL on): half-written would be a change heard with some of them only.
      const saved = { baseUrl: `${emulator.apiBase}/chat/completions`, fullUrl: true, model: 'gpt-5.6-terra' };
      const heard: { baseUrl: string; fullUrl: boolean; model: string; moreModels: readonly string[] }[] = [];
      const listening = pooler.testing!.onDidChangeConnection((read) => heard.push(read));
      try {
        await pooler.testing!.writeConnection(saved);
        // A one-model save: no further models, as before issue 24.
        assert.deepEqual(heard, [{ ...saved, moreModels: [] }], 'one change, heard with all three values');
        await waitForCheckOf(pooler, 'gpt-5.6-terra');
        assert.equal(emulator.countRoute('models'), 1, JSON.stringify(emulator.counts()));
        assert.equal(emulator.countRoute('chat'), 0);
      } finally {
        listening.dispose();
        await pooler.testing!.writeConnection({ baseUrl: emulator.apiBase, fullUrl: false, model: 'gpt-5.5' });
        await settle(pooler);
      }
    });

    it('a workspace cannot point the key elsewhere: its codexPooler values are ignored, the key goes only to the user-level pool', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the test host opens a workspace folder');
      const dir = path.join(folder.uri.fsPath, '.vscode');
      const settingsFile = path.join(dir, 'settings.json');
      const createdDir = !fs.existsSync(dir);
      const editorTabSize = () => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue;
      const stranger = await startEmulator();
      try {
        // A cloned repository's settings: another pool that would take any key, and an ordinary editor
        // setting as the marker that the editor has read the file.
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
          settingsFile,
          JSON.stringify({
            'codexPooler.baseUrl': stranger.apiBase,
            'codexPooler.model': 'gpt-5.4-mini',
            'editor.tabSize': 7,
          }),
        );
        await waitFor('the editor to read the workspace settings', () => editorTabSize() === 7);
        const report = await check();
        assert.deepEqual(
          stranger.requests.map((r) => `${r.path} ${r.authorization ? 'with a key' : 'without a key'}`),
          [],
          'nothing was sent where the workspace points',
        );
        assert.equal(report.target.endpoint?.apiBase, emulator.apiBase);
        assert.equal(report.target.model, 'gpt-5.5');
        assert.equal(report.verdict, 'ok', JSON.stringify(report.diagnoses));
        assert.ok(emulator.requests.length > 0);
        assert.ok(emulator.requests.every((r) => r.authorization === `Bearer ${emulator.key}`));
      } finally {
        if (createdDir) fs.rmSync(dir, { recursive: true, force: true });
        else fs.rmSync(settingsFile, { force: true });
        await waitFor('the workspace settings to be gone', () => editorTabSize() === undefined);
        await stranger.stop();
      }
    });
  });

  describe('diagnostics and the log', () => {
    it('Copy Diagnostics: versions and the report on the clipboard, the key redacted', async () => {
      await check();
      const text = await vscode.commands.executeCommand<string>('codexPooler.copyDiagnostics');
      assert.match(text, /codex-pooler-trae 0\.1\.0/);
      assert.ok(text.includes(vscode.version), 'editor version');
      assert.ok(text.includes(vscode.env.appName), 'app name');
      assert.match(text, /Verdict: ok/);
      assert.ok(text.includes(emulator.key.slice(0, 20) + '…'), 'masked key: its whole id part');
      assert.ok(!text.includes(secretOf(emulator.key)), 'no key');
      assert.equal(await vscode.env.clipboard.readText(), text);
    });

    it('Show Log opens the log, which has the checks and never the key', async function () {
      const root = profileDir();
      // Desktop VS Code through @vscode/test-electron keeps its profile elsewhere: nothing to scan then.
      if (!root) return this.skip();
      await check();
      await vscode.commands.executeCommand('codexPooler.showLog');
      const logFile = await waitFor('the log file', () =>
        filesBelow(root).find(
          (f) => path.basename(f) === 'Codex Pooler.log' && fs.readFileSync(f, 'utf8').includes('full check'),
        ),
      );
      const log = fs.readFileSync(logFile, 'utf8');
      assert.match(log, /Verdict: ok/);
      assert.ok(!log.includes(secretOf(emulator.key)));
    });

    it('the key never lands in settings, globalState, logs or any other file the editor wrote', async function () {
      const root = profileDir();
      if (!root) return this.skip();
      // Touch everything that writes: settings, the wizard's saved state, logs, diagnostics.
      await vscode.commands.executeCommand('codexPooler.openWizard');
      await waitFor('the wizard tab', () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Codex Pooler setup for Trae'),
      );
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const checksLogged = loggedCount(root, 'full check');
      await check();
      // The log is written in order: once this check's report is on disk, so is everything logged before it.
      await waitFor('the check in the log on disk', () => loggedCount(root, 'full check') > checksLogged);
      const written = ['user-data', 'extensions', 'workspace', 'xdg'].map((d) => path.join(root, d));
      const settings = fs.readFileSync(path.join(root, 'user-data', 'User', 'settings.json'), 'utf8');
      assert.match(settings, /codexPooler\.baseUrl/, 'the settings file is the one the extension writes');
      for (const dir of written) {
        assert.deepEqual(filesContaining(dir, secretOf(emulator.key)), [], dir);
        assert.deepEqual(filesContaining(dir, emulator.key), [], dir);
      }
      assert.deepEqual(
        filesContaining(root, secretOf(emulator.key)).filter((f) => !f.includes(`${path.sep}browser${path.sep}`)),
        [],
      );
    });
  });

  describe('wizard and API', () => {
    it('Open Setup Wizard opens the wizard panel', async () => {
      await vscode.commands.executeCommand('codexPooler.openWizard');
      const tab = await waitFor('the wizard tab', () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Codex Pooler setup for Trae'),
      );
      assert.ok(tab.input instanceof vscode.TabInputWebview);
      await vscode.window.tabGroups.close(tab);
    });

    it('two opens at once give one wizard, and closing it while it opens throws nothing', async () => {
      const wizardTabs = () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Codex Pooler setup for Trae');
      try {
        await Promise.all([
          vscode.commands.executeCommand('codexPooler.openWizard'),
          vscode.commands.executeCommand('codexPooler.openWizard'),
        ]);
        await tabsCaughtUp();
        assert.equal(wizardTabs().length, 1);
        // From no wizard at all (an open one would only be brought to the front).
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await waitFor('the wizard closed', () => wizardTabs().length === 0);
        const opening = vscode.commands.executeCommand('codexPooler.openWizard');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await opening;
        // Closed while it opened: no wizard comes up afterwards.
        await tabsCaughtUp();
        assert.equal(wizardTabs().length, 0);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('the API runs the free check by default, the full one only when asked', async () => {
      const free = (await pooler.checkConnection())!;
      assert.equal(free.mode, 'background');
      assert.equal(emulator.countRoute('chat'), 0);
      const report = (await pooler.checkConnection({ mode: 'full' }))!;
      assert.equal(report.mode, 'full');
      assert.equal(report.facts.servedModel, 'gpt-5.5');
    });

    it('clearing the key (test access) takes the status bar back to "not set up"', async () => {
      await pooler.testing!.clearKey();
      await waitForIndicator(pooler, 'notSetUp');
    });

    it('no test hooks in the product: Set Pool API Key ignores an argument and asks the user', async () => {
      const other = emulator.addKey();
      // Any extension could call these: a string must not be stored silently, an object must not skip the question.
      const asked = vscode.commands.executeCommand<boolean>('codexPooler.setApiKey', other);
      let answered = false;
      void asked.then(
        () => (answered = true),
        () => (answered = true),
      );
      // The question shows up when the editor gets to it: dismiss it (as a user would) until the command ends.
      await waitFor('the key question, dismissed', async () => {
        if (!answered) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return answered;
      });
      assert.equal(await asked, false, 'nothing was stored: the question was asked, and dismissed');
      emulator.reset();
      await check();
      assert.ok(emulator.requests.length > 0);
      assert.ok(
        emulator.requests.every((r) => r.authorization === `Bearer ${emulator.key}`),
        'the stored key is unchanged',
      );
    });
  });
});
