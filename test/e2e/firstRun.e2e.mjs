// The very first start: a fresh profile of its own (the offer is made once per installation, so this case
// cannot share the suites' profile, where an earlier case may have seen it already).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, startWorld } from './env.mjs';

describe('first run', function () {
  this.timeout(180_000);
  let world;

  before(async function () {
    this.timeout(240_000);
    world = await startWorld();
  });

  after(async () => {
    await world?.stop();
  });

  it('the status bar says "not set up" and the wizard is offered once, and opens on step 1', async () => {
    const { wb, page } = world;
    // The editor's first start on a fresh profile, under whatever load the machine has: a generous bound.
    await wb.waitForStatus('not set up', 60_000);
    const offer = wb.toast('not set up yet');
    await offer.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'first-run.png') });
    await offer.locator('.monaco-button', { hasText: 'Open Setup Wizard' }).first().click();
    await wb.wizardFrame();
    await wb.waitForStep(1);
    assert.equal(
      await wb.wizard.locator('#url').inputValue(),
      'http://localhost:4000/v1',
      'the local default, ready to check',
    );
  });
});
