// A new user through the wizard, step by step, in the browser: each case starts from the state it needs
// (given(), state.mjs), so a failure in one never leaves the next on the wrong step.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freePort, readWhole } from './helpers.mjs';
import { env, makeMcpToken, makePoolKey, SHOTS } from './env.mjs';
import { given, newUserSettings } from './state.mjs';

// Trae's Add Model dialog as /work/shared/trae-ui-facts.md lays it out, top to bottom.
const TRAE_EN = [
  'API Format',
  'Custom Request URL',
  'Full URL',
  'Model ID',
  'Multimodal',
  'API Key',
  'Model Series',
  'Display Name',
  'Input',
  'Output',
  'Tool Call Rounds',
];
const TRAE_CN = [
  'API 格式',
  '自定义请求地址',
  '完整 URL',
  '模型 ID',
  'Multimodal（多模态）',
  'API 密钥',
  '模型系列',
  '显示名称',
  'input',
  'output',
  'Tool Call Rounds',
];

describe('a new user, step by step', function () {
  this.timeout(180_000);

  it('step 1 catches a wrong URL live: nothing listening, a web address over http, several mistakes at once', async () => {
    const { wb, emulator } = env;
    await given({ key: null, settings: newUserSettings(), wizard: 'url' });
    const { wizard } = wb;
    const url = wizard.locator('#url');
    const dead = await freePort();
    // What the screen reader hears while a URL is typed, a key at a time: every keystroke pushes new
    // state, yet only what is said once typing pauses reaches the live region, and focus never moves.
    await wizard.locator('#announcer').evaluate((el) => {
      window.heard = [];
      new MutationObserver(() => el.textContent && window.heard.push(el.textContent)).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await wb.typeInto(url, `http://localhost:${dead}/v1`);
    // The finding for THIS URL (the one for the URL the field held before is gone at the first keystroke).
    await wizard
      .locator('.finding.error', { hasText: `Nothing is listening at localhost:${dead}` })
      .waitFor({ timeout: 15_000 });
    assert.ok(await wizard.locator('#url-reach.fail').isVisible());
    // Announced once typing paused (700 ms after the finding): waited for, not slept.
    await wizard.waitForFunction(
      (port) => window.heard.some((t) => t.includes(`Nothing is listening at localhost:${port}`)),
      dead,
      { timeout: 5_000 },
    );
    const heard = await wizard.evaluate(() => window.heard);
    assert.ok(
      heard.length >= 1 && heard.length <= 3,
      `announced once typing paused, not per keystroke: ${JSON.stringify(heard)}`,
    );
    assert.ok(
      await url.evaluate((el) => el === document.activeElement),
      'focus stays in the field through every state push',
    );
    assert.equal(await url.inputValue(), `http://localhost:${dead}/v1`, 'no keystroke lost to a re-render');
    assert.ok(await wizard.locator('#next').isDisabled(), 'a URL where nothing answers does not pass step 1');
    await wb.typeInto(url, 'http://pool.example.com/v1');
    await wizard.locator('.finding.error', { hasText: 'unencrypted' }).waitFor();
    assert.ok(await wizard.locator('.fix-button', { hasText: 'Use https' }).isVisible());
    await wb.typeInto(url, `"${emulator.apiBase}/chat/completions?stream=1"`);
    await wizard.locator('#fix-all').click();
    await wizard.locator('.calls code', { hasText: `${emulator.apiBase}/chat/completions` }).waitFor();
    assert.equal(await url.inputValue(), emulator.apiBase);
    await wizard.locator('#url-reach.pass', { hasText: 'A Codex Pooler answers' }).waitFor({ timeout: 15_000 });
    assert.equal(emulator.requests.filter((r) => r.authorization).length, 0, 'no key was sent to check the URL');
    await wb.shoot('wizard-step1');
    await wb.axe('step 1');
  });

  it('step 2 catches a wrong key live: an MCP token is refused, a key the pool rejects is said so', async () => {
    const { wb, emulator, page } = env;
    await given({
      key: null,
      settings: { ...newUserSettings(), 'codexPooler.baseUrl': emulator.apiBase },
      wizard: 'key',
    });
    const { wizard } = wb;
    const key = wizard.locator('#key');
    await wb.focusField(key);
    await page.keyboard.type(makeMcpToken());
    await wizard.locator('#key-rules .finding.error', { hasText: 'MCP token' }).waitFor();
    assert.ok(await wizard.locator('#next').isDisabled(), 'Next does not drop a typed value silently');
    assert.match(await wizard.locator('.actions-block .hint').textContent(), /not a Pool API key/);
    const unknown = makePoolKey();
    await wb.typeInto(key, unknown);
    await wizard.locator('#next', { hasText: 'Save the key and continue' }).click();
    env.storedKey = unknown; // no key was stored: the new one is stored at once, then checked
    await wizard
      .locator('#key-problems .finding.error', { hasText: 'rejected the Pool API key' })
      .waitFor({ timeout: 15_000 });
    await wb.waitForStep(2);
    await wb.shoot('wizard-step2-rejected');
    await wizard.locator('#replace-key').click();
    await wb.typeInto(wizard.locator('#key'), `Bearer ${emulator.key}`);
    await wizard.locator('#save-key', { hasText: 'Save the key inside' }).click();
    await wizard.locator('#key-check-line.pass', { hasText: 'accepts this key' }).waitFor({ timeout: 15_000 });
    env.storedKey = emulator.key;
    assert.match(
      await wizard.locator('#key-stored').textContent(),
      new RegExp(`Stored: ${emulator.key.slice(0, 20)}…`),
      'the whole id part tells keys apart',
    );
    assert.ok(!(await wb.html()).includes(emulator.key.slice(20)), 'the wizard DOM must not hold the key');
    await wb.axe('step 2');
    await wizard.locator('#next').click();
    await wb.waitForStep(3);
  });

  it("step 3: the pool's list, a model typed in other casing is used in the pool's casing", async () => {
    const { wb } = env;
    await given({ settings: { 'codexPooler.model': undefined }, status: 'not set up', wizard: 'model' });
    const { wizard } = wb;
    await wizard.locator('fieldset.models').waitFor();
    const options = await wizard.locator('.model-option').allTextContents();
    assert.equal(options.length, 3);
    assert.match(options[0], /GPT-5\.6 Terra.*gpt-5\.6-terra.*images.*258,400/);
    assert.match(options[2], /gpt-5\.4-mini.*text only.*121,600/);
    await wizard.locator('#model').fill('gpt-9-imaginary');
    await wizard.locator('#model-check.error', { hasText: '984' }).waitFor();
    assert.ok(await wizard.locator('#next').isDisabled());
    await wizard.locator('#model').fill('GPT-5.5');
    await wizard.locator('#model-check', { hasText: 'The pool spells it "gpt-5.5"' }).waitFor();
    await wb.shoot('wizard-step3');
    await wb.axe('step 3');
    await wizard.locator('#next:not([disabled])').click();
    await wb.waitForStep(4);
    await wizard.locator('[data-notice="modelCase"]').waitFor();
  });

  it('step 4: the test, the Trae-shaped check (streamed, two turns), then Save writes what passed', async () => {
    const { wb, emulator } = env;
    await given({ settings: { 'codexPooler.model': undefined }, status: 'not set up', wizard: 'model' });
    const { wizard } = wb;
    await wizard.locator('.model-option', { hasText: 'gpt-5.5' }).first().click();
    await wizard.locator('#next:not([disabled])').click();
    await wb.waitForStep(4);
    assert.ok(await wizard.locator('#next').isDisabled(), 'nothing to save before a test');
    await wizard.locator('#run-test').click();
    await wizard.locator('#verdict.pass').waitFor({ timeout: 20_000 });
    assert.match(await wizard.locator('#answer').textContent(), /trae ok/);
    await wizard.locator('#run-trae-check').click();
    await wizard.locator('#trae-verdict.pass').waitFor({ timeout: 20_000 });
    assert.match(
      await wizard.locator('#trae-result').textContent(),
      /Turn 1: first token after \d+ ms.*ended with \[DONE\]/,
    );
    await wb.shoot('wizard-step4');
    await wb.axe('step 4');
    const chats = emulator.countRoute('chat');
    await wizard.locator('#next', { hasText: 'Save and continue' }).click();
    await wb.waitForStep(5);
    await wb.waitForStatus('healthy');
    assert.equal(
      emulator.countRoute('chat'),
      chats,
      'Save did not test again: the test had passed for exactly these values',
    );
    const settings = await readWhole(env.settingsFile);
    assert.equal(settings['codexPooler.baseUrl'], emulator.apiBase);
    assert.equal(settings['codexPooler.model'], 'gpt-5.5', "saved in the pool's casing");
  });

  it('step 5: Trae\'s Add Model dialog in Trae\'s order and labels, Copy says "Copied", then Trae CN', async () => {
    const { wb, emulator, page } = env;
    await given({ wizard: 'trae' });
    const { wizard } = wb;
    const labels = () =>
      wizard.locator('#trae-dialog [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    assert.deepEqual(await labels(), TRAE_EN);
    assert.equal(await wizard.locator('#trae-dialog .trae-row-label').textContent(), 'Context Window');
    assert.match(
      await wizard.locator('#trae-advanced').textContent(),
      /Advanced Settings \(collapsed in Trae until you open it\)/,
    );
    assert.equal(await wizard.locator('#trae-advanced .icon-chevronDown').count(), 1, 'drawn as once opened');
    assert.match(await wizard.locator('#advanced-hint').textContent(), /collapsed/);
    assert.equal(await wizard.locator('.trae-add-button').textContent(), 'Add Model');
    assert.match(
      await wizard.locator('#trae-steps').textContent(),
      /Settings -> Models -> \+ Add Model.*Add Model at the bottom/,
    );
    const copy = wizard.locator('[data-field="requestUrl"] button.copy');
    await copy.click();
    await wizard.locator('[data-field="requestUrl"] button.copy.done', { hasText: 'Copied' }).waitFor();
    assert.equal(await wb.readClipboard(), emulator.apiBase);
    await wizard.locator('#announcer', { hasText: 'Copied: Custom Request URL' }).waitFor();
    await wizard.locator('[data-field="apiKey"] button.copy').click();
    await wizard.locator('[data-field="apiKey"] button.copy.done').waitFor();
    assert.equal(await wb.readClipboard(), emulator.key, 'the key is copied by the host');
    assert.ok(!(await wb.html()).includes(emulator.key.slice(20)));
    assert.equal(await wizard.locator('#copy-all').getAttribute('aria-label'), 'Copy all as text');
    await wizard.locator('[data-field="multimodal"] .toggle[aria-label="Multimodal: On"]').waitFor();
    const top = () => wizard.locator('#trae-dialog').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await top();
    await wb.shoot('wizard-trae-en');
    await wb.axe('step 5');
    await wizard.locator('#language-zh-cn').check();
    await wizard.locator('#trae-dialog [data-label="自定义请求地址"]').waitFor();
    assert.deepEqual(await labels(), TRAE_CN);
    await wizard.locator('#copy-all').click();
    await wizard.locator('#copy-all.done').waitFor();
    const all = await wb.readClipboard();
    const order = TRAE_CN.map((l) => all.indexOf(l));
    assert.ok(
      order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])),
      `the text follows the dialog's order: ${order}`,
    );
    assert.ok(!all.includes(emulator.key.slice(20)), 'Copy all never includes the key');
    await top();
    await wb.shoot('wizard-trae-cn');
    await wizard.locator('#language-en').check();
    await wizard.locator('#trae-dialog [data-label="Custom Request URL"]').waitFor();
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      await wizard.waitForFunction(() => document.documentElement.clientWidth < 420);
      await top();
      await page.screenshot({ path: join(SHOTS, 'wizard-trae-narrow-light.png') });
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('step 5 at 1280x800: Next a few Tab presses from the title, before the error codes, which are folded (defect: 19 presses, 2,300 px)', async () => {
    const { wb, page } = env;
    await given({ wizard: 'trae' });
    const { wizard } = wb;
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await wizard.waitForFunction(() => document.documentElement.clientWidth < 1280);
      await wizard.locator('#step-title').evaluate((el) => el.focus());
      let presses = 0;
      const next = wizard.locator('#next');
      while (!(await next.evaluate((el) => el === document.activeElement)) && presses < 40) {
        await page.keyboard.press('Tab');
        presses++;
      }
      // The language choice, nine Copy buttons, Copy all, Back: what the user works with on this step.
      assert.ok(presses <= 13, `Next is ${presses} Tab presses from the step title`);
      const codes = wizard.locator('details#trae-errors');
      assert.equal(await codes.getAttribute('open'), null, 'the error codes start folded');
      assert.equal(await wizard.locator('button[data-explain]').first().isVisible(), false);
      const height = await wizard.locator('section.step').evaluate((el) => el.getBoundingClientRect().height);
      console.log(
        `      step 5 at 1280x800: Next after ${presses} Tab presses; the step is ${Math.round(height)} px tall`,
      );
      assert.ok(height < 1700, `step 5 is ${height} px tall`);
      await codes.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: join(SHOTS, 'wizard-trae-next-light.png') });
      // The codes open from the keyboard too: Tab from Next reaches them, Enter opens them.
      await page.keyboard.press('Tab');
      assert.ok(await wizard.locator('#trae-errors summary').evaluate((el) => el === document.activeElement));
      await page.keyboard.press('Enter');
      await wizard.locator('button[data-explain="984"]').waitFor();
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('step 5 "Trae says…": 984 is decided by the pool\'s list, for free; the last step offers only buttons that work here', async () => {
    const { wb, emulator, page } = env;
    await given({ wizard: 'trae' });
    const { wizard } = wb;
    await wizard.locator('#trae-errors summary').click();
    await wb.axe('step 5, the error codes opened', ['light']);
    await wizard.locator('button[data-explain="984"]').click();
    await wizard
      .locator('#explain-984 .explain-line.fine', { hasText: 'lists "gpt-5.5" exactly' })
      .waitFor({ timeout: 15_000 });
    assert.equal(emulator.countRoute('chat'), 0);
    await wizard.locator('#next').click();
    await wb.waitForStep(6);
    await wb.axe('step 6');
    await page.locator('#workbench\\.parts\\.statusbar').screenshot({ path: join(SHOTS, 'status-bar-healthy.png') });
  });

  it('the last step in an editor without Trae\'s chat: no "Open the agent chat", and every button there does something (defect: a button that did nothing)', async () => {
    const { wb, page } = env;
    await given({ wizard: 'confirm' });
    const { wizard } = wb;
    assert.equal(
      await wizard.locator('#open-chat').count(),
      0,
      'code-server has no Trae chat: the button is not offered',
    );
    assert.equal(await wizard.locator('#open-trae-settings').count(), 0);
    await wizard.locator('button', { hasText: 'Check Connection' }).click();
    await wb.toast('Codex Pooler works').waitFor({ timeout: 20_000 });
    await wb.clearToasts();
    await wizard.locator('button', { hasText: 'Close the wizard' }).click();
    await page.locator('.webview.ready').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('a model with a small window gets a fitting Context Window Input, with the reason', async () => {
    const { wb } = env;
    await given({ wizard: 'model' });
    const { wizard } = wb;
    await wizard.locator('.model-option', { hasText: 'gpt-5.4-mini' }).click();
    await wizard.locator('#next:not([disabled])').click();
    await wb.waitForStep(4);
    await wizard.locator('#dirty-banner', { hasText: 'status bar keeps checking your saved settings' }).waitFor();
    await wizard.locator('#run-test').click();
    await wizard.locator('#verdict.pass').waitFor({ timeout: 20_000 });
    await wizard.locator('#next', { hasText: 'Save and continue' }).click();
    await wb.waitForStep(5);
    assert.equal(await wizard.locator('[data-field="contextInput"] code').textContent(), '105600');
    assert.match(await wizard.locator('[data-field="contextInput"] .reason').textContent(), /121,600/);
    assert.match(await wizard.locator('#advanced-hint').textContent(), /must change/);
    await wizard.locator('[data-field="multimodal"] .toggle[aria-label="Multimodal: Off"]').waitFor();
    await wizard.locator('#trae-advanced').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await wb.shoot('wizard-trae-small-window', ['light']);
  });
});
