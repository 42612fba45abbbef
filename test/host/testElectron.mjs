#!/usr/bin/env node
// The standard @vscode/test-electron entry point, kept working without internet:
//   CODE_SERVER_ROUTE=1, or no internet  -> runTests() with vscodeExecutablePath = test/host/code-server-vscode,
//                                           which runs the suite in code-server (VS Code 1.100.3)
//   CODE_SERVER_ROUTE=0, or internet     -> runTests() downloads desktop VS Code (VSCODE_TEST_VERSION, default
//                                           1.100.3) into .vscode-test/ as usual
// Usage: node test/host/testElectron.mjs [--extensionDevelopmentPath=DIR] [--extensionTestsPath=FILE] [--workspace=DIR]
//        (defaults: the rig's self-test in test/host/selftest)
import { lookup } from 'node:dns/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import testElectron from '@vscode/test-electron';
import { parseArgs } from './runExtensionTests.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const log = (...parts) => console.log('[test-electron]', ...parts);

// True when desktop VS Code can be downloaded (the update server's name resolves within 3 s).
async function hasInternet() {
  try {
    await Promise.race([
      lookup('update.code.visualstudio.com'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

// CODE_SERVER_ROUTE=1 forces code-server, =0 forces desktop; unset picks by connectivity.
async function useCodeServer() {
  if (process.env.CODE_SERVER_ROUTE === '1') return true;
  if (process.env.CODE_SERVER_ROUTE === '0') return false;
  return !(await hasInternet());
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const extensionDevelopmentPath = resolve(options.extensionDevelopmentPath[0] ?? join(here, 'selftest'));
  const extensionTestsPath = resolve(options.extensionTestsPath ?? join(here, 'selftest', 'suite', 'index.js'));
  const launchArgs = options.workspaceDir ? [resolve(options.workspaceDir)] : [];
  const viaCodeServer = await useCodeServer();
  log(
    viaCodeServer
      ? 'running in code-server (CODE_SERVER_ROUTE=1 or no internet)'
      : 'running in downloaded desktop VS Code',
  );
  const exitCode = await testElectron.runTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs,
    ...(viaCodeServer
      ? { vscodeExecutablePath: join(here, 'code-server-vscode') }
      : { version: process.env.VSCODE_TEST_VERSION || '1.100.3' }),
  });
  process.exit(exitCode);
}

main().catch((error) => {
  // runTests rejects with TestRunFailedError (carrying the exit code) when the tests fail.
  console.error(`[test-electron] ${error.message}`);
  process.exit(typeof error.code === 'number' && error.code > 0 ? error.code : 1);
});
