// Building blocks for tests in a real VS Code host: a throwaway profile, code-server on a free local port
// (a real VS Code 1.100.3 server with a Node extension host), and Debian chromium driven by playwright-core.
// Tools come from scripts/host-tools.mjs; recipes and pitfalls from shared/real-host-testing.md.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureChromium, ensureCodeServer } from '../../scripts/host-tools.mjs';

// Flags from the doc: no sandbox as root, no GPU, and nothing that reaches for the network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------- profile

// Creates a fresh temp profile so nothing is read from or written to the home folder.
export async function makeProfile({ settings = {} } = {}) {
  const root = mkdtempSync(join(process.env.HOST_TEST_TMPDIR || tmpdir(), 'vscode-host-'));
  const profile = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
    workspaceDir: join(root, 'workspace'),
    browserDir: join(root, 'browser'), // chromium's profile: SecretStorage lives here (browser localStorage)
    xdgDir: join(root, 'xdg'), // code-server's own data/config/cache (otherwise ~/.local/share/code-server)
    serverLog: join(root, 'code-server.log'),
  };
  for (const dir of [
    profile.userDataDir,
    profile.extensionsDir,
    profile.workspaceDir,
    profile.browserDir,
    profile.xdgDir,
  ]) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  // Without startupEditor=none a welcome page opens and steals focus. These machines have no internet:
  // the extension gallery's failing queries log "An unknown error occurred" in the console every few
  // seconds, which would hide (or fake) an error of ours, so the editor is told not to ask.
  const quiet = {
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
  };
  writeFileSync(
    join(profile.userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...quiet, ...settings }, null, 2)}\n`,
  );
  // An explicit --config keeps code-server from creating ~/.config/code-server/config.yaml.
  writeFileSync(profile.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return profile;
}

// Common code-server arguments that point every state folder into the profile.
function profileArgs(profile) {
  return [
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
    '--config',
    profile.configFile,
  ];
}

// Environment that keeps code-server's XDG folders inside the profile too.
function profileEnv(profile) {
  return {
    XDG_DATA_HOME: join(profile.xdgDir, 'data'),
    XDG_CONFIG_HOME: join(profile.xdgDir, 'config'),
    XDG_CACHE_HOME: join(profile.xdgDir, 'cache'),
  };
}

// ---------------------------------------------------------------- VSIX

// Installs a .vsix into the profile's extensions folder (about 1 s); returns code-server's output.
export async function installVsix(profile, vsixPath) {
  const { entry } = await ensureCodeServer();
  const result = spawnSync(
    process.execPath,
    [entry, ...profileArgs(profile), '--install-extension', resolve(vsixPath), '--force'],
    {
      encoding: 'utf8',
      env: { ...process.env, ...profileEnv(profile) },
      timeout: 120_000,
    },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0)
    throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${result.status}):\n${output}`);
  return output;
}

// ---------------------------------------------------------------- server

// Servers still running, killed synchronously if this process exits without stopping them.
const liveServers = new Set();
process.on('exit', () => {
  for (const server of liveServers) server.killNow();
});

// Starts code-server on 127.0.0.1 with a free port; resolves once it answers HTTP.
export async function startCodeServer(
  profile,
  { env = {}, folder = profile.workspaceDir, logLevel, timeoutMs = 60_000 } = {},
) {
  const { entry } = await ensureCodeServer();
  const out = openSync(profile.serverLog, 'a');
  try {
    // The free port can be taken between probe and bind: retry a few times on EADDRINUSE.
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const args = [
        entry,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        ...profileArgs(profile),
        ...(logLevel ? ['--log', logLevel] : []),
        resolve(folder),
      ];
      writeFileSync(out, `\n$ node ${args.join(' ')}\n`);
      // detached: its own process group, so stop() can kill the server with everything it spawned.
      const child = spawn(process.execPath, args, {
        env: { ...process.env, ...profileEnv(profile), ...env },
        stdio: ['ignore', out, out],
        detached: true,
      });
      const server = trackServer(child, port, profile.serverLog);
      try {
        await waitForHttp(`${server.url}healthz`, child, timeoutMs, profile.serverLog);
        return server;
      } catch (error) {
        await server.stop();
        if (attempt < 3 && /EADDRINUSE/.test(readText(profile.serverLog))) continue;
        throw error;
      }
    }
  } finally {
    closeSync(out);
  }
}

