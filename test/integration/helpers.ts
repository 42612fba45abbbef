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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The runner's temp profile (user data, extensions, browser profile, server log); undefined outside it. */
export function profileDir(): string | undefined {
  return process.env['HOST_TEST_PROFILE_DIR'];
}

/** Every file below dir (symlinks not followed), with its size. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
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
    const bytes = fs.readFileSync(file);
    return forms.some((form) => bytes.includes(form));
  });
}
