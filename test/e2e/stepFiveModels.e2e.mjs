// Step 5 with several models (issue 24, point 2) in a real editor and browser: three models set up (through the
// settings, as step 3's own picking is built elsewhere) give three Add Model cards; two ticked "Added in Trae"
// are still ticked after the window reloads; axe finds nothing serious in the three themes; at 320 px nothing
// scrolls sideways. The README's picture of step 5 with several models is taken here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/host-tools.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';
import { env } from './env.mjs';
import { given, openWizardAt, reloadWindow } from './state.mjs';

const THREE = { 'codexPooler.model': 'gpt-5.5', 'codexPooler.moreModels': ['gpt-5.6-terra', 'gpt-5.4-mini'] };

/** The cards as the user sees them: model id, ticked, opened. */
async function cards(wizard) {
  await wizard.locator('.trae-card').nth(2).waitFor({ timeout: 20_000 });
  return wizard.locator('.trae-card').evaluateAll((all) =>
    all.map((card) => ({
      model: card.querySelector('.card-model').textContent,
      ticked: card.querySelector('input[type=checkbox]').checked,
      open: card.querySelector('details').open,
    })),
  );
}

describe('step 5 with three models: one card each, ticks that survive a reload', function () {
  this.timeout(300_000);

  after(async () => {
    // The next suite starts from a one-model setup.
    const { wb } = env;
    await wb.page.setViewportSize({ width: 1400, height: 900 });
    env.unknownState = true;
  });

  it('a user with three models sees three cards, ticks two, reloads, and still sees two ticked', async () => {
    const { wb, page, emulator } = env;
    await given({ settings: THREE, wizard: 'trae' });
    let wizard = wb.wizard;
    assert.deepEqual(await cards(wizard), [
      { model: 'gpt-5.5', ticked: false, open: true },
      { model: 'gpt-5.6-terra', ticked: false, open: false },
      { model: 'gpt-5.4-mini', ticked: false, open: false },
    ]);
    assert.equal(await wizard.locator('#trae-shared').textContent(), 'The same for every model');
    assert.equal(await wizard.locator('[data-field=apiKey]').count(), 1, 'the key row is said once');
    assert.equal(await wizard.locator('#trae-progress').textContent(), '0 of 3 added in Trae');
    // The mini card's own values: Multimodal off, a window that fits 121,600.
    await wizard.locator('#card-2 summary').click();
    const mini = wizard.locator('#card-2');
    assert.match(await mini.locator('[data-field=multimodal]').textContent(), /Off/);
    assert.equal(await mini.locator('[data-field=contextInput] code').textContent(), '105600');
    await wb.axe('step 5 with three models, a further card open');
    wizard = wb.wizard;
    await wizard.locator('#card-2 summary').click();

    // Ticked like a person: a click on the label's text, and the keyboard (Space) for the other.
    await wizard.locator('#card-0 .card-tick').click();
    await wizard.locator('#trae-progress', { hasText: '1 of 3 added in Trae' }).waitFor();
    await wizard.locator('#added-2').focus();
    await page.keyboard.press('Space');
    await wizard.locator('#trae-progress', { hasText: '2 of 3 added in Trae' }).waitFor();
    assert.deepEqual(
      (await cards(wizard)).map((c) => c.ticked),
      [true, false, true],
    );
    assert.equal(emulator.countRoute('chat'), 0, 'ticking sends nothing to the pool');

    await wizard.locator('#trae-progress').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(repoRoot, 'docs', 'images', 'step5-models.png') });

    await reloadWindow();
    wizard = await openWizardAt('trae');
    assert.deepEqual(
      (await cards(wizard)).map((c) => c.ticked),
      [true, false, true],
      'still ticked after the reload',
    );
    assert.equal(await wizard.locator('#trae-progress').textContent(), '2 of 3 added in Trae');
  });

  it('at 320 px wide, in Trae CN labels too, nothing scrolls sideways', async () => {
    const { wb, page } = env;
    await given({ settings: THREE, wizard: 'trae' });
    const { wizard } = wb;
    await cards(wizard);
    await runPaletteCommand(page, 'View: Close Primary Side Bar');
    try {
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
      for (const language of ['en', 'zh-cn']) {
        await wizard.locator(`#language-${language}`).check();
        await wizard
          .locator(language === 'en' ? '[data-label="Model ID"]' : '[data-label="模型 ID"]')
          .first()
          .waitFor();
        await wizard.locator('#card-1 summary').click();
        const measure = await wizard.evaluate(() => ({
          client: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth,
          wide: [...document.querySelectorAll('.trae-card, .trae-card *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((el) => `${el.tagName}.${el.className}`)
            .slice(0, 5),
        }));
        assert.ok(measure.client <= 330, `the webview is ${measure.client} px wide`);
        assert.ok(measure.scroll <= measure.client, `${language}: ${measure.scroll} px wide in ${measure.client}`);
        assert.deepEqual(measure.wide, [], `${language}: boxes past the right edge`);
        await wizard.locator('#card-1 summary').click();
      }
      await wizard.locator('#language-en').check();
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
      await runPaletteCommand(page, 'View: Toggle Primary Side Bar Visibility');
    }
  });
});