// Wraps the child process in { url, port, pid, logFile, stop() }.
function trackServer(child, port, logFile) {
  let exited = child.exitCode !== null;
  const exitedPromise = new Promise((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const server = {
    url: `http://127.0.0.1:${port}/`,
    port,
    pid: child.pid,
    logFile,
    // Kills the whole tree: the process group first, then any descendant that left the group.
    async stop() {
      if (!liveServers.has(server)) return;
      const tree = [child.pid, ...descendantsOf(child.pid)];
      signalTree(child.pid, tree, 'SIGTERM');
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && (!exited || tree.some(isAlive))) await sleep(100);
      signalTree(child.pid, tree.filter(isAlive), 'SIGKILL');
      await Promise.race([exitedPromise, sleep(2000)]);
      liveServers.delete(server);
    },
    // Synchronous last resort for process 'exit'.
    killNow() {
      signalTree(child.pid, [child.pid, ...descendantsOf(child.pid)], 'SIGKILL');
    },
  };
  liveServers.add(server);
  return server;
}

// Sends a signal to a process group and to each listed pid, ignoring the ones already gone.
function signalTree(groupId, pids, signal) {
  try {
    process.kill(-groupId, signal);
  } catch {
    /* group gone */
  }
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

// All descendants of a pid, read from /proc (Linux), children before grandchildren.
function descendantsOf(rootPid) {
  const childrenOf = new Map();
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    // Field 4 (ppid) follows the command name, which is in parentheses and may contain spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!childrenOf.has(ppid)) childrenOf.set(ppid, []);
    childrenOf.get(ppid).push(Number(name));
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const pid of childrenOf.get(queue.shift()) ?? []) {
      found.push(pid);
      queue.push(pid);
    }
  }
  return found;
}

// Polls the URL until it answers 200; fails early (with the log tail) if the server exits.
async function waitForHttp(url, child, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `code-server exited (${child.exitCode ?? child.signalCode}) before answering; log ${logFile}:\n${tail(logFile, 20)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(
    `code-server did not answer ${url} within ${timeoutMs / 1000} s; log ${logFile}:\n${tail(logFile, 20)}`,
  );
}

// A port the OS reports free right now on 127.0.0.1.
function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

// ---------------------------------------------------------------- browser

// Launches headless Debian chromium with a persistent profile in <profileRoot>/browser.
// With consoleLogFile, every console message and page error is appended there (counts in .consoleStats).
export async function launchBrowser(
  profileRoot,
  { origin, consoleLogFile, headless = true, viewport = { width: 1400, height: 900 } } = {},
) {
  const executablePath = await ensureChromium();
  // XDG folders in the profile: chromium writes "Crash Reports" and a dconf cache under the home folder otherwise.
  const xdg = join(profileRoot, 'xdg');
  const context = await chromium.launchPersistentContext(join(profileRoot, 'browser'), {
    executablePath,
    headless,
    viewport,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(xdg, 'config'),
      XDG_CACHE_HOME: join(xdg, 'cache'),
      XDG_DATA_HOME: join(xdg, 'data'),
    },
  });
  // Clipboard access for copy/paste tests; not fatal where the browser refuses it.
  try {
    await context.grantPermissions(
      ['clipboard-read', 'clipboard-write'],
      origin ? { origin: new URL(origin).origin } : undefined,
    );
  } catch (error) {
    console.warn(`[host] clipboard permissions not granted: ${error.message}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // recentErrors: the last 20 error texts, for a hint when a suite dies without writing results.
  const consoleStats = { errors: 0, warnings: 0, messages: 0, recentErrors: [] };
  const noteError = (text) => {
    consoleStats.errors++;
    consoleStats.recentErrors.push(text);
    if (consoleStats.recentErrors.length > 20) consoleStats.recentErrors.shift();
  };
  let stream;
  if (consoleLogFile) {
    stream = createWriteStream(consoleLogFile, { flags: 'a' });
    page.on('console', (message) => {
      consoleStats.messages++;
      if (message.type() === 'error') noteError(message.text());
      if (message.type() === 'warning') consoleStats.warnings++;
      stream.write(`[${new Date().toISOString()}] ${message.type()}: ${message.text()}\n`);
    });
    page.on('pageerror', (error) => {
      noteError(error.message);
      stream.write(`[${new Date().toISOString()}] pageerror: ${error.stack ?? error.message}\n`);
    });
    page.on('crash', () => stream.write(`[${new Date().toISOString()}] page crashed\n`));
  }
  return {
    context,
    page,
    consoleStats,
    async close() {
      await context.close().catch(() => {});
      await new Promise((r) => (stream ? stream.end(r) : r()));
    },
  };
}

// ---------------------------------------------------------------- driving the workbench

// Opens the workbench on a folder and waits for the status bar (extensions may still be registering).
export async function openWorkbench(page, server, { folder, timeoutMs = 60_000 } = {}) {
  await page.goto(folder ? `${server.url}?folder=${encodeURIComponent(resolve(folder))}` : server.url);
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: timeoutMs });
}

// Runs a command by its palette title ("Category: Title"), like a person pressing F1 and Enter.
// Retries: right after load the palette can open before the extension's contributions are registered.
export async function runPaletteCommand(page, title, { timeoutMs = 30_000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      // F1 can be swallowed (focus in a closing editor or a toast): the retry presses it again.
      await input.fill(`>${title}`, { timeout: 2000 });
      await row.waitFor({ timeout: 2000 });
      await row.click();
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline)
        throw new Error(`command "${title}" not found in the palette within ${timeoutMs / 1000} s`, { cause: error });
    }
  }
}

// ---------------------------------------------------------------- small helpers

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function safeReaddir(path) {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function tail(path, lines) {
  return readText(path).trimEnd().split('\n').slice(-lines).join('\n');
}
