// The browser end-to-end suites share one world, started once (the workbench takes ~10 s to load): the
// emulator, a recording proxy, a profile with the packaged VSIX installed, code-server, and Debian chromium
// driving it. Mocha loads this file with --require; its root hooks start and stop the world, and note a
// failed case so the next case's setup (state.mjs) rebuilds everything it relies on. A case never counts
// on what an earlier case left behind.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/host-tools.mjs';
import { installVsix, launchBrowser, makeProfile, openWorkbench, startCodeServer } from '../host/codeServer.mjs';
import { startRecordingProxy, Workbench } from './helpers.mjs';

const require = createRequire(import.meta.url);
const emulatorModule = require('../../out/test/emulator/server.js');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

export const VSIX = join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
export const SHOTS = join(repoRoot, 'test-output', 'screenshots');
export const { startEmulator, makeMcpToken, makePoolKey, applyScenario } = emulatorModule;

/** A fresh profile with the VSIX, code-server and a browser on it (also for a case that needs a first run). */
export async function startWorld({ settings = {} } = {}) {
  assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
  const profile = await makeProfile({
    settings: {
      'workbench.colorTheme': 'Default Light Modern',
      'workbench.tips.enabled': false,
      'codexPooler.healthCheck.intervalSeconds': 300,
      ...settings,
    },
  });
  await installVsix(profile, VSIX);
  const server = await startCodeServer(profile);
  const browser = await launchBrowser(profile.root, {
    origin: server.url,
    consoleLogFile: join(repoRoot, 'test-output', 'e2e-browser-console.log'),
  });
  const wb = new Workbench(browser.page, SHOTS);
  await openWorkbench(browser.page, server);
  return {
    profile,
    server,
    browser,
    page: browser.page,
    wb,
    settingsFile: join(profile.userDataDir, 'User', 'settings.json'),
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

/** The shared world; filled in by the root hook below. */
export const env = {
  /** @type {any} */ emulator: undefined,
  /** @type {any} */ proxy: undefined,
  /** @type {Awaited<ReturnType<typeof startWorld>> | undefined} */ world: undefined,
  /** The Pool API key stored in the editor now, as far as the suite knows (undefined: none). */
  storedKey: undefined,
  /** A case failed: what it left behind is unknown, and the next setup rebuilds it all. */
  unknownState: true,
  get page() {
    return this.world.page;
  },
  get wb() {
    return this.world.wb;
  },
  get profile() {
    return this.world.profile;
  },
  get browser() {
    return this.world.browser;
  },
  get settingsFile() {
    return this.world.settingsFile;
  },
};

/** The extension's log files (for a failed case's report). */
export function extensionLogs(root) {
  const logs = [];
  const find = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) find(full);
      else if (name === 'Codex Pooler.log') logs.push(full);
    }
  };
  find(root);
  return logs;
}

export const mochaHooks = {
  async beforeAll() {
    this.timeout(240_000);
    mkdirSync(SHOTS, { recursive: true });
    env.emulator = await startEmulator();
    env.proxy = await startRecordingProxy();
    env.world = await startWorld();
  },
  async afterEach() {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !env.world) return;
    env.unknownState = true;
    const page = env.page;
    const toasts = await page
      .locator('.notifications-toasts .notification-toast')
      .allTextContents()
      .catch(() => []);
    console.log(`    toasts at failure: ${JSON.stringify(toasts)}`);
    for (const f of extensionLogs(env.profile.root))
      console.log(`    ${f}:\n${readFileSync(f, 'utf8').split('\n').slice(-30).join('\n')}`);
    await page
      .screenshot({
        path: join(repoRoot, 'test-output', `e2e-failure-${test.title.replace(/\W+/g, '-').slice(0, 80)}.png`),
      })
      .catch(() => {});
  },
  async afterAll() {
    await env.world?.stop();
    await env.emulator?.stop();
    env.proxy?.stop();
  },
};
