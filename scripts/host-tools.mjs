#!/usr/bin/env node
// Installs the tools the real-host tests need: Debian packages, code-server (a real VS Code server
// with a Node extension host) and Debian's chromium for playwright-core.
// Recipes and pitfalls: shared/real-host-testing.md. CLI: `node scripts/host-tools.mjs [--reinstall]`.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// code-server 4.100.3 ships VS Code 1.100.3, the newest release whose postinstall accepts Node 20.
export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
// @vscode/ripgrep's postinstall downloads rg from GitHub; these name the cache entry it looks for first.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';

// The repository root: this file lives in <repo>/scripts/.
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Where reusable downloads live (ignored by git); HOST_TOOLS_CACHE_DIR moves it.
export function cacheRoot() {
  return resolve(process.env.HOST_TOOLS_CACHE_DIR || join(repoRoot, '.vscode-test'));
}

// One prefix for every progress line so they stand out in CI logs.
const log = (...parts) => console.log('[host-tools]', ...parts);

// ---------------------------------------------------------------- Debian packages

// A command each package provides: a tool already on PATH (pyenv python, a hand-built rg) counts too.
const PACKAGE_COMMANDS = {
  chromium: 'chromium',
  ripgrep: 'rg',
  'pkg-config': 'pkg-config',
  'libkrb5-dev': 'krb5-config',
  python3: 'python3',
  make: 'make',
  'g++': 'g++',
  tar: 'tar',
};

// True when `dpkg-query` reports the package as installed.
function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && /install ok installed/.test(result.stdout);
}

// True when `command -v` finds the command on PATH.
function hasCommand(command) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

// apt-get update runs at most once per process: it is slow and its lists stay fresh for the run.
let aptListsUpdated = false;

// How apt-get can run here: [] as root, ['sudo', '-n'] where passwordless sudo works (a GitHub runner), else null.
export function aptPrefix({ uid = process.getuid?.(), sudoWorks = canSudoWithoutPassword } = {}) {
  if (uid === 0) return [];
  return sudoWorks() ? ['sudo', '-n'] : null;
}

// True when `sudo -n true` succeeds: sudo is there and asks for no password.
function canSudoWithoutPassword() {
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

// The command line of one apt-get call: sudo resets the environment, so `env` carries DEBIAN_FRONTEND through it.
export function aptCommand(prefix, args) {
  // Wait for another apt/dpkg (unattended upgrades) instead of failing on its lock.
  const aptArgs = ['-o', 'DPkg::Lock::Timeout=300', ...args];
  if (prefix.length === 0) return { command: 'apt-get', args: aptArgs };
  return {
    command: prefix[0],
    args: [...prefix.slice(1), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...aptArgs],
  };
}

// Runs an apt-get command with its output in .vscode-test/apt.log (heartbeat lines meanwhile); throws on failure.
async function runApt(prefix, args) {
  const logFile = join(cacheRoot(), 'apt.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const { command, args: fullArgs } = aptCommand(prefix, args);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const code = await runLogged(command, fullArgs, {
    cwd: process.cwd(),
    env,
    logFile,
    timeoutMs: 20 * 60_000,
    append: true,
  });
  if (code !== 0)
    throw new Error(
      `${[...prefix, 'apt-get'].join(' ')} ${args.join(' ')} failed (exit ${code}); full log: ${logFile}\n${tailOf(logFile, 20)}`,
    );
}

// Makes sure the named Debian packages are installed; installs the missing ones as root or through passwordless sudo.
export async function ensureDebianPackages(names) {
  const missing = names.filter(
    (name) => !isDebianPackageInstalled(name) && !(PACKAGE_COMMANDS[name] && hasCommand(PACKAGE_COMMANDS[name])),
  );
  if (missing.length === 0) return [];
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  // Without root or passwordless sudo (or without apt) say exactly what to run instead of failing obscurely later.
  const prefix = aptPrefix();
  if (!prefix) throw new Error(`Missing Debian packages: ${missing.join(', ')}. Run: sudo sh -c '${command}'`);
  if (!hasCommand('apt-get'))
    throw new Error(`Missing packages ${missing.join(', ')} and no apt-get here: install them by hand (${command}).`);
  const how = [...prefix, 'apt-get'].join(' ');
  const started = Date.now();
  if (!aptListsUpdated) {
    log(`${how} update ...`);
    await runApt(prefix, ['update']);
    aptListsUpdated = true;
  }
  log(`${how} install -y ${missing.join(' ')} ...`);
  await runApt(prefix, ['install', '-y', ...missing]);
  log(`installed ${missing.join(', ')} in ${seconds(started)}`);
  return missing;
}

// ---------------------------------------------------------------- chromium

