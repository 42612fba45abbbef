#!/usr/bin/env node
// Browser end-to-end smoke test of the rig, and a template for e2e tests: package the self-test extension
// with vsce, install the VSIX into a fresh profile, open the workbench in chromium, run its command from
// the palette, check the clipboard. Usage: node test/host/selftest/vsixSmoke.mjs (exit 0 = ok).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../../scripts/host-tools.mjs';
import {
  installVsix,
  launchBrowser,
  makeProfile,
  openWorkbench,
  runPaletteCommand,
  startCodeServer,
} from '../codeServer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const log = (...parts) => console.log('[vsix-smoke]', ...parts);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const profile = await makeProfile();
let server;
let browser;
let exitCode = 1;
try {
  // vsce 3.x packages offline; --skip-license/--allow-missing-repository avoid its prompts (yes=false).
  const vsix = join(profile.root, 'host-selftest.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packed = spawnSync(
    process.execPath,
    [vsce, 'package', '--skip-license', '--allow-missing-repository', '-o', vsix],
    { cwd: here, encoding: 'utf8' },
  );
  if (packed.status !== 0 || !existsSync(vsix))
    throw new Error(`vsce package failed:\n${packed.stdout}${packed.stderr}`);
  log(`packaged ${vsix} (${elapsed()})`);

  log((await installVsix(profile, vsix)).split('\n').pop());
  server = await startCodeServer(profile);
  browser = await launchBrowser(profile.root, { origin: server.url });
  await openWorkbench(browser.page, server);
  log(`workbench up (${elapsed()})`);

  await runPaletteCommand(browser.page, 'Host Selftest: Hello');
  log(`ran "Host Selftest: Hello" from the palette (${elapsed()})`);

  // The clipboard permission launchBrowser grants for the server's origin.
  const pasted = await browser.page.evaluate(async () => {
    await navigator.clipboard.writeText('rig-clipboard');
    return navigator.clipboard.readText();
  });
  if (pasted !== 'rig-clipboard') throw new Error(`clipboard round-trip gave ${JSON.stringify(pasted)}`);
  log('clipboard round-trip ok');
  exitCode = 0;
} catch (error) {
  log(`FAILED: ${error.message}`);
  if (browser) {
    const outputDir = join(repoRoot, 'test-output');
    mkdirSync(outputDir, { recursive: true });
    await browser.page.screenshot({ path: join(outputDir, 'vsix-smoke-failure.png') }).catch(() => {});
    log(`screenshot: ${join(outputDir, 'vsix-smoke-failure.png')}; server log: ${profile.serverLog}`);
  }
} finally {
  await browser?.close();
  await server?.stop();
  if (exitCode === 0) rmSync(profile.root, { recursive: true, force: true });
}
log(`${exitCode === 0 ? 'PASSED' : 'FAILED'} in ${elapsed()}`);
process.exit(exitCode);
