// Browser end-to-end: the packaged VSIX installed into code-server, driven like a person in Debian
// chromium, against the emulator. One server and one page serve every case (the workbench takes
// ~10 s to load); the cases run in order, like a user's first session.
// Run: npm run test:e2e (after npm run package and npm run compile-tests).
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/host-tools.mjs';
import { installVsix, launchBrowser, makeProfile, openWorkbench, runPaletteCommand, startCodeServer } from '../host/codeServer.mjs';

const require = createRequire(import.meta.url);
const { startEmulator, makeMcpToken } = require('../../out/test/emulator/server.js');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const vsix = join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
const shots = join(repoRoot, 'test-output', 'screenshots');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('Codex Pooler for Trae, from the VSIX, in a browser', function () {
  this.timeout(120_000);
  let emulator;
  let profile;
  let server;
  let browser;
  let page;
  let wizard;
  let theme = 'light';

  before(async function () {
    this.timeout(240_000);
    assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package first`);
    mkdirSync(shots, { recursive: true });
    emulator = await startEmulator();
    profile = await makeProfile({ settings: { 'workbench.colorTheme': 'Default Light Modern', 'workbench.tips.enabled': false, 'codexPooler.healthCheck.intervalSeconds': 300 } });
    await installVsix(profile, vsix);
    server = await startCodeServer(profile);
    browser = await launchBrowser(profile.root, { origin: server.url, consoleLogFile: join(repoRoot, 'test-output', 'e2e-browser-console.log') });
    page = browser.page;
    await openWorkbench(page, server);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const toasts = await page.locator('.notifications-toasts .notification-toast').allTextContents().catch(() => []);
      console.log(`    toasts at failure: ${JSON.stringify(toasts)}`);
      const logs = [];
      const find = (dir) => { for (const n of readdirSync(dir)) { const f = join(dir, n); const st = statSync(f, { throwIfNoEntry: false }); if (st?.isDirectory()) find(f); else if (n === 'Codex Pooler.log') logs.push(f); } };
      find(profile.root);
      for (const f of logs) console.log(`    ${f}:\n${readFileSync(f, 'utf8').split('\n').slice(-25).join('\n')}`);
      await page.screenshot({ path: join(repoRoot, 'test-output', `e2e-failure-${this.currentTest.title.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.stop();
  });

  // ---------------------------------------------------------------- helpers

  async function statusLabel() {
    return page.locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]').first().getAttribute('aria-label');
  }

  async function waitForStatus(state, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await statusLabel().catch(() => undefined);
      if (last === `Codex Pooler: ${state}`) return;
      await sleep(200);
    }
    throw new Error(`status bar never said "${state}" (last: ${last})`);
  }

  function toast(text) {
    return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }

  /** Clears every notification (palette: Notifications: Clear All Notifications). */
  async function clearToasts() {
    await runPaletteCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  }

  /** The wizard's document: the webview is two iframes deep; find the frame that has our #app. */
  async function wizardFrame(timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        const title = await frame.locator('#app h1').textContent({ timeout: 200 }).catch(() => null);
        if (title && /Codex Pooler/.test(title)) return frame;
      }
      await sleep(200);
    }
    throw new Error('the wizard webview did not appear');
  }

  async function waitForStep(n) {
    await assert.doesNotReject(wizard.locator('#step-title', { hasText: new RegExp(`^${n}\\.`) }).waitFor({ timeout: 10_000 }), `step ${n}`);
  }

  /** Like a person: Preferences: Color Theme, type the name, Enter (file edits are not picked up live here). */
  async function setTheme(name) {
    const label = name === 'dark' ? 'Dark Modern' : 'Light Modern';
    await runPaletteCommand(page, 'Preferences: Color Theme');
    await page.keyboard.type(label);
    // Enter only once the filtered list has the theme on top (else it browses the marketplace).
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.monaco-workbench.${name === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 10_000 });
    theme = name;
    await sleep(600);
  }

  /** A screenshot of the wizard step in light and dark, for the README and for a person to look at. */
  async function shoot(name) {
    for (const t of ['light', 'dark']) {
      if (theme !== t) await setTheme(t);
      await page.screenshot({ path: join(shots, `${name}-${t}.png`) });
    }
    await setTheme('light');
  }

  /** Clicks into a field of the webview and waits until it really has the keyboard (focus moves
   *  into the webview's inner frame asynchronously; keys typed before that are lost). */
  async function focusField(locator) {
    await locator.click();
    for (let i = 0; i < 50; i++) {
      if (await locator.evaluate((el) => el === document.activeElement && document.hasFocus())) break;
      await sleep(100);
    }
    await sleep(150);
  }

  async function readClipboard() {
    return page.evaluate(() => navigator.clipboard.readText());
  }

  async function pressTabUntilFocused(frame, selector, max = 40) {
    for (let i = 0; i < max; i++) {
      if (await frame.locator(selector).evaluate((el) => el === document.activeElement).catch(() => false)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  // ---------------------------------------------------------------- cases

  it('first run: the status bar says "not set up" and the wizard is offered once', async () => {
    await waitForStatus('not set up');
    const offer = toast('not set up yet');
    await offer.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(shots, 'first-run.png') });
    await offer.locator('a.monaco-button, .monaco-button', { hasText: 'Open Setup Wizard' }).first().click();
    wizard = await wizardFrame();
  });

  it('Check Connection from the command palette names what is missing', async () => {
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    const message = toast('No Pool API key is set');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.textContent(), /Set Pool API Key/);
    await clearToasts();
  });

  it('step 1, Pool URL: checked as you type, one-click fixes, the URL Trae will call', async () => {
    wizard = await wizardFrame();
    await waitForStep(1);
    const url = wizard.locator('#url');
    await focusField(url);
    await url.press('Control+A');
    // A remote host over http: the fix is https.
    await page.keyboard.type('http://pool.example.com/v1');
    await wizard.locator('.finding.error', { hasText: 'unencrypted' }).waitFor();
    assert.ok(await wizard.locator('.fix-button', { hasText: 'Use https' }).isVisible());
    assert.ok(await wizard.locator('#next').isDisabled());
    // Several problems at once (quotes, a query, /chat/completions with Full URL off): one click fixes all.
    await url.press('Control+A');
    await page.keyboard.type(`"${emulator.apiBase}/chat/completions?stream=1"`);
    await wizard.locator('#fix-all').waitFor();
    assert.match(await wizard.locator('#fix-all').textContent(), new RegExp(`Fix everything: ${emulator.apiBase.replace(/[.]/g, '\\.')} \\(Full URL off\\)`));
    await wizard.locator('#fix-all').click();
    await wizard.locator('.calls code', { hasText: `${emulator.apiBase}/chat/completions` }).waitFor();
    assert.equal(await wizard.locator('#url').inputValue(), emulator.apiBase);
    // The emulator's URL pasted with a trailing slash: a warning with its one-click fix.
    await url.press('Control+A');
    await page.keyboard.type(`${emulator.apiBase}/`);
    await wizard.locator('.fix-button', { hasText: 'Remove the trailing slash' }).click();
    // Full URL turned on by mistake: the URL and the switch disagree (Trae's "404 The API does not exist").
    await wizard.locator('#full-url').check();
    await wizard.locator('.finding.error', { hasText: 'does not end in /v1/chat/completions' }).waitFor();
    await shoot('wizard-step1-problem');
    await wizard.locator('.fix-button', { hasText: 'Turn Full URL off' }).click();
    await wizard.locator('.calls code', { hasText: `${emulator.apiBase}/chat/completions` }).waitFor();
    assert.equal(await wizard.locator('#url').inputValue(), emulator.apiBase);
    assert.equal(await wizard.locator('#full-url').isChecked(), false);
    await wizard.locator('#next:not([disabled])').waitFor();
    await shoot('wizard-step1');
    // Keyboard only: Tab to Next, Enter.
    await pressTabUntilFocused(wizard, '#next');
    await page.keyboard.press('Enter');
    await waitForStep(2);
  });

  it('step 2, Pool API key: names a wrong paste, stores the key, never shows it again', async () => {
    const key = wizard.locator('#key');
    await focusField(key);
    await page.keyboard.type(makeMcpToken());
    await wizard.locator('#key-check .finding.error', { hasText: 'MCP token' }).waitFor();
    assert.ok(await wizard.locator('#save-key').isDisabled());
    await key.fill('');
    await page.keyboard.type(`Bearer ${emulator.key}`);
    await wizard.locator('#key-check', { hasText: 'Authorization header' }).waitFor();
    await wizard.locator('#save-key', { hasText: 'Save the key inside' }).waitFor();
    await shoot('wizard-step2-problem');
    await wizard.locator('#save-key').press('Enter');
    await wizard.locator('#key-stored').waitFor();
    assert.match(await wizard.locator('#key-stored').textContent(), new RegExp(`${emulator.key.slice(0, 11)}…`));
    const html = await wizard.locator('html').evaluate((el) => el.outerHTML);
    assert.ok(!html.includes(emulator.key.slice(20)), 'the wizard DOM must not hold the key');
    await shoot('wizard-step2');
    await wizard.locator('#next').click();
    await waitForStep(3);
  });

  it('step 3, Model: the pool\'s list with image support and context; an unknown id is explained', async () => {
    await wizard.locator('fieldset.models').waitFor();
    const options = await wizard.locator('.model-option').allTextContents();
    assert.equal(options.length, 3);
    assert.match(options[0], /GPT-5\.5.*gpt-5\.5.*images.*258,400/);
    assert.match(options[2], /gpt-5\.4-mini.*text only/);
    await wizard.locator('#model').fill('gpt-9-imaginary');
    await wizard.locator('#model-check.warning', { hasText: 'does not offer' }).waitFor();
    assert.ok(await wizard.locator('#next').isDisabled());
    await shoot('wizard-step3-problem');
    await wizard.locator('.model-option', { hasText: 'gpt-5.5' }).first().click();
    await wizard.locator('#model-check.ok').waitFor();
    assert.equal(await wizard.locator('#model').inputValue(), 'gpt-5.5');
    await shoot('wizard-step3');
    await wizard.locator('#next:not([disabled])').click();
    await waitForStep(4);
  });

  it('step 4, Connection test: each step with timing, the answer, then save', async () => {
    await wizard.locator('button', { hasText: 'Run the test' }).click();
    await wizard.locator('#verdict.pass').waitFor({ timeout: 20_000 });
    assert.match(await wizard.locator('#answer').textContent(), /trae ok/);
    const rows = await wizard.locator('.steps-table tr').allTextContents();
    assert.ok(rows.some((r) => /Chat check.*passed.*ms/.test(r)), rows.join(' | '));
    assert.equal(emulator.countRoute('chat'), 1);
    await shoot('wizard-step4');
    await wizard.locator('#next', { hasText: 'Save and continue' }).click();
    await waitForStep(5);
    await waitForStatus('healthy');
    const settings = JSON.parse(readFileSync(join(profile.userDataDir, 'User', 'settings.json'), 'utf8'));
    assert.equal(settings['codexPooler.baseUrl'], emulator.apiBase);
    assert.equal(settings['codexPooler.model'], 'gpt-5.5');
    assert.ok(!JSON.stringify(settings).includes(emulator.key.slice(20)));
  });

  it('step 5, Set up Trae: the eleven fields, Copy buttons, Trae CN labels', async () => {
    const labels = await wizard.locator('table.fields tbody th').allTextContents();
    assert.deepEqual(labels, ['API format', 'Custom Request URL', 'Full URL', 'Model ID', 'Multimodal', 'API key', 'Model Series', 'Display Name', 'Context Window input', 'Context Window output', 'Tool Call Rounds']);
    await shoot('wizard-step5');
    await wizard.locator('tr[data-field="requestUrl"] button.copy').click();
    await sleep(300);
    assert.equal(await readClipboard(), emulator.apiBase);
    await wizard.locator('tr[data-field="displayName"] button.copy').click();
    await sleep(300);
    assert.equal(await readClipboard(), 'GPT-5.5 via Codex Pooler');
    await wizard.locator('tr[data-field="apiKey"] button.copy').click();
    await sleep(300);
    assert.equal(await readClipboard(), emulator.key, 'the API key copy goes through the host clipboard');
    assert.ok(!(await wizard.locator('html').evaluate((el) => el.outerHTML)).includes(emulator.key.slice(20)));
    assert.equal(await wizard.locator('tr[data-field="multimodal"] .toggle').getAttribute('aria-label'), 'Multimodal: On');
    // Trae CN, switched in place.
    await wizard.locator('input[name="language"][value="zh-cn"]').check();
    await wizard.locator('table.fields tbody th', { hasText: '自定义请求地址' }).waitFor();
    const cn = await wizard.locator('table.fields tbody th').allTextContents();
    for (const label of ['API 格式', '自定义请求地址', '完整 URL', '模型 ID', 'API 密钥', '模型系列', '显示名称', '上下文窗口 input', '上下文窗口 output']) assert.ok(cn.includes(label), label);
    assert.match(await wizard.locator('ol.guide').textContent(), /设置 -> 模型/);
    await shoot('wizard-step5-trae-cn');
    await wizard.locator('button.copy[data-copy="all"]').click();
    await sleep(300);
    const all = await readClipboard();
    assert.match(all, new RegExp(`自定义请求地址: ${emulator.apiBase.replace(/[.]/g, '\\.')}`));
    assert.match(all, /Tool Call Rounds: 200/);
    assert.ok(!all.includes(emulator.key.slice(20)), 'Copy all never includes the key');
    await wizard.locator('input[name="language"][value="en"]').check();
    await wizard.locator('table.fields tbody th', { hasText: 'Custom Request URL' }).waitFor();
    // Narrow panel: still readable at ~400 px.
    await page.setViewportSize({ width: 420, height: 900 });
    await sleep(800);
    await page.screenshot({ path: join(shots, 'wizard-step5-narrow-light.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await sleep(500);
    await wizard.locator('#next').click();
    await waitForStep(6);
  });

  it('step 6, Choose it in chat: Auto Mode off, Custom Models, the test message', async () => {
    const text = await wizard.locator('ol.guide').textContent();
    assert.match(text, /Turn Auto Mode off/);
    assert.match(text, /GPT-5\.5 via Codex Pooler.*Custom Models/);
    assert.match(text, /Reply with exactly: trae ok/);
    await shoot('wizard-step6');
    await page.locator('#workbench\\.parts\\.statusbar').screenshot({ path: join(shots, 'status-bar-healthy.png') });
  });

  it('the wizard state survives closing and reopening (never the key)', async () => {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('W');
    await sleep(500);
    await runPaletteCommand(page, 'Codex Pooler: Open Setup Wizard');
    wizard = await wizardFrame();
    await waitForStep(6);
    await wizard.locator('.step-link', { hasText: 'Pool URL' }).click();
    await waitForStep(1);
    assert.equal(await wizard.locator('#url').inputValue(), emulator.apiBase);
  });

  it('Check Connection from the palette: the notification and a healthy status bar', async () => {
    await clearToasts();
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    const message = toast('Codex Pooler works');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.textContent(), /gpt-5\.5 answered "trae ok"/);
    await waitForStatus('healthy');
    await page.screenshot({ path: join(shots, 'check-connection-ok.png') });
    await clearToasts();
  });

  it('a failing pool: the notification names the cause, the status bar turns to "not working"', async () => {
    emulator.keys.set(emulator.key, { status: 'disabled' });
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    const message = toast('paused, revoked or inactive');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.textContent(), /Codex Pooler check failed/);
    await waitForStatus('not working');
    await page.locator('#workbench\\.parts\\.statusbar').screenshot({ path: join(shots, 'status-bar-failing.png') });
    await page.screenshot({ path: join(shots, 'check-connection-failed.png') });
    emulator.keys.set(emulator.key, { status: 'active' });
    await clearToasts();
  });

  it('the wizard comes back after the editor restarts (window reload), at the same step', async () => {
    wizard = await wizardFrame();
    await wizard.locator('.step-link', { hasText: 'Choose it in chat' }).click();
    await waitForStep(6);
    // "Developer: Reload Window": the workbench shuts down in order (saving the panel's state and
    // globalState, as an editor does when it quits) and starts again. A raw page reload skips that.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runPaletteCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
    wizard = await wizardFrame(60_000);
    await waitForStep(6);
    assert.match(await wizard.locator('ol.guide').textContent(), /Custom Models/);
    await waitForStatus('healthy', 30_000);
  });

  it('Set Pool API Key from the palette: the input box names a wrong paste as you type', async () => {
    await runPaletteCommand(page, 'Codex Pooler: Set Pool API Key');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    assert.equal(await input.getAttribute('type'), 'password');
    await page.keyboard.type(makeMcpToken());
    await page.locator('.quick-input-widget', { hasText: 'operator MCP token' }).waitFor();
    await page.keyboard.press('Enter');
    assert.ok(await input.isVisible(), 'Enter must not accept a wrong key');
    await input.fill('');
    await page.keyboard.type(emulator.key);
    await page.locator('.quick-input-widget', { hasText: 'This is a Pool API key' }).waitFor();
    await page.keyboard.press('Enter');
    await toast('Pool API key saved').waitFor({ timeout: 10_000 });
    assert.match(await toast('Pool API key saved').textContent(), new RegExp(`${emulator.key.slice(0, 11)}…`));
    await clearToasts();
  });

  it('Clear Pool API Key asks first, then the status bar says "not set up"', async () => {
    await runPaletteCommand(page, 'Codex Pooler: Clear Pool API Key');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Remove the Pool API key from this editor\?/);
    await page.screenshot({ path: join(shots, 'clear-key-confirmation.png') });
    await dialog.locator('.monaco-button', { hasText: 'Remove' }).click();
    await waitForStatus('not set up');
    await clearToasts();
  });

  it('key-leak sweep: no file the editor or the extension wrote holds the key', async () => {
    await sleep(1000);
    const secret = emulator.key.slice(20);
    const hits = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        const stat = statSync(full, { throwIfNoEntry: false });
        if (!stat) continue;
        if (stat.isDirectory()) walk(full);
        else if (stat.isFile()) {
          const bytes = readFileSync(full);
          if (bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(secret, 'utf16le'))) hits.push(full);
        }
      }
    };
    // Everything: user data (settings, globalState, logs), extensions, workspace, server log, browser profile.
    walk(profile.root);
    wizard = await wizardFrame();
    const dom = await wizard.locator('html').evaluate((el) => el.outerHTML);
    assert.ok(!dom.includes(secret), 'wizard DOM');
    const workbench = await page.content();
    assert.ok(!workbench.includes(secret), 'workbench DOM');
    assert.deepEqual(hits, []);
  });
});
