// Security and hostile input, as a user meets them: a key in the wrong setting, a hostile model list (down
// to 320 px of webview), plain http through a proxy, a reload with a key once pasted, closing mid-check,
// and a last sweep of every file and the DOM for the key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesHolding, waitFor } from './helpers.mjs';
import { env, extensionLogs, makePoolKey, SHOTS } from './env.mjs';
import { given, openWizardAt, reloadWindow, writeSettings } from './state.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

describe('security, as a user meets it', function () {
  this.timeout(180_000);

  it('a key pasted into the model setting is never sent and never shown; one click moves it', async () => {
    const { wb, emulator, page } = env;
    await given();
    await writeSettings({ 'codexPooler.model': emulator.key });
    const notice = wb.toast('holds your Pool API key');
    await notice.waitFor({ timeout: 20_000 });
    assert.ok(!(await notice.textContent()).includes(emulator.key.slice(20)));
    await wb.waitForStatus('not working');
    await page.locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]').first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'codexPooler.model holds your Pool API key' });
    await hover.waitFor({ timeout: 10_000 });
    assert.ok(!(await hover.textContent()).includes(emulator.key.slice(20)), 'the tooltip never shows it');
    await page.mouse.move(0, 0);
    await notice.locator('.monaco-button', { hasText: 'Store as the Pool API Key' }).click();
    await wb.toast("moved to the editor's secret storage").waitFor({ timeout: 10_000 });
    assert.ok(
      emulator.requests.every((r) => !r.body.includes(emulator.key.slice(20))),
      'never sent as a model',
    );
    const settings = readFileSync(env.settingsFile, 'utf8');
    assert.ok(!settings.includes(emulator.key.slice(20)), 'the setting was cleared');
    await wb.clearToasts();
  });

  it('a hostile model list (a thousand models, HTML, bidi, control characters, malformed entries) stays usable', async () => {
    const { wb, page } = env;
    await given({ scenario: 'hostile-models', status: 'healthy', wizard: 'model' });
    await wb.wizard.locator('#refresh-models').click();
    await wb.wizard.locator('#models-status.pass', { hasText: '1009 models' }).waitFor({ timeout: 15_000 });
    assert.match(await wb.wizard.locator('#models-note').textContent(), /Skipped 1 of the pool's models: id too long/);
    await wb.typeInto(wb.wizard.locator('#model-filter'), 'html-name');
    await wb.wizard.locator('.model-option', { hasText: '<img src=x onerror=alert(1)>' }).waitFor();
    assert.equal(await wb.wizard.locator('.model-option img').count(), 0, 'names are text, never markup');
    await wb.typeInto(wb.wizard.locator('#model-filter'), 'gpt-5.5');
    await wb.wizard.locator('.model-option input[type=radio][value="gpt-5.5"]:checked').waitFor();
    await wb.shoot('wizard-step3-hostile', ['light']);
    await runPaletteCommand(page, 'View: Close All Editors');
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    await wb.toast('Codex Pooler works').waitFor({ timeout: 20_000 });
    await wb.waitForStatus('healthy');
    await wb.clearToasts();
  });

  it('a long model id or name never widens the page: no sideways scroll at 320 px, the whole text on hover (defect: 2,829 px wide)', async () => {
    const { wb, page } = env;
    await given({ scenario: 'hostile-models', status: 'healthy', wizard: 'model' });
    const { wizard } = wb;
    await wizard.locator('#refresh-models').click();
    await wizard.locator('#models-status.pass').waitFor({ timeout: 15_000 });
    await wb.typeInto(wizard.locator('#model-filter'), 'long-');
    await wizard.locator('.model-option', { hasText: 'long-id-' }).waitFor();
    await runPaletteCommand(page, 'View: Close Primary Side Bar');
    try {
      // Narrow the window until the webview itself is 320 px wide (or just under).
      let width = 420;
      for (;;) {
        await page.setViewportSize({ width, height: 900 });
        await wizard
          .waitForFunction((w) => document.documentElement.clientWidth < w - 40, width, { timeout: 5_000 })
          .catch(() => undefined);
        const client = await wizard.evaluate(() => document.documentElement.clientWidth);
        if (client <= 320 || width <= 330) break;
        width -= Math.max(4, client - 320);
      }
      const measure = await wizard.evaluate(() => {
        const root = document.documentElement;
        // Any box that could scroll sideways (its own scrollbar), besides the page itself.
        const scrollers = [...document.querySelectorAll('#app *')]
          .filter(
            (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1,
          )
          .map((el) => `${el.tagName}.${el.className}#${el.id} ${el.scrollWidth}>${el.clientWidth}`);
        const option = [...document.querySelectorAll('.model-option')].find((el) =>
          el.textContent.includes('long-id-'),
        );
        const id = option.querySelector('.model-id');
        return {
          client: root.clientWidth,
          scroll: root.scrollWidth,
          body: document.body.scrollWidth,
          scrollers,
          idTitle: id.getAttribute('title'),
          idText: id.textContent,
          idRight: id.getBoundingClientRect().right,
        };
      });
      assert.ok(measure.client <= 320 && measure.client >= 280, `the webview is ${measure.client} px wide`);
      assert.ok(
        measure.scroll <= measure.client && measure.body <= measure.client,
        `no sideways scroll: ${JSON.stringify(measure)}`,
      );
      assert.deepEqual(measure.scrollers, [], 'no box inside scrolls sideways either');
      assert.ok(measure.idRight <= measure.client, 'the long id is cut on its line');
      assert.equal(measure.idTitle, `long-id-${'y'.repeat(240)}`, 'the whole id on hover');
      assert.equal(measure.idText, `long-id-${'y'.repeat(240)}`, 'and in the page, for screen readers');
      await wb.typeInto(wizard.locator('#model-filter'), 'long-name');
      await wizard.locator('.model-option', { hasText: 'NNNN' }).waitFor();
      const nameFits = await wizard.evaluate(() => {
        const options = document.getElementById('model-options');
        const name = [...document.querySelectorAll('.model-name')].find((el) => el.textContent.startsWith('NNNN'));
        return (
          document.documentElement.scrollWidth <= document.documentElement.clientWidth &&
          options.scrollWidth <= options.clientWidth &&
          name.getBoundingClientRect().right <= document.documentElement.clientWidth &&
          name.title.length > 200
        );
      });
      assert.ok(nameFits, 'a 1,000-character name does not widen it either, and its whole text is its title');
      await page.screenshot({ path: join(SHOTS, 'wizard-step3-320px.png') });
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
      await runPaletteCommand(page, 'View: Toggle Primary Side Bar Visibility');
    }
  });

  it('plain http to another loopback name with a recording proxy set: refused before any request, the key never readable there', async () => {
    const { wb, emulator, proxy, profile } = env;
    await given({ settings: { 'http.proxy': `http://127.0.0.1:${proxy.port}` }, wizard: 'url' });
    const before = proxy.log.length;
    const refusals = () =>
      extensionLogs(profile.root)
        .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
        .filter((line) => line.includes('Setup wizard: the URL breaks a rule (loopback-alias); nothing is sent to it.'))
        .length;
    const refusedBefore = refusals();
    await wb.typeInto(wb.wizard.locator('#url'), `http://127.0.0.2:${emulator.port}/v1`);
    await wb.wizard.locator('.finding.error', { hasText: 'could read your Pool API key' }).waitFor();
    await wb.wizard.locator('.fix-button', { hasText: `http://localhost:${emulator.port}/v1` }).waitFor();
    await wb.wizard.locator('#url-reach.idle', { hasText: 'Fix the problems above first' }).waitFor();
    // Once typing pauses, where a probe would go, the wizard logs that nothing is sent: its work on this URL is over.
    await waitFor(
      () => refusals() > refusedBefore,
      10_000,
      'the wizard to log that it sends nothing to a URL that breaks a rule',
    );
    const seen = proxy.log.slice(before);
    assert.ok(!seen.includes(emulator.key.slice(20)), 'the key never crossed the proxy');
    assert.ok(!seen.includes('127.0.0.2'), 'nothing was sent through the proxy');
  });

  it('the wizard comes back after a reload, and a key once typed into the URL field is not brought back', async () => {
    const { wb, profile } = env;
    await given({ wizard: 'url' });
    const pasted = makePoolKey();
    // Typed, a character at a time: from "sk-cxp-" on, the field is masked and nothing is kept; the draft goes
    // back to the URL from before the key's first letters (so nothing is left unsaved).
    await wb.typeInto(wb.wizard.locator('#url'), pasted);
    await wb.wizard.locator('.secret-guard').waitFor();
    assert.equal(await wb.wizard.locator('#url').getAttribute('type'), 'password');
    await reloadWindow();
    await wb.wizardFrame(60_000);
    await openWizardAt('url');
    const url = await wb.wizard.locator('#url').inputValue();
    assert.ok(
      !url.includes(pasted.slice(3, 12)) && !url.startsWith('sk'),
      `nothing of the key came back: ${url.length}`,
    );
    assert.ok(!(await wb.html()).includes(pasted.slice(20)));
    assert.deepEqual(filesHolding(profile.root, pasted.slice(7, 19)), [], "not even its id is in the editor's storage");
  });

  it('closing the wizard while a test runs: nothing throws, nothing is left behind', async () => {
    const { wb, emulator, page, browser, profile } = env;
    await given({ wizard: 'test' });
    // Far longer than the wait below: only a cancelled request can end within it.
    emulator.upstream.delayMs = 30_000;
    const errorsBefore = browser.consoleStats.errors;
    await wb.wizard.locator('#run-test').click();
    await wb.wizard.locator('#cancel-test').waitFor();
    await runPaletteCommand(page, 'View: Close All Editors');
    // The closed wizard aborted its chat: the pool sees the request end (long before its 30 s delay).
    await waitFor(() => emulator.inFlightOf('chat') === 0, 10_000, 'the chat request to be cancelled with the wizard');
    assert.equal(
      browser.consoleStats.errors,
      errorsBefore,
      `console errors: ${browser.consoleStats.recentErrors.slice(-3).join(' | ')}`,
    );
    const log = extensionLogs(profile.root)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // A logged error is a line at level error (a report's "- [error] …" finding lines are not).
    const logged = /^\d{4}-\d\d-\d\d [\d:.]+ \[error\]/;
    assert.deepEqual(
      log.split('\n').filter((l) => logged.test(l)),
      [],
    );
    // Two opens at once give one wizard: the integration suite runs the commands concurrently (the
    // palette here cannot open twice fast enough to race).
  });

  it('key-leak sweep: no file the editor or the extension wrote holds the key, nor the workbench DOM', async () => {
    const { emulator, profile, page } = env;
    await given();
    const secret = emulator.key.slice(20);
    assert.deepEqual(filesHolding(profile.root, secret), []);
    assert.ok(!(await page.content()).includes(secret), 'workbench DOM');
  });
});
