// The Pool API key as a user handles it: pasted into the wrong field, replaced by one with a typo (the
// working key stays), set and cleared from the palette.
import assert from 'node:assert/strict';
import { env, makeMcpToken, makePoolKey } from './env.mjs';
import { given } from './state.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

/** The emulator's key with one character of its secret part changed: a typo the pool rejects. */
const typoOf = (key) => `${key.slice(0, 40)}${key[40] === 'A' ? 'B' : 'A'}${key.slice(41)}`;

describe('the Pool API key', function () {
  this.timeout(180_000);

  it('step 1: a Pool key pasted into the URL field is not kept, not shown, and the URL comes back', async () => {
    const { wb, emulator, page } = env;
    await given({ wizard: 'url' });
    const { wizard } = wb;
    const url = wizard.locator('#url');
    await wizard.locator('#url-reach.pass').waitFor({ timeout: 15_000 });
    const pasted = makePoolKey();
    // Pasted (Ctrl+V) at the end of the URL: the field is masked at once and told what it holds.
    await page.evaluate((key) => navigator.clipboard.writeText(key), pasted);
    await wb.focusField(url);
    await url.press('End');
    await page.keyboard.press('Control+V');
    await wizard.locator('.secret-guard', { hasText: 'not a URL' }).waitFor();
    assert.equal(await url.getAttribute('type'), 'password', 'masked, never shown');
    assert.ok(!(await wb.html()).includes(pasted.slice(20)), 'the page does not show it');
    await wizard.locator('#discard-pasted-url').click();
    assert.equal(await url.inputValue(), emulator.apiBase, 'the field has its URL back');
    assert.equal(await url.getAttribute('type'), 'text');
    // Keyboard only: Tab to Next, Enter.
    await wb.pressTabUntilFocused('#next:not([disabled])');
    await page.keyboard.press('Enter');
    await wb.waitForStep(2);
  });

  it('a key with one wrong character never replaces the working key (wizard): kept, said, and only stored when asked', async () => {
    const { wb, emulator } = env;
    await given({ wizard: 'key' });
    const { wizard } = wb;
    const typo = typoOf(emulator.key);
    const storedLine = wizard.locator('#key-stored');
    assert.match(await storedLine.textContent(), new RegExp(`${emulator.key.slice(0, 20)}…`));
    await wizard.locator('#replace-key').click();
    await wb.typeInto(wizard.locator('#key'), typo);
    await wizard.locator('#save-key').click();
    const pending = wizard.locator('#key-pending');
    await pending.locator('.cause', { hasText: 'The pool rejected the new key' }).waitFor({ timeout: 15_000 });
    // Both keys have the same id part: their fingerprints tell them apart (defect: the sentence could not).
    const said = await pending.textContent();
    const names = [...said.matchAll(/\((sk-cxp-[0-9a-f]{12}-… SHA256:[0-9a-f]{6})\)/g)].map((m) => m[1]);
    assert.equal(names.length, 2, said);
    assert.equal(names[0].slice(0, 21), names[1].slice(0, 21), 'the same id part');
    assert.notEqual(names[0], names[1], 'told apart by their fingerprints');
    // The safe choice comes first.
    assert.deepEqual(await pending.locator('.actions button').evaluateAll((all) => all.map((b) => b.id)), [
      'keep-working-key',
      'store-anyway',
    ]);
    assert.match(
      await storedLine.textContent(),
      new RegExp(`${emulator.key.slice(0, 20)}…`),
      'the working key is still the stored one',
    );
    assert.ok(!(await wb.html()).includes(typo.slice(20)), 'neither key is in the page');
    const sentTypo = emulator.requests.filter((r) => r.authorization === `Bearer ${typo}`);
    assert.ok(
      sentTypo.length > 0 && sentTypo.every((r) => r.method === 'GET' && (r.route === 'models' || r.route === 'usage')),
      'the new key was checked for free only',
    );
    assert.equal(emulator.countRoute('chat'), 0);
    await wb.waitForStatus('healthy');
    await wb.shoot('wizard-step2-kept', ['light']);
    await wb.axe('step 2 with a key kept', ['light']);
    await wizard.locator('#keep-working-key').click();
    await pending.waitFor({ state: 'hidden' });
    // And once more, this time stored on purpose (a key that will only work later).
    await wizard.locator('#replace-key').click();
    await wb.typeInto(wizard.locator('#key'), typo);
    await wizard.locator('#save-key').click();
    await pending.waitFor({ state: 'visible', timeout: 15_000 });
    await wizard.locator('#store-anyway').click();
    env.storedKey = typo;
    await wizard
      .locator('#key-problems .finding.error', { hasText: 'rejected the Pool API key' })
      .waitFor({ timeout: 15_000 });
    assert.match(await storedLine.textContent(), new RegExp(`${typo.slice(0, 20)}… SHA256:[0-9a-f]{6}`));
    await wb.waitForStatus('not working');
    // A stored key the pool rejected: the buttons say what they do to it (defect: "Keep the stored key").
    await wizard.locator('#replace-key', { hasText: 'Replace the rejected key' }).click();
    assert.equal((await wizard.locator('#keep-key').textContent()).trim(), 'Keep the rejected key');
    await wizard.locator('#keep-key').click();
  });

  it('Set Pool API Key from the palette: a rejected key leaves the working one stored, and says so', async () => {
    const { wb, emulator, page } = env;
    await given();
    const typo = typoOf(emulator.key);
    await runPaletteCommand(page, 'Codex Pooler: Set Pool API Key');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(typo);
    await page.keyboard.press('Enter');
    const warning = wb.toast('is still stored');
    await warning.waitFor({ timeout: 20_000 });
    const text = await warning.textContent();
    assert.match(text, /The pool rejected the new key/);
    assert.match(
      text,
      new RegExp(`your working key \\(${emulator.key.slice(0, 20)}… SHA256:[0-9a-f]{6}\\) is still stored`),
    );
    assert.match(text, new RegExp(`the new key \\(${typo.slice(0, 20)}… SHA256:[0-9a-f]{6}\\)`));
    assert.ok(!text.includes(typo.slice(20)));
    // The safe choice first (the highlighted button); no label cut.
    const buttons = await wb.toastButtons(warning);
    assert.deepEqual(buttons.labels, ['Keep the Working Key', 'Store It Anyway', 'Show Log']);
    assert.deepEqual(buttons.cut, []);
    await wb.shootAround(await wb.settledToast(warning), 'p3-after.png');
    await wb.waitForStatus('healthy');
    assert.ok(emulator.requests.filter((r) => r.authorization === `Bearer ${typo}`).every((r) => r.method === 'GET'));
    await wb.clearToasts();
  });

  it('Set Pool API Key names a wrong paste as you type; Clear asks first', async () => {
    const { wb, page } = env;
    await given();
    await runPaletteCommand(page, 'Codex Pooler: Set Pool API Key');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    assert.equal(await input.getAttribute('type'), 'password');
    await page.keyboard.type(makeMcpToken());
    await page.locator('.quick-input-widget', { hasText: 'operator MCP token' }).waitFor();
    await page.keyboard.press('Enter');
    assert.ok(await input.isVisible(), 'Enter must not accept a wrong key');
    await page.keyboard.press('Escape');
    await runPaletteCommand(page, 'Codex Pooler: Clear Pool API Key');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Remove the Pool API key from this editor\?/);
    await dialog.locator('.monaco-button', { hasText: 'Remove' }).click();
    env.storedKey = undefined;
    await wb.waitForStatus('not set up');
    await wb.clearToasts();
  });
});
