// Setup links in a real editor and browser, opened the way a user opens any link into the editor
// ("Developer: Open URL", then VS Code's own "Allow … to open this URI?" prompt allowed): the wizard opens
// prefilled; the pool the link names (a second emulator, recording every request) gets nothing until
// "Check this pool"; a link with a key is refused and the key is found nowhere; Copy Setup Link copies a
// link without a key; a link with several models lists them, with what it adds and removes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesHolding, waitFor } from './helpers.mjs';
import { env, makePoolKey, SHOTS, startEmulator } from './env.mjs';
import { given, writeSettings } from './state.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

const EXTENSION_ID = 'codex-pooler-community.codex-pooler-trae';
/** code-server's link scheme (`vscode.env.uriScheme`); Trae's is `trae`, Trae CN's `trae-cn`. */
const SCHEME = 'code-oss';

/** Opens a link like a user: Developer: Open URL, the link, Enter, and VS Code's prompt allowed. */
async function openLink(link) {
  const { page } = env;
  await runPaletteCommand(page, 'Developer: Open URL');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(link);
  await page.keyboard.press('Enter');
  const prompt = page.locator('.monaco-dialog-box', { hasText: 'to open this URI' });
  await prompt.waitFor({ timeout: 15_000 });
  await prompt.locator('.monaco-button', { hasText: /^Open$/ }).click();
  await prompt.waitFor({ state: 'detached' });
}

/** The extension's settings as saved (the theme changes as screenshots are taken). */
const settingsNow = () =>
  JSON.stringify(
    Object.entries(JSON.parse(readFileSync(env.settingsFile, 'utf8'))).filter(([id]) => id.startsWith('codexPooler.')),
  );

