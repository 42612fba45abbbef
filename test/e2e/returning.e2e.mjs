// A returning user with a working setup: the status bar, Check Connection, a pool that fails, Trae's
// error codes, and a Trae-shaped finding that the status bar must show.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { env, SHOTS } from './env.mjs';
import { given, reloadWindow } from './state.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

describe('a returning user', function () {
  this.timeout(180_000);

  it("from a healthy status bar to the Trae step's Copy buttons in one click, no chat request", async () => {
    const { wb, emulator, page } = env;
    await given();
    await reloadWindow();
    await wb.waitForStatus('healthy', 30_000);
    emulator.requests = [];
    // Hover the status bar, then the one click: its tooltip's "Open Setup Wizard".
    await page.locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]').first().hover();
    const link = page.locator('.monaco-hover a', { hasText: 'Open Setup Wizard' });
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    await wb.wizardFrame();
    await wb.waitForStep(5);
    await wb.wizard.locator('[data-field="modelId"] button.copy').click();
    await wb.wizard.locator('[data-field="modelId"] button.copy.done').waitFor();
    assert.equal(await wb.readClipboard(), 'gpt-5.5');
    for (const step of ['url', 'key', 'model', 'test', 'trae', 'confirm'])
      assert.equal(await wb.wizard.locator(`.step-link[data-step="${step}"]`).isDisabled(), false, step);
    assert.equal(emulator.countRoute('chat'), 0, 'no chat request');
  });

  it('Check Connection from the palette: the notification, and the Trae-shaped check offered', async () => {
    const { wb, page } = env;
    await given();
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    const message = wb.toast('Codex Pooler works');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.textContent(), /gpt-5\.5 answered "trae ok"/);
    assert.match(await message.textContent(), /A Trae-shaped check also tries streaming.*\(it uses a little quota\)/);
    const buttons = await wb.toastButtons(message);
    assert.deepEqual(buttons.labels, ['Run Trae-Shaped Check', 'Open Setup Wizard', 'Show Log']);
    assert.deepEqual(buttons.cut, [], 'no label is cut (defect: "Check the Way Trae Calls It (Use…")');
    await page.screenshot({ path: join(SHOTS, 'check-connection-ok.png') });
    await wb.clearToasts();
  });

  it('a failing pool: the notification names the cause, the status bar turns to "not working"', async () => {
    const { wb, emulator, page } = env;
    await given();
    emulator.keys.set(emulator.key, { status: 'disabled' });
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    const message = wb.toast('paused, revoked or inactive');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.textContent(), /Codex Pooler check failed/);
    await wb.waitForStatus('not working');
    await page.locator('#workbench\\.parts\\.statusbar').screenshot({ path: join(SHOTS, 'status-bar-failing.png') });
    await page.screenshot({ path: join(SHOTS, 'check-connection-failed.png') });
    await wb.clearToasts();
  });

  it('Explain a Trae Error: pick 984, give the Model ID Trae has, read what the pool lists', async () => {
    const { wb, page } = env;
    await given();
    await runPaletteCommand(page, 'Codex Pooler: Explain a Trae Error');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '984' }).first().click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('GPT-5.5');
    await page.keyboard.press('Enter');
    const message = wb.toast('Trae 984');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.textContent(), /lists it as "gpt-5\.5", not "GPT-5\.5"/);
    await page.screenshot({ path: join(SHOTS, 'explain-trae-error.png') });
    await wb.clearToasts();
  });

  it('a Trae-shaped finding turns the status bar to "not working" with the finding and the action that clears it in its tooltip; "works" says why the bar stays red, and its first button turns it green (defects: it stayed green; then no visible way to green)', async () => {
    const { wb, emulator, page } = env;
    await given({ scenario: 'second-turn-rejected', status: 'healthy', wizard: 'test' });
    const { wizard } = wb;
    await wizard.locator('#run-trae-check').click();
    await wizard.locator('#trae-verdict.error').waitFor({ timeout: 20_000 });
    await wb.waitForStatus('not working');
    await page.locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]').first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Trae-shaped check' });
    await hover.waitFor({ timeout: 10_000 });
    // The tooltip's text keeps its spaces (defect: appendText made them &nbsp;, and words broke: "came bac k").
    const raw = await hover.textContent();
    assert.ok(!raw.includes('\u00a0'), 'no non-breaking spaces');
    assert.deepEqual(await wb.brokenWords(hover), [], 'no word is broken across two lines');
    assert.match(raw, /Trae's own chat would fail/);
    assert.match(raw, /4028/);
    // The way to green, in the tooltip: the one action that clears it, on its own line, in bold.
    const action = hover.locator('strong a', { hasText: 'Run Trae-Shaped Check' });
    assert.ok(await action.isVisible(), 'the Trae-shaped check is offered in the tooltip');
    await wb.shootAround(hover, 'p2-after-tooltip.png');
    await page.mouse.move(0, 0);
    await page
      .locator('#workbench\\.parts\\.statusbar')
      .screenshot({ path: join(SHOTS, 'status-bar-trae-finding.png') });
    // The pool is fixed: Check Connection works, and says why the bar stays red (only a Trae-shaped check
    // that passes, or a change of URL, model or key, clears it), with that check as its first button.
    emulator.reset();
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    const works = wb.toast('Codex Pooler works');
    await works.waitFor({ timeout: 20_000 });
    assert.match(await works.textContent(), /The status bar stays red because the last Trae-shaped check found/);
    const buttons = await wb.toastButtons(works);
    assert.equal(buttons.labels[0], 'Run Trae-Shaped Check');
    assert.deepEqual(buttons.cut, [], 'no label is cut');
    await wb.shootAround(await wb.settledToast(works), 'p2-after-works.png');
    await wb.waitForStatus('not working');
    await works.locator('.monaco-button', { hasText: 'Run Trae-Shaped Check' }).click();
    await wb.waitForStatus('healthy', 30_000);
    await wb.clearToasts();
  });
});
