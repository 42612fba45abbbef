// Step 3 with several models (issue 24, point 1) in a real editor and browser: a user with one model picks two
// more with "Also in Trae", sees the set (main first), axe finds nothing serious in the three themes, tests and
// saves; the settings hold the set and step 5 shows one card per model. A picture of the set for the README.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/host-tools.mjs';
import { env } from './env.mjs';
import { readWhole, waitFor } from './helpers.mjs';
import { given } from './state.mjs';

/** The user settings file once it holds further models (the wizard writes user settings only), 20 s at most. */
async function savedSet() {
  const holdsMoreModels = async () => {
    const saved = await readWhole(env.settingsFile);
    return saved['codexPooler.moreModels'] !== undefined && saved;
  };
  return waitFor(holdsMoreModels, 20_000, 'the user settings to hold codexPooler.moreModels');
}

/** The chosen set as the page lists it, main first. */
async function chosen(wizard) {
  return wizard.locator('#chosen-list .chosen-item .model-id').allTextContents();
}

describe('step 3 with several models: the main model and two more for Trae', function () {
  this.timeout(300_000);

  after(() => {
    env.unknownState = true;
  });

  it('a user picks two more models, sees the set, saves it, and step 5 has a card for each', async () => {
    const { wb, emulator } = env;
    await given({ wizard: 'model' });
    const { wizard } = wb;
    for (const id of ['gpt-5.6-terra', 'gpt-5.4-mini']) {
      await wizard.locator('.model-option', { hasText: id }).locator('input[type=checkbox]').check();
    }
    await wizard.locator('#chosen-title', { hasText: 'Chosen for Trae (3 of 20)' }).waitFor();
    assert.deepEqual(await chosen(wizard), ['gpt-5.5', 'gpt-5.6-terra', 'gpt-5.4-mini']);
    await wb.axe('step 3 with three models');
    await wb.wizard.locator('#chosen').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await wb.page.screenshot({ path: join(repoRoot, 'docs', 'images', 'step3-models.png') });

    await wb.wizard.locator('#next:not([disabled])').click();
    await wb.waitForStep(4);
    await wb.wizard.locator('#run-test').click();
    await wb.wizard.locator('#verdict.pass').waitFor({ timeout: 20_000 });
    assert.equal(emulator.countRoute('chat'), 1, 'the test chat runs on the main model only');
    await wb.wizard.locator('#next', { hasText: 'Save and continue' }).click();
    await wb.waitForStep(5);
    const saved = await savedSet();
    assert.equal(saved['codexPooler.model'], 'gpt-5.5');
    assert.deepEqual(saved['codexPooler.moreModels'], ['gpt-5.6-terra', 'gpt-5.4-mini']);
    await wb.wizard.locator('.trae-card').nth(2).waitFor({ timeout: 20_000 });
    assert.deepEqual(await wb.wizard.locator('.trae-card .card-model').allTextContents(), [
      'gpt-5.5',
      'gpt-5.6-terra',
      'gpt-5.4-mini',
    ]);
  });
});
