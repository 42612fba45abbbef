// Each browser case sets up the state it needs with given(): the pool's scenario, the user settings, the
// stored Pool API key, the status bar it should start from, and the wizard open at a step (its unsaved
// draft discarded). After a failed case everything is rebuilt (the window reloads), so one failure
// cannot cascade into the next case.
import { readWhole, waitFor } from './helpers.mjs';
import { applyScenario, env } from './env.mjs';
import { runPaletteCommand } from '../host/codeServer.mjs';

export const STEP_NUMBER = { url: 1, key: 2, model: 3, test: 4, trae: 5, confirm: 6 };

/** The user settings of a working setup on the emulator. */
export function workingSettings() {
  return {
    'codexPooler.baseUrl': env.emulator.apiBase,
    'codexPooler.fullUrl': false,
    'codexPooler.model': 'gpt-5.5',
    'codexPooler.moreModels': undefined,
    'codexPooler.healthCheck.intervalSeconds': 300,
    'codexPooler.guideLanguage': 'auto',
    'http.proxy': undefined,
  };
}

/** A new user: nothing chosen yet (the URL setting at its default) and no key. */
export function newUserSettings() {
  return { ...workingSettings(), 'codexPooler.baseUrl': undefined, 'codexPooler.model': undefined };
}

/**
 * Sets up what a case needs and checks it:
 * - key: 'valid' (the emulator's key), null (none), or a key to store;
 * - settings: user settings (undefined removes one), on top of a working setup;
 * - scenario: the emulator's scenario, applied last;
 * - status: the status bar state to wait for (default: healthy with a valid key, "not set up" without);
 * - wizard: a step name to open the wizard at (closed otherwise).
 */
export async function given({ key = 'valid', settings = {}, scenario, status, wizard } = {}) {
  const { page, wb, emulator } = env;
  if (env.unknownState) await reloadWindow();
  await page.keyboard.press('Escape');
  await runPaletteCommand(page, 'View: Close All Editors');
  emulator.reset();
  await writeSettings({ ...workingSettings(), ...settings });
  const wanted = key === 'valid' ? emulator.key : (key ?? undefined);
  if (env.unknownState || env.storedKey !== wanted) await storeKey(wanted);
  env.unknownState = false;
  await wb.clearToasts();
  if (scenario) applyScenario(emulator, scenario);
  const expected = status ?? (wanted === undefined ? 'not set up' : scenario ? undefined : 'healthy');
  if (expected) await converge(expected);
  emulator.requests = [];
  if (wizard) await openWizardAt(wizard);
}

/** Reloads the window: every dialog, notification, webview and in-memory state of the extension starts over. */
export async function reloadWindow() {
  const { page } = env;
  await page.keyboard.press('Escape');
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runPaletteCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  await page
    .locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]')
    .first()
    .waitFor({ timeout: 60_000 });
}

/**
 * Writes user settings the way many people do: "Preferences: Open User Settings (JSON)", the whole text
 * replaced, saved (the editor's own save: a file written behind its back may be noticed late, or not at
 * all). undefined removes a setting. Waits until the file holds what was written.
 */
export async function writeSettings(values) {
  const { page } = env;
  const current = await readWhole(env.settingsFile);
  const next = { ...current };
  for (const [id, value] of Object.entries(values)) {
    if (value === undefined) delete next[id];
    else next[id] = value;
  }
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  const text = `${JSON.stringify(next, null, 2)}\n`;
  await runPaletteCommand(page, 'Preferences: Open User Settings (JSON)');
  const editor = page.locator('.editor-instance .monaco-editor textarea').first();
  await editor.waitFor();
  await editor.focus();
  // The clipboard wants a focused document: written once the editor (in the workbench's document) has focus.
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+S');
  await waitFor(
    async () => JSON.stringify(await readWhole(env.settingsFile)) === JSON.stringify(next),
    10_000,
    'the settings file to hold what was saved',
  );
  await runPaletteCommand(page, 'View: Close All Editors');
  await editor.waitFor({ state: 'detached', timeout: 10_000 });
}

/** Stores a key (or clears it) through the palette commands, like a user, and checks that it took. */
export async function storeKey(key) {
  const { page, wb } = env;
  await wb.clearToasts();
  if (key === undefined) {
    await runPaletteCommand(page, 'Codex Pooler: Clear Pool API Key');
    const dialog = page.locator('.monaco-dialog-box');
    const none = wb.toast('No Pool API key is stored');
    await Promise.race([dialog.waitFor({ timeout: 15_000 }), none.waitFor({ timeout: 15_000 })]);
    if (await dialog.isVisible()) {
      await dialog.locator('.monaco-button', { hasText: 'Remove' }).click();
      await wb.toast('removed').waitFor({ timeout: 15_000 });
    }
  } else {
    await runPaletteCommand(page, 'Codex Pooler: Set Pool API Key');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(key);
    await page.keyboard.press('Enter');
    const saved = wb.toast('Pool API key saved');
    const kept = wb.toast('is still stored');
    await Promise.race([saved.waitFor({ timeout: 20_000 }), kept.waitFor({ timeout: 20_000 })]);
    if (await kept.isVisible()) {
      // Setting up a case may mean storing a key the pool will not accept: the user's own choice.
      await kept.locator('.monaco-button', { hasText: 'Store It Anyway' }).click();
      await saved.waitFor({ timeout: 20_000 });
    }
  }
  env.storedKey = key;
  await wb.clearToasts();
}

/**
 * Waits for the status bar to say `state`; if an earlier answer still stands (nothing changed that would
 * start a check), a check of the saved setup is asked for once, as a user would.
 */
export async function converge(state) {
  const { wb } = env;
  try {
    await wb.waitForStatus(state, 5_000);
    return;
  } catch {
    await runPaletteCommand(env.page, 'Codex Pooler: Check Connection');
    await wb.waitForStatus(state, 30_000);
    await wb.clearToasts();
  }
}

/** Opens the wizard (palette), discards an unsaved draft, and goes to `step`. */
export async function openWizardAt(step) {
  const { page, wb } = env;
  await runPaletteCommand(page, 'Codex Pooler: Open Setup Wizard');
  const wizard = await wb.wizardFrame();
  await wizard.locator('#step-title').waitFor({ timeout: 20_000 });
  const discard = wizard.locator('#dirty-banner button');
  if (await discard.isVisible()) {
    await discard.click();
    await discard.waitFor({ state: 'detached', timeout: 10_000 });
  }
  const link = wizard.locator(`.step-link[data-step="${step}"]`);
  await link.waitFor();
  await waitFor(
    async () => !(await link.isDisabled()) || (await link.getAttribute('aria-current')) === 'step',
    10_000,
    `the step link "${step}" to be reachable`,
  );
  if ((await link.getAttribute('aria-current')) !== 'step') await link.click();
  await wb.waitForStep(STEP_NUMBER[step]);
  return wizard;
}
