// Shared pieces of the integration suite: the extension's API, settings at the user level, waiting
// for the status bar, and the files the editor wrote (for the key-leak checks).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodexPoolerApi } from '../../src/extension';
import type { Indicator } from '../../src/editor/statusBar';

export const EXTENSION_ID = 'codex-pooler-community.codex-pooler-trae';

export async function api(): Promise<CodexPoolerApi> {
  const extension = vscode.extensions.getExtension<CodexPoolerApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

export async function setUserSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('codexPooler');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/** Writes only the values that differ (an unchanged write would still start a check). */
export async function ensureUserSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('codexPooler');
  for (const [key, value] of Object.entries(values)) {
    if (config.inspect(key)?.globalValue !== value) await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** Until no check has been running for a while: what was triggered has landed. */
export async function settle(pooler: CodexPoolerApi, quietMs = 400): Promise<void> {
  let quietSince = Date.now();
  await waitFor('the extension to settle', () => {
    if (pooler.getStatus().indicator === 'checking') quietSince = Date.now();
    return Date.now() - quietSince >= quietMs;
  });
}

/** The tooltip as a reader sees it: markdown escapes and non-breaking spaces undone. */
export function tooltipText(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last) return last as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

export async function waitForIndicator(pooler: CodexPoolerApi, indicator: Indicator, timeoutMs?: number) {
  return waitFor(
    `status bar "${indicator}"`,
    () => {
      const status = pooler.getStatus();
      return status.indicator === indicator ? { ...status, tooltip: tooltipText(status.tooltip) } : undefined;
    },
    timeoutMs,
  );
}

/** The pace of waitFor's poll, kept private: a test waits for a condition, never for a time. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The status bar once the check of these saved values has been published and no check runs. */
export async function waitForCheckOf(pooler: CodexPoolerApi, model: string) {
  return waitFor(`a published check of model ${model}`, () => {
    const status = pooler.getStatus();
    const tooltip = tooltipText(status.tooltip);
    const named = new RegExp(`Model: ${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`).test(tooltip);
    const done = named && !/Checking now/.test(tooltip) && /Checked /.test(tooltip);
    return done && status.indicator !== 'checking' ? { ...status, tooltip } : undefined;
  });
}

/**
 * Every tab opened before now is in vscode.window.tabGroups: an editor opened after them is the marker
 * (the editor reports tab changes in order). The marker is closed again.
 */
export async function tabsCaughtUp(): Promise<void> {
  const marker = await vscode.workspace.openTextDocument({ content: '' });
  await vscode.window.showTextDocument(marker, { preview: false });
  const tab = await waitFor('the marker tab', () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === marker.uri.toString()),
  );
  await vscode.window.tabGroups.close(tab);
}

/** The extension's log as written to disk so far (every "Codex Pooler.log" below the test profile). */
export function logOnDisk(root: string): string {
  return filesBelow(root)
    .filter((f) => path.basename(f) === 'Codex Pooler.log')
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

/** How many times the log on disk holds a line ending in `title` (a check logs its title first, then its report). */
export function loggedCount(root: string, title: string): number {
  return logOnDisk(root)
    .split('\n')
    .filter((line) => line.endsWith(`] ${title}`)).length;
}

/** The runner's temp profile (user data, extensions, browser profile, server log); undefined outside it. */
export function profileDir(): string | undefined {
  return process.env['HOST_TEST_PROFILE_DIR'];
}

/** Every file below dir (symlinks not followed), with its size. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (error) {
      // A folder the browser removed meanwhile (a cache) holds nothing to look at.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** The files below dir whose bytes contain needle (as UTF-8 or UTF-16LE, as SQLite and LevelDB may store it). */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return filesBelow(dir).filter((file) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      // The browser removes cache files while it runs: one listed a moment ago may be gone (it holds nothing now).
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    return forms.some((form) => bytes.includes(form));
  });
}