describe('setup links', function () {
  this.timeout(180_000);

  it('a link opens the wizard prefilled; the pool it names gets no request, and nothing is saved, until "Check this pool"', async () => {
    const { wb, emulator } = env;
    await given();
    const stranger = await startEmulator();
    try {
      const before = settingsNow();
      await openLink(
        `${SCHEME}://${EXTENSION_ID}/setup?url=${encodeURIComponent(stranger.apiBase)}&model=gpt-5.4-mini&fullUrl=0`,
      );
      const wizard = await wb.wizardFrame();
      await wb.waitForStep(1);
      const banner = wizard.locator('#link-banner');
      await banner.waitFor();
      assert.match(
        await wizard.locator('#link-host').textContent(),
        new RegExp(`points at ${new URL(stranger.url).host}`),
      );
      assert.equal(await wizard.locator('#url').inputValue(), stranger.apiBase);
      assert.match(await banner.textContent(), /gpt-5\.4-mini/);
      assert.match(
        await wizard.locator('#check-link-pool').textContent(),
        new RegExp(`not the one you use now, ${new URL(emulator.url).host.replace(/[.]/g, '\\.')}`),
      );
      await wizard.locator('#url-reach', { hasText: 'Nothing is sent to it' }).waitFor();
      assert.equal(stranger.requests.length, 0, 'nothing sent to the pool the link names');
      assert.equal(settingsNow(), before, 'nothing saved');
      await wb.axe('step 1 from a link');
      await wb.shoot('wizard-from-link');

      // The user chooses to check it: the free probe only, without the key.
      await wizard.locator('#check-link-pool').click();
      await wizard.locator('#url-reach.check-line.pass').waitFor({ timeout: 20_000 });
      assert.ok(stranger.requests.length > 0);
      assert.ok(
        stranger.requests.every((r) => !r.authorization),
        'no key before the user goes on from step 1',
      );
      // Going on from step 1 is choosing this pool: the stored key goes there now, for its model list.
      await wizard.locator('#next').click();
      await wb.waitForStep(2);
      await waitFor(
        () => stranger.requests.some((r) => r.authorization === `Bearer ${emulator.key}`),
        10_000,
        'the stored key to go to the chosen pool',
      );
      assert.equal(settingsNow(), before, 'still nothing saved');
    } finally {
      await stranger.stop();
    }
  });

  it('a link that matches the saved setup: the wizard comes to the front and says so (defect: no sign it arrived)', async () => {
    const { wb, page, emulator } = env;
    await given({ wizard: 'trae' });
    await runPaletteCommand(page, 'File: New Untitled Text File');
    const wizardTab = page.locator('.tabs-container .tab', { hasText: 'Codex Pooler setup' });
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor();
    const before = settingsNow();
    await openLink(
      `${SCHEME}://${EXTENSION_ID}/setup?url=${encodeURIComponent(emulator.apiBase)}&model=gpt-5.5&fullUrl=0`,
    );
    await page.locator('.tabs-container .tab.active', { hasText: 'Codex Pooler setup' }).waitFor({ timeout: 15_000 });
    const wizard = await wb.wizardFrame();
    await wizard
      .locator('[data-notice="linkSame"]', { hasText: 'This setup link matches your saved setup: nothing to change.' })
      .waitFor();
    await wb.waitForStep(5);
    assert.equal(await wizard.locator('#link-banner').isVisible(), false, 'no draft "from a link"');
    assert.equal(settingsNow(), before);
    assert.equal(await wizardTab.count(), 1, 'the open wizard, not a second one');
  });

  it('a link that carries a key is refused with the reason; the key is found nowhere (DOM, storage, settings, logs)', async () => {
    const { wb, page, profile } = env;
    await given();
    const secret = makePoolKey();
    const before = settingsNow();
    await openLink(`${SCHEME}://${EXTENSION_ID}/setup?url=${encodeURIComponent(env.emulator.apiBase)}&model=${secret}`);
    const toast = wb.toast('did not open this setup link');
    await toast.waitFor({ timeout: 15_000 });
    const said = await toast.textContent();
    assert.match(said, /contained a secret/);
    assert.match(said, /make a new key/);
    assert.equal(await page.locator('.webview.ready').count(), 0, 'no wizard');
    await wb.clearToasts();
    assert.equal(settingsNow(), before);
    assert.deepEqual(filesHolding(profile.root, secret.slice(20)), [], 'no file holds it');
    assert.ok(!(await page.content()).includes(secret.slice(20)), 'the workbench DOM does not hold it');
  });

  it('Copy Setup Link: the clipboard holds the link for this editor, which names the pool and the model and never the key', async () => {
    const { wb, page, emulator } = env;
    await given();
    await runPaletteCommand(page, 'Codex Pooler: Copy Setup Link');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Link for this editor' });
    await row.waitFor();
    await row.click();
    await wb.toast('never your key').waitFor({ timeout: 10_000 });
    // The emulator is on this computer: the message says what that means for a teammate.
    assert.match(await wb.toast('never your key').textContent(), /on this computer/);
    const copied = await wb.readClipboard();
    assert.ok(copied.startsWith(`${SCHEME}://${EXTENSION_ID}/setup?`), copied);
    assert.ok(copied.includes(`url=${encodeURIComponent(emulator.apiBase)}`), copied);
    assert.ok(copied.includes('model=gpt-5.5'), copied);
    assert.ok(!copied.includes(emulator.key.slice(20)) && !copied.includes('sk-cxp-'), 'never the key');
    await wb.clearToasts();
    await page.screenshot({ path: join(SHOTS, 'copy-setup-link.png') });
  });

  it('several models (issue 24): Copy Setup Link carries the saved set; a link with two models lists them, with what it adds and removes', async () => {
    const { wb, page, emulator } = env;
    await given({ settings: { 'codexPooler.moreModels': ['gpt-5.4-mini'] } });
    try {
      await runPaletteCommand(page, 'Codex Pooler: Copy Setup Link');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Link for this editor' });
      await row.waitFor();
      await row.click();
      await wb.toast('never your key').waitFor({ timeout: 10_000 });
      const copied = await wb.readClipboard();
      assert.ok(copied.includes('&model=gpt-5.5&model=gpt-5.4-mini&'), copied);
      await wb.clearToasts();

      const before = settingsNow();
      await openLink(
        `${SCHEME}://${EXTENSION_ID}/setup?url=${encodeURIComponent(emulator.apiBase)}&model=gpt-5.5&model=gpt-5.6-terra&fullUrl=0`,
      );
      const wizard = await wb.wizardFrame();
      await wb.waitForStep(1);
      const listed = wizard.locator('#link-models-list li');
      await listed.first().waitFor();
      assert.deepEqual(await listed.allTextContents(), ['gpt-5.5', 'gpt-5.6-terra not in your saved setup']);
      assert.deepEqual(await wizard.locator('#link-models-removed li').allTextContents(), ['gpt-5.4-mini']);
      assert.equal(settingsNow(), before, 'nothing saved');
      await wb.axe('step 1 from a link with two models');
      await wb.shoot('wizard-from-link-models');
    } finally {
      // The next file's setup starts from one model again.
      await writeSettings({ 'codexPooler.moreModels': undefined });
    }
  });
});