// A CJK font for the browser: the wizard's Trae CN labels are Chinese, and screenshots must show them, not boxes.
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

// Path of Debian's chromium (CHROMIUM_PATH overrides: on Ubuntu, apt's chromium is a snap wrapper that CI cannot
// run, so CI points it at the runner's Google Chrome), installing the package when missing.
export async function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    // Another browser needs the font all the same; where there is no dpkg (not Debian/Ubuntu) it is up to the user.
    if (hasCommand('dpkg-query')) await ensureDebianPackages([CJK_FONT_PACKAGE]);
    return assertExecutable(process.env.CHROMIUM_PATH, 'CHROMIUM_PATH');
  }
  await ensureDebianPackages(['chromium', CJK_FONT_PACKAGE]);
  return assertExecutable('/usr/bin/chromium', 'Debian chromium');
}

// Returns the path when it exists, else throws naming what was expected there.
function assertExecutable(path, what) {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}`);
  return path;
}

// ---------------------------------------------------------------- code-server

// Paths inside the cache folder of one code-server version.
export function codeServerPaths(root = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`)) {
  const pkg = join(root, 'node_modules', 'code-server');
  return {
    root,
    pkg,
    bin: join(root, 'node_modules', '.bin', 'code-server'),
    entry: join(pkg, 'out', 'node', 'entry.js'),
    marker: join(root, '.host-tools-installed.json'),
    installLog: `${root}.install.log`,
    lock: `${root}.lock`,
  };
}

// Files that exist only when every install script ran (an npm that skips unapproved scripts still exits 0).
const REQUIRED_FILES = [
  'out/node/entry.js',
  'lib/vscode/node_modules.asar', // symlink made at the very end of code-server's postinstall
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/extensions/node_modules/typescript/package.json',
];

// Returns { bin, entry, version, vscodeVersion, root }, installing code-server into the cache first if needed.
export async function ensureCodeServer({ reinstall = false } = {}) {
  const paths = codeServerPaths();
  if (!reinstall) {
    const cached = readMarker(paths);
    if (cached) return cached;
  }
  // Only one process installs at a time; the others wait and then reuse its result.
  return withLock(paths.lock, async () => {
    const cached = reinstall ? null : readMarker(paths);
    if (cached) return cached;
    await installCodeServer(paths);
    return readMarker(paths) ?? fail(`install finished but ${paths.marker} is unreadable`);
  });
}

// The marker is written only after a verified install, so a half install is never reused.
function readMarker(paths) {
  try {
    const marker = JSON.parse(readFileSync(paths.marker, 'utf8'));
    if (marker.version !== CODE_SERVER_VERSION || !existsSync(paths.entry)) return null;
    return {
      bin: paths.bin,
      entry: paths.entry,
      version: marker.version,
      vscodeVersion: marker.vscodeVersion,
      root: paths.root,
    };
  } catch {
    return null;
  }
}

async function installCodeServer(paths) {
  const started = Date.now();
  // code-server's postinstall checks the Node major exactly.
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20)
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20, this is Node ${process.versions.node}`);
  // Native modules build from source (kerberos needs libkrb5-dev); Debian's rg replaces the GitHub download.
  await ensureDebianPackages(['libkrb5-dev', 'pkg-config', 'ripgrep', 'python3', 'make', 'g++', 'tar']);

  log(`installing code-server ${CODE_SERVER_VERSION} into ${paths.root} (about 70-120 s, log: ${paths.installLog})`);
  rmSync(paths.root, { recursive: true, force: true }); // redo any half install from scratch
  mkdirSync(paths.root, { recursive: true });
  const tmpDir = join(paths.root, '.tmp');
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(join(paths.root, 'package.json'), `${JSON.stringify(cachePackageJson(), null, 2)}\n`);
  seedRipgrepCache(tmpDir);

  const npmMajor = npmMajorVersion();
  const env = npmInstallEnv({ npmMajor, tmpDir });
  log(
    `npm ${npmMajor}.x: ${npmMajor >= 11 ? 'install scripts allowed through allowScripts + dangerously-allow-all-scripts (nested installs)' : 'install scripts run by default'}`,
  );
  const code = await runLogged('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: paths.root,
    env,
    logFile: paths.installLog,
    timeoutMs: 20 * 60_000,
  });
  if (code !== 0)
    throw new Error(
      `npm install of code-server failed (exit ${code}); see ${paths.installLog}\n${tailOf(paths.installLog, 30)}`,
    );

  const vscodeVersion = verifyCodeServer(paths);
  writeFileSync(
    paths.marker,
    `${JSON.stringify(
      {
        version: CODE_SERVER_VERSION,
        vscodeVersion,
        installedAt: new Date().toISOString(),
        node: process.versions.node,
        npmMajor,
        seconds: Math.round((Date.now() - started) / 1000),
      },
      null,
      2,
    )}\n`,
  );
  rmSync(tmpDir, { recursive: true, force: true });
  log(`code-server ${CODE_SERVER_VERSION} (VS Code ${vscodeVersion}) installed in ${seconds(started)}`);
}

// The cache folder is its own tiny npm project, so the repo's package.json and lockfile stay untouched.
function cachePackageJson() {
  return {
    name: 'host-tools-code-server-cache',
    version: '0.0.0',
    private: true,
    description: 'Cache folder made by scripts/host-tools.mjs; safe to delete.',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    // npm 11's policy for dependency install scripts (npm 10 ignores the field and runs them all).
    allowScripts: { 'code-server': true, argon2: true },
  };
}

// Puts Debian's rg where @vscode/ripgrep's postinstall looks before it tries GitHub (os.tmpdir() of the install).
function seedRipgrepCache(tmpDir) {
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const stage = join(tmpDir, 'rg-stage');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(stage, { recursive: true });
  const rgPath = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rgPath) throw new Error('rg (Debian package ripgrep) is not on PATH');
  copyFileSync(realpathSync(rgPath), join(stage, 'rg'));
  const tarball = join(cacheDir, `ripgrep-${RIPGREP_ASSET_VERSION}-${target}.tar.gz`);
  const result = spawnSync('tar', ['-czf', tarball, '-C', stage, 'rg'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not pack rg into ${tarball}: ${result.stderr}`);
  rmSync(stage, { recursive: true, force: true });
}

