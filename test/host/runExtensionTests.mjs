#!/usr/bin/env node
// Runs an extension's integration tests inside a real VS Code extension host (code-server 4.100.3 =
// VS Code 1.100.3) driven by headless Debian chromium: the offline stand-in for @vscode/test-electron.
//
// CLI:  node test/host/runExtensionTests.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//            [--workspace=DIR] [--timeout=MS]            (exit code 0 = all passed, 1 = failed or broken)
// API:  const { exitCode, results } = await runExtensionTests({ extensionDevelopmentPath, extensionTestsPath,
//            workspaceDir?, env?, timeoutMs?, settings? })
//
// How: code-server has no --extensionTestsPath flag, but its web client takes a `payload` URL parameter
// with extensionDevelopmentPath/extensionTestsPath; the suite's run() executes in the remote (Node)
// extension host and the workbench then calls window.codeAutomationExit(code) (0 passed, 1 failed).
//
// Environment the extension host sees: this process's environment + opts.env + VSCODE_TEST_RESULTS_FILE.
//   VSCODE_TEST_RESULTS_FILE  set by this runner: where the suite writes its results JSON (below)
//   HOST_TEST_PROFILE_DIR     set by this runner: the temp profile (user-data/, extensions/, browser/, ...)
//   HOST_TEST_TIMEOUT_MS      overall timeout for one run (default 300000)
//   HOST_TEST_OUTPUT_DIR      where screenshots and logs go (default <repo>/test-output)
//   HOST_TEST_KEEP_PROFILE=1  keep the temp profile (user data, browser profile, server log) after the run
//   HOST_TEST_GREP            mocha grep, applied by test/host/mochaSuite.cjs
//   HOST_TEST_LOG_LEVEL       code-server --log level (trace, debug, info, warn, error)
//
// Results JSON (schema "vscode-host-test-results/1"), written by test/host/mochaSuite.cjs:
//   { schema, startedAt, finishedAt, durationMs, vscodeVersion, passes, failures, pending, total,
//     tests: [{ title, fullTitle, file, state: 'passed'|'failed'|'pending', durationMs,
//               error?: { message, stack, actual?, expected? } }] }
// A failed hook or a spec file that cannot load is reported as one failed test.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureCodeServer, repoRoot } from '../../scripts/host-tools.mjs';
import { launchBrowser, makeProfile, startCodeServer } from './codeServer.mjs';

const log = (...parts) => console.log('[host]', ...parts);

