// The wizard follows the pool (issue "What a new user met, again", point 1): left open on the last step
// through an outage, it says why its steps closed and opens them again by itself once the pool is back,
// within the status bar's own recovery time, with no click.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyScenario, env, SHOTS } from './env.mjs';
import { given } from './state.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

const LATER_STEPS = ['key', 'model', 'test', 'trae', 'confirm'];

describe('the wizard follows the pool', function () {
  this.timeout(240_000);

  it('open on step 6, the pool goes down, then comes back: the steps open again with no click', async () => {
    const { wb, emulator, page } = env;
    await given({ wizard: 'confirm' });
    const { wizard } = wb;
    // The pool stops behind its proxy; the user asks the status bar, as they would.
    applyScenario(emulator, 'down');
    await runPaletteCommand(page, 'Codex Pooler: Check Connection');
    await wb.waitForStatus('not working', 30_000);
    await wb.clearToasts();
    await wb.waitForStep(1, 30_000);
    const notice = wizard.locator('[data-notice="poolStopped"]');
    await notice.waitFor({ timeout: 15_000 });
    assert.match(await notice.textContent(), /returns to "Confirm in Trae" by itself/);
    for (const step of LATER_STEPS) {
      assert.equal(await wizard.locator(`.step-link[data-step="${step}"]`).isDisabled(), true, step);
    }
    await page.screenshot({ path: join(SHOTS, 'follows-pool-down.png') });

    // The pool is back. Nobody clicks: the status bar's own retry sees it, and the wizard follows.
    emulator.reset();
    const back = Date.now();
    await wb.waitForStatus('healthy', 90_000);
    await wb.waitForStep(6, 30_000);
    const seconds = (Date.now() - back) / 1000;
    for (const step of LATER_STEPS) {
      assert.equal(await wizard.locator(`.step-link[data-step="${step}"]`).isDisabled(), false, step);
    }
    assert.equal(await notice.count(), 0, 'the word about the outage is gone');
    assert.equal(await wizard.locator('#confirm-body', { hasText: 'Complete the steps before' }).count(), 0);
    await page.screenshot({ path: join(SHOTS, 'follows-pool-back.png') });
    console.log(`      (step 6 open again ${seconds.toFixed(0)} s after the pool came back)`);
  });
});
