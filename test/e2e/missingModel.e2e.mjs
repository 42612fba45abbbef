// The demo pool drops one model (issue 24.8): with three models in Trae, the pool stops offering one of them;
// the status bar turns to "works with a problem" and its tooltip names the model and what Trae will show.
// When the pool offers it again, the warning goes.
import assert from 'node:assert/strict';
import { env } from './env.mjs';
import { given } from './state.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

describe('a model the pool stops offering', function () {
  this.timeout(180_000);

  it('the status bar and its tooltip name it; back in the list, the warning goes', async () => {
    const { wb, emulator, page } = env;
    await given({ settings: { 'codexPooler.moreModels': ['gpt-5.4-mini', 'gpt-5.6-terra'] } });
    // With several models, Check Connection asks which one: Enter takes the main model (the one-step flow).
    const checkConnection = async () => {
      await runPaletteCommand(page, 'Codex Pooler: Check Connection');
      await page.locator('.quick-input-widget input[placeholder^="Which model?"]').waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
    };
    const control = (action) =>
      fetch(`${emulator.url}/__emulator/model/${action}?id=gpt-5.4-mini`, { method: 'POST' }).then((r) => r.status);
    assert.equal(await control('remove'), 200);
    await checkConnection();
    await wb.waitForStatus('works with a problem', 30_000);
    await wb.clearToasts();
    await page.locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]').first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'gpt-5.4-mini' });
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.textContent();
    assert.match(text, /Trae will answer 984 for gpt-5\.4-mini: the pool no longer offers it/);
    assert.match(text, /Model: gpt-5\.4-mini · not offered now: Trae will answer 984/);
    assert.match(text, /Model: gpt-5\.5 \(main\) · offered · test chat passed just now/);
    assert.match(text, /Model: gpt-5\.6-terra · offered/);
    assert.ok(await hover.locator('strong a', { hasText: 'Open Setup Wizard' }).isVisible(), 'the way to clear it');
    await wb.shootAround(hover, 'status-bar-missing-model.png');
    await page.mouse.move(0, 0);

    assert.equal(await control('add'), 200);
    await checkConnection();
    await wb.waitForStatus('healthy', 30_000);
    await wb.clearToasts();
  });
});