// Runs one suite in a fresh profile; resolves { exitCode, results } (results null if none were written).
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspaceDir,
  env = {},
  timeoutMs = Number(process.env.HOST_TEST_TIMEOUT_MS) || 300_000,
  settings = {},
}) {
  const started = Date.now();
  const devPaths = [].concat(extensionDevelopmentPath ?? []).map((path) => resolve(path));
  const testsPath = extensionTestsPath && resolve(extensionTestsPath);
  if (!devPaths.length || !testsPath) throw new Error('extensionDevelopmentPath and extensionTestsPath are required');
  for (const path of [...devPaths, testsPath, ...(workspaceDir ? [resolve(workspaceDir)] : [])]) {
    if (!existsSync(path)) throw new Error(`not found: ${path}`);
  }

  await ensureCodeServer();
  await ensureChromium();
  const outputDir = resolve(process.env.HOST_TEST_OUTPUT_DIR || join(repoRoot, 'test-output'));
  mkdirSync(outputDir, { recursive: true });
  const runId = `host-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const consoleLogFile = join(outputDir, `${runId}-browser-console.log`);
  const profile = await makeProfile({ settings });
  const keepProfile = process.env.HOST_TEST_KEEP_PROFILE === '1';
  // Also on Ctrl+C: process.exit() runs 'exit' listeners (codeServer.mjs kills the server in one too).
  const removeProfile = () => {
    if (!keepProfile)
      try {
        rmSync(profile.root, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
  };
  process.once('exit', removeProfile);
  const resultsFile = join(profile.root, 'results.json');
  const folder = resolve(workspaceDir ?? profile.workspaceDir);

  let server;
  let browser;
  let outcome;
  try {
    server = await startCodeServer(profile, {
      env: { ...env, VSCODE_TEST_RESULTS_FILE: resultsFile, HOST_TEST_PROFILE_DIR: profile.root },
      folder,
      logLevel: process.env.HOST_TEST_LOG_LEVEL,
    });
    log(`code-server ${server.url} up in ${seconds(started)} (log ${server.logFile})`);
    browser = await launchBrowser(profile.root, { origin: server.url, consoleLogFile });
    outcome = await runInWorkbench(browser.page, testUrl(server, { devPaths, testsPath, folder }), timeoutMs);
  } catch (error) {
    outcome = { exitCode: 1, reason: `host test run broke: ${error.message}` };
  }

  const results = readResults(resultsFile);
  // The results file is the detailed truth; any failure in it fails the run even if the exit code said 0.
  const exitCode = outcome.exitCode === 0 && !(results?.failures > 0) ? 0 : 1;
  printSummary({ results, outcome, exitCode, durationMs: Date.now() - started, consoleLogFile, browser });
  if (exitCode !== 0) await saveDiagnostics({ outputDir, runId, browser, profile, outcome });

  await browser?.close();
  await server?.stop();
  process.removeListener('exit', removeProfile);
  removeProfile();
  if (keepProfile) log(`profile kept: ${profile.root}`);
  return { exitCode, results };
}

// The workbench URL whose payload makes the extension host run the tests.
function testUrl(server, { devPaths, testsPath, folder }) {
  const remote = (path) =>
    `vscode-remote://127.0.0.1:${server.port}${path.split('/').map(encodeURIComponent).join('/')}`;
  const payload = [
    ...devPaths.map((path) => ['extensionDevelopmentPath', remote(path)]),
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  const target = folder.endsWith('.code-workspace') ? 'workspace' : 'folder'; // a multi-root workspace file or a folder
  return `${server.url}?${target}=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// Opens the workbench and waits for codeAutomationExit, a timeout, or a dead page, whichever comes first.
async function runInWorkbench(page, url, timeoutMs) {
  let finish;
  const finished = new Promise((r) => {
    finish = r;
  });
  // Must be exposed before navigation: the workbench looks the function up when the tests end.
  await page.exposeFunction('codeAutomationExit', (code, logs) => finish({ exitCode: Number(code), logs }));
  page.once('crash', () => finish({ exitCode: 1, reason: 'the browser page crashed' }));
  page.once('close', () => finish({ exitCode: 1, reason: 'the browser page closed before the tests finished' }));
  const timer = setTimeout(
    () =>
      finish({
        exitCode: 1,
        timedOut: true,
        reason: `timed out after ${timeoutMs / 1000} s waiting for the tests to finish (codeAutomationExit never called)`,
      }),
    timeoutMs,
  );
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    return await finished;
  } finally {
    clearTimeout(timer);
  }
}

// The suite's results JSON, or null when it wrote none (crash before the end, or a suite without the helper).
function readResults(resultsFile) {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    return null;
  }
}

// Console errors every run has offline (missing web assets, the unreachable extension gallery).
const CONSOLE_NOISE = /Failed to load resource|ENOTFOUND|ERR_NAME_NOT_RESOLVED|open-vsx/;

// Prints every test, the failures with their errors, and a closing "N passed, N failed" line.
function printSummary({ results, outcome, exitCode, durationMs, consoleLogFile, browser }) {
  if (results) {
    for (const test of results.tests)
      log(
        `  ${{ passed: '✓', failed: '✗', pending: '-' }[test.state] ?? '?'} ${test.fullTitle} (${test.durationMs} ms)`,
      );
    const failed = results.tests.filter((test) => test.state === 'failed');
    failed.forEach((test, index) => {
      console.log(`\n  ${index + 1}) ${test.fullTitle}`);
      console.log(indent(test.error?.stack || test.error?.message || 'no error details', '     '));
      if (test.error?.expected !== undefined)
        console.log(`     expected: ${test.error.expected}\n     actual:   ${test.error.actual}`);
    });
    if (failed.length) console.log('');
  } else {
    log(`no results JSON was written by the suite (set by VSCODE_TEST_RESULTS_FILE; see test/host/mochaSuite.cjs)`);
    // The suite died early: its error is usually among the last browser console errors.
    const hints = (browser?.consoleStats.recentErrors ?? []).filter((text) => !CONSOLE_NOISE.test(text)).slice(-5);
    for (const text of hints)
      log(
        `  console error: ${text
          .replace(/%c|color: #[0-9a-f]+/gi, '')
          .trim()
          .split('\n')[0]
          .slice(0, 300)}`,
      );
  }
  if (outcome.reason) log(`ERROR: ${outcome.reason}`);
  if (results && results.total === 0) log('WARNING: the suite ran no tests');
  const consoleNote = browser ? `; browser console: ${browser.consoleStats.errors} errors -> ${consoleLogFile}` : '';
  log(
    `${exitCode === 0 ? 'PASSED' : 'FAILED'} in ${(durationMs / 1000).toFixed(1)} s (workbench exit code ${outcome.exitCode})${consoleNote}`,
  );
  // The plain closing line CI reads: "N passed, N failed, N skipped".
  if (results) console.log(`host: ${results.passes} passed, ${results.failures} failed, ${results.pending} skipped`);
}

// On failure: a screenshot, the server log and the workbench's logs, all in test-output/.
async function saveDiagnostics({ outputDir, runId, browser, profile, outcome }) {
  const saved = [];
  try {
    if (browser) {
      const screenshot = join(outputDir, `${runId}-failure.png`);
      await browser.page.screenshot({ path: screenshot, timeout: 10_000 });
      saved.push(screenshot);
    }
  } catch (error) {
    log(`screenshot failed: ${error.message}`);
  }
  if (existsSync(profile.serverLog)) {
    const serverLog = join(outputDir, `${runId}-code-server.log`);
    copyFileSync(profile.serverLog, serverLog);
    saved.push(serverLog);
  }
  const logsDir = join(outputDir, `${runId}-logs`);
  // The server side logs: remote extension host, remote agent, built-in extensions.
  const serverLogs = join(profile.userDataDir, 'logs');
  if (existsSync(serverLogs)) cpSync(serverLogs, join(logsDir, 'server'), { recursive: true });
  // codeAutomationExit's second argument: the workbench's own log files ({ relativePath, contents }).
  for (const entry of Array.isArray(outcome.logs) ? outcome.logs : []) {
    if (!entry?.relativePath || typeof entry.contents !== 'string') continue;
    const file = join(logsDir, 'workbench', entry.relativePath.replace(/\.\.+/g, '_'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.contents);
  }
  if (existsSync(logsDir)) saved.push(logsDir);
  if (saved.length) log(`diagnostics: ${saved.join(', ')}`);
}

function indent(text, prefix) {
  return String(text)
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------- CLI

// Reads --name=value and "--name value" flags; the first bare argument is the workspace folder.
export function parseArgs(argv) {
  const options = { extensionDevelopmentPath: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) {
      options.workspaceDir ??= argv[i];
      continue;
    }
    const [, name, inline] = match;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'workspace', 'timeout'].includes(name);
    const value = inline ?? (takesValue && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
    if (name === 'extensionDevelopmentPath') options.extensionDevelopmentPath.push(value);
    else if (name === 'extensionTestsPath') options.extensionTestsPath = value;
    else if (name === 'workspace') options.workspaceDir = value;
    else if (name === 'timeout') options.timeoutMs = Number(value);
    else options.ignored.push(argv[i]); // desktop-only flags (--no-sandbox, --user-data-dir=...) mean nothing here
  }
  return options;
}

// Runs the CLI with the given arguments and exits with the test status.
export async function main(argv = process.argv.slice(2)) {
  const { ignored, ...options } = parseArgs(argv);
  if (ignored.length) log(`ignoring desktop-only flags: ${ignored.join(' ')}`);
  // Ctrl+C / SIGTERM: exit, which fires the 'exit' handler that kills code-server (playwright closes chromium).
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      log(`${signal}: stopping`);
      process.exit(130);
    });
  try {
    const { exitCode } = await runExtensionTests(options);
    process.exit(exitCode);
  } catch (error) {
    console.error(`[host] FAILED: ${error.stack ?? error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
