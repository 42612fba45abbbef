// The wizard's last step, Confirm in Trae, in a real editor and browser: the test plays Trae (a streamed
// chat with the key, sent to the emulator as Trae sends it) while the step watches the pool's free usage
// counter. How fast it shows is measured by `npm run bench`; here each case waits for what the user sees.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { waitFor } from './helpers.mjs';
import { env, makePoolKey, SHOTS } from './env.mjs';
import { given } from './state.mjs';

const require = createRequire(import.meta.url);
const { chatAsTrae } = require('../../out/test/emulator/asTrae.js');

/** Up to this long for the step to react (a reading every 5 s); a broken watch never gets there. */
const SEEN_WITHIN_MS = 20_000;

/** The step watching from a fresh baseline: a confirmation an earlier case left is forgotten first. */
async function watching() {
  const { wizard } = env.wb;
  const forget = wizard.locator('#forget-confirmation');
  if (await forget.isVisible()) {
    await forget.click();
    await forget.waitFor({ state: 'detached' });
  }
  const line = wizard.locator('#confirm-line');
  await line.waitFor();
  if (!['settling', 'waiting'].includes(await line.getAttribute('data-phase'))) {
    await wizard.locator('#watch-again').click();
  }
  // The baseline is in once it waits (the first reading after our own checks settled).
  await wizard.locator('#confirm-line[data-phase="waiting"]').waitFor({ timeout: SEEN_WITHIN_MS });
  return line;
}

/** Waits until the step has read the pool's usage `n` more times (it keeps watching meanwhile). */
async function readsMore(n) {
  const { emulator } = env;
  const from = emulator.countRoute('usage');
  await waitFor(() => emulator.countRoute('usage') >= from + n, 30_000, `${n} more usage readings`);
}

describe("Confirm in Trae: the pool witnesses Trae's chat", function () {
  this.timeout(180_000);

  it('a chat sent as Trae confirms the step, which says exactly what the pool saw; the status bar remembers it', async () => {
    const { wb, emulator, page } = env;
    await given({ wizard: 'confirm' });
    const line = await watching();
    const chats = emulator.countRoute('chat');
    const played = await chatAsTrae(emulator.apiBase, emulator.key, 'gpt-5.5');
    assert.equal(played.status, 200);
    assert.equal(played.answer, 'trae ok');
    await wb.wizard.locator('#confirm-line[data-phase="arrived"]').waitFor({ timeout: SEEN_WITHIN_MS });
    assert.match(
      await line.textContent(),
      /A request with your key reached the pool at \d\d:\d\d:\d\d.* \(\+1 request, \+\d+ tokens\)\./,
    );
    assert.match(await wb.wizard.locator('#confirmed').textContent(), /Confirmed from Trae on/);
    assert.match(await wb.wizard.locator('#app').textContent(), /not which app sent it/);
    assert.equal(emulator.countRoute('chat'), chats + 1, 'the step sent no chat of its own');
    await wb.axe('step 6, confirmed');
    await wb.shoot('wizard-confirm');
    await page.locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]').first().hover();
    await page.locator('.monaco-hover', { hasText: 'Trae confirmed on' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it('a refused request (an unknown model, a key the pool does not know) does not confirm', async () => {
    const { wb, emulator } = env;
    await given({ wizard: 'confirm' });
    await watching();
    const wrongModel = await chatAsTrae(emulator.apiBase, emulator.key, 'no-such-model');
    assert.equal(wrongModel.status, 400);
    const wrongKey = await chatAsTrae(emulator.apiBase, makePoolKey(), 'gpt-5.5');
    assert.equal(wrongKey.status, 401);
    await readsMore(2);
    assert.equal(await wb.wizard.locator('#confirm-line').getAttribute('data-phase'), 'waiting');
    assert.equal(await wb.wizard.locator('#confirmed').isVisible(), false);
  });

  it('with no request it keeps waiting; "Trae showed an error" brings the checklist and Trae\'s codes, each explained here', async () => {
    const { wb, emulator } = env;
    await given({ wizard: 'confirm' });
    await watching();
    const { wizard } = wb;
    await wizard.locator('#saw-error').click();
    const items = wizard.locator('#checklist li');
    await items.first().waitFor();
    assert.equal(await items.count(), 4);
    assert.match(
      await items.nth(3).textContent(),
      new RegExp(`${emulator.apiBase.replace(/[.]/g, '\\.')}, with no slash`),
    );
    await wizard.locator('button[data-explain="984"]').click();
    await wizard.locator('#explain-984 .explain-line.fine').waitFor({ timeout: 15_000 });
    await readsMore(1);
    assert.equal(await wizard.locator('#confirm-line').getAttribute('data-phase'), 'waiting', 'still waiting');
    assert.equal(emulator.countRoute('chat'), 0, 'no chat: 984 is decided by the free model list');
    await wb.axe('step 6, checklist');
    await wb.page.screenshot({ path: join(SHOTS, 'wizard-confirm-checklist.png') });
  });
});