// Major version of the npm on PATH (10 runs dependency scripts by default, 11 blocks them).
function npmMajorVersion() {
  const result = spawnSync('npm', ['--version'], { encoding: 'utf8', env: cleanNpmEnv(process.env) });
  const major = Number(String(result.stdout).trim().split('.')[0]);
  if (!Number.isInteger(major)) throw new Error(`cannot run npm --version: ${result.stderr || result.error}`);
  return major;
}

// npm config that a user or CI may legitimately pass through the environment (mirrors, proxies, certs).
const KEPT_NPM_CONFIG = new Set([
  'registry',
  'userconfig',
  'globalconfig',
  'cache',
  'proxy',
  'https_proxy',
  'http_proxy',
  'noproxy',
  'no_proxy',
  'strict_ssl',
  'cafile',
  'ca',
  'nodedir',
  'python',
]);

// Drops npm_* variables inherited from an outer `npm run` (they would leak the repo's config into the install).
function cleanNpmEnv(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && !(lower.startsWith('npm_config_') && KEPT_NPM_CONFIG.has(lower.slice(11))))
      continue;
    clean[key] = value;
  }
  return clean;
}

// The environment of `npm install`: one line per pitfall from shared/real-host-testing.md.
function npmInstallEnv({ npmMajor, tmpDir }) {
  const env = cleanNpmEnv(process.env);
  env.npm_config_unsafe_perm = 'true'; // as root, code-server's postinstall refuses to run without it
  env.npm_config_yes = 'true'; // node-pty's postinstall runs `npx node-gyp`; ~/.npmrc yes=false cancels it
  env.npm_config_foreground_scripts = 'true'; // script output goes to the install log, for diagnosis
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  env.TMPDIR = tmpDir; // where the seeded ripgrep tarball is found (os.tmpdir())
  // node-gyp would download Node headers from the internet; the local Node install ships them.
  const nodePrefix = resolve(dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node.h')))
    env.npm_config_nodedir = nodePrefix;
  // npm 11 gates dependency scripts (its docs: blocked unless approved; 11.19 here: run with a warning, skipped if
  // denied, fatal under strict-allow-scripts). code-server's postinstall runs plain `npm install` in lib/vscode and
  // lib/vscode/extensions, projects whose package.json we do not own; --allow-scripts / npm_config_allow_scripts
  // are rejected in project installs (EALLOWSCRIPTS) and an .npmrc allow-scripts is re-exported to them as that
  // env var, so this is the one switch that reaches them. Scope: this install of a pinned, shrinkwrapped package.
  if (npmMajor >= 11) env.npm_config_dangerously_allow_all_scripts = 'true';
  return env;
}

// Runs a command with its output in a log file, printing a heartbeat; resolves with the exit code.
function runLogged(command, args, { cwd, env, logFile, timeoutMs, append = false }) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    writeFileSync(logFile, `$ ${command} ${args.join(' ')}   (cwd ${cwd})\n`, { flag: append ? 'a' : 'w' });
    const out = openSync(logFile, 'a');
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
    closeSync(out);
    // detached (own process group) so a timeout can kill npm with all its scripts; so must our own exit.
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    process.on('exit', killGroup);
    const heartbeat = setInterval(() => log(`  ... ${seconds(started)}: ${lastLine(logFile)}`), 15_000);
    const timer = setTimeout(() => {
      log(`timed out after ${seconds(started)}, stopping ${command}`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      process.removeListener('exit', killGroup);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

// Checks that every install script really ran and the server starts; returns the VS Code version.
function verifyCodeServer(paths) {
  const missing = REQUIRED_FILES.filter((file) => !exists(join(paths.pkg, file)));
  if (missing.length) {
    throw new Error(
      `code-server install is incomplete (install scripts skipped or failed?); missing:\n  ${missing.join('\n  ')}\nsee ${paths.installLog}`,
    );
  }
  // Even --version writes a config.yaml and logs: keep them in the cache folder, not the home folder.
  const scratch = join(paths.root, '.tmp', 'version-check');
  const result = spawnSync(process.execPath, [paths.entry, '--config', join(scratch, 'config.yaml'), '--version'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(scratch, 'config'),
      XDG_DATA_HOME: join(scratch, 'data'),
      XDG_CACHE_HOME: join(scratch, 'cache'),
    },
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !output.includes(CODE_SERVER_VERSION))
    throw new Error(`code-server --version failed: ${output}`);
  const vscodeVersion = /Code\s+(\d+\.\d+\.\d+)/.exec(output)?.[1] ?? VSCODE_VERSION;
  if (vscodeVersion !== VSCODE_VERSION)
    throw new Error(`expected VS Code ${VSCODE_VERSION}, code-server reports ${vscodeVersion}`);
  return vscodeVersion;
}

// existsSync follows symlinks; lstat also accepts the node_modules.asar link itself.
function exists(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

// Runs fn while holding a lock folder; a lock left by a dead process is taken over.
async function withLock(lockDir, fn) {
  const deadline = Date.now() + 30 * 60_000;
  let announced = false;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readFileSafe(join(lockDir, 'pid')));
      if (!owner || !isAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lockDir} (held by pid ${owner})`, { cause: error });
      if (!announced) {
        log(`waiting for another install (pid ${owner}) to finish ...`);
        announced = true;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  process.once('exit', release); // also released when Ctrl+C ends the process mid-install
  try {
    return await fn();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}

// ---------------------------------------------------------------- small helpers

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readFileSafe(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function tailOf(path, lines) {
  return readFileSafe(path).trimEnd().split('\n').slice(-lines).join('\n');
}

function lastLine(path) {
  return (
    tailOf(path, 1)
      // eslint-disable-next-line no-control-regex -- the escape that starts a terminal color code
      .replace(/\x1b\[[0-9;]*m/g, '')
      .slice(0, 160)
  ); // without color codes
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function fail(message) {
  throw new Error(message);
}

// Version line of a tool, or '?' when it does not run; XDG folders in a scratch dir (chromium --version
// otherwise creates ~/.config/chromium and ~/.cache/chromium-headless).
function versionOf(command, args = ['--version']) {
  const scratch = mkdtempSync(join(tmpdir(), 'host-tools-version-'));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    XDG_DATA_HOME: join(scratch, 'data'),
  };
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, env });
  rmSync(scratch, { recursive: true, force: true });
  return result.status === 0 ? String(result.stdout).trim().split('\n')[0] : '?';
}

// ---------------------------------------------------------------- CLI

// `node scripts/host-tools.mjs [--reinstall]`: install everything and print what is there.
async function main() {
  const started = Date.now();
  await ensureDebianPackages(['chromium', 'ripgrep', 'libkrb5-dev', 'pkg-config', 'python3', 'make', 'g++', 'tar']);
  const codeServer = await ensureCodeServer({ reinstall: process.argv.includes('--reinstall') });
  const chromium = await ensureChromium();
  log(`code-server ${codeServer.version} (VS Code ${codeServer.vscodeVersion})`);
  log(`  bin:   ${codeServer.bin}`);
  log(`  root:  ${codeServer.root}`);
  log(`chromium: ${chromium} (${versionOf(chromium)})`);
  log(`ripgrep:  ${versionOf('rg')}`);
  log(`node ${process.versions.node}, npm ${versionOf('npm', ['--version'])}; ready in ${seconds(started)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Ctrl+C / SIGTERM: exit through 'exit' listeners, which stop a running npm install.
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      console.error(`[host-tools] ${signal}: stopping`);
      process.exit(130);
    });
  main().catch((error) => {
    console.error(`[host-tools] FAILED: ${error.message}`);
    process.exit(1);
  });
}
