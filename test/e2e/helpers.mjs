// What the browser end-to-end cases share: finding the wizard's frame, typing into it like a person,
// themes, accessibility scans with axe-core, screenshots, the status bar, notifications, and a recording
// proxy (tinyproxy) to prove what crossed it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runPaletteCommand } from '../host/codeServer.mjs';

/** axe-core's own script, run inside the wizard's frame (no other frame of the workbench is looked at). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** How often waitFor looks again: the pace of a poll, never a wait of its own. */
const POLL_MS = 100;

/**
 * Polls `condition` until it returns something truthy, and returns that; throws after `timeoutMs`, naming
 * `description` (a string, or a function of the last value the condition returned).
 */
export async function waitFor(condition, timeoutMs, description) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await condition();
    if (last) return last;
    if (Date.now() > deadline) {
      const what = typeof description === 'function' ? description(last) : description;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export const THEMES = { light: 'Light Modern', dark: 'Dark Modern', hc: 'Dark High Contrast' };
const THEME_CLASS = { light: 'vs', dark: 'vs-dark', hc: 'hc-black' };
/** The theme kind the editor gives a webview's body (data-vscode-theme-kind), set with its --vscode-* colours. */
const WEBVIEW_THEME_KIND = { light: 'vscode-light', dark: 'vscode-dark', hc: 'vscode-high-contrast' };

export class Workbench {
  constructor(page, shots) {
    this.page = page;
    this.shots = shots;
    this.theme = 'light';
    this.wizard = undefined;
  }

  /** The wizard's document: the webview is two iframes deep; find the frame that has our #app. */
  async wizardFrame(timeoutMs = 20_000) {
    this.wizard = await waitFor(
      async () => {
        for (const frame of this.page.frames()) {
          const title = await frame
            .locator('#app h1')
            .textContent({ timeout: 200 })
            .catch(() => null);
          if (title && /Codex Pooler/.test(title)) return frame;
        }
        return undefined;
      },
      timeoutMs,
      'the wizard webview to appear',
    );
    return this.wizard;
  }

  async waitForStep(n, timeout = 15_000) {
    await this.wizard.locator('#step-title', { hasText: new RegExp(`^${n}\\.`) }).waitFor({ timeout });
  }

  /** Clicks into a field and waits until it really has the keyboard (focus enters the webview late). */
  async focusField(locator) {
    await locator.click();
    // hasFocus() in the webview's inner document: every frame above it has the focus too, so keys reach the field.
    await waitFor(
      () => locator.evaluate((el) => el === document.activeElement && document.hasFocus()),
      5_000,
      'the field to have the keyboard',
    );
  }

  /**
   * Replaces a field's text by typing, like a person: the text selected, then typed over. The selection is
   * made directly, not with Ctrl+A: in a webview, Ctrl+A also goes to the workbench's keybindings and comes
   * back as a second "select all" a moment later, which would swallow the first characters typed.
   */
  async typeInto(locator, text) {
    await this.focusField(locator);
    await locator.selectText();
    await this.page.keyboard.type(text);
  }

  async pressTabUntilFocused(selector, max = 60) {
    for (let i = 0; i < max; i++) {
      if (
        await this.wizard
          .locator(selector)
          .evaluate((el) => el === document.activeElement)
          .catch(() => false)
      )
        return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  /** Like a person: Preferences: Color Theme, type the name, Enter. */
  async setTheme(name) {
    if (this.theme === name) return;
    const label = THEMES[name];
    await runPaletteCommand(this.page, 'Preferences: Color Theme');
    await this.page.keyboard.type(label);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.monaco-workbench.${THEME_CLASS[name]}`).waitFor({ timeout: 10_000 });
    this.theme = name;
    if (this.wizard && !this.wizard.isDetached()) {
      // The webview gets the theme by a message: its body's kind and its --vscode-* colours change together.
      const kind = WEBVIEW_THEME_KIND[name];
      await waitFor(
        () =>
          this.wizard
            .locator('body')
            .evaluate((body, k) => body.dataset.vscodeThemeKind === k, kind, { timeout: 1000 })
            .catch(() => false),
        10_000,
        `the wizard's colours to be ${label}'s`,
      );
    }
  }

  /** Screenshots in light and dark (and back to light), for the README and for a person to look at. */
  async shoot(name, themes = ['light', 'dark']) {
    for (const t of themes) {
      await this.setTheme(t);
      await this.page.screenshot({ path: join(this.shots, `${name}-${t}.png`) });
    }
    await this.setTheme('light');
  }

  /**
   * One axe-core pass over the wizard's own document: axe runs inside the frame that holds the wizard (the
   * workbench may hold other webviews, and a selector chain from the page could pick the wrong one). It waits
   * for a pass that saw the wizard (more than 10 rules passed): after a theme change the page may be redrawn.
   */
  async axeOnce(theme, timeoutMs = 20_000) {
    let results;
    const sawTheWizard = async () => {
      const frame = await this.wizardFrame();
      // The script goes in through the debugger protocol, which the page's CSP does not govern (no eval there).
      results = await frame
        .evaluate(AXE_SOURCE)
        .then(() => frame.evaluate(() => window.axe.run('#app')))
        .catch((error) => ({ passes: [], inapplicable: [], incomplete: [], violations: [], error: String(error) }));
      return results.passes.length > 10;
    };
    await waitFor(sawTheWizard, timeoutMs, 'axe to look at the wizard').catch(() => {});
    assert.ok(
      results.passes.length > 10,
      `axe looked at the wizard (${theme}: ${results.passes.length} rules passed, ` +
        `${results.inapplicable.length} inapplicable, ${results.incomplete.length} incomplete` +
        `${results.error ? `; ${results.error}` : ''})`,
    );
    return results;
  }

  /** axe-core on the wizard's document in light, dark and high contrast: no serious or critical violation. */
  async axe(stepName, themes = ['light', 'dark', 'hc']) {
    const found = [];
    for (const t of themes) {
      await this.setTheme(t);
      await this.wizardFrame();
      const results = await this.axeOnce(t);
      for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        found.push(
          `${t}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
        );
      }
    }
    await this.setTheme('light');
    await this.wizardFrame();
    assert.deepEqual(found, [], `accessibility of ${stepName}`);
  }

  async statusLabel() {
    return this.page
      .locator('#workbench\\.parts\\.statusbar [aria-label^="Codex Pooler"]')
      .first()
      .getAttribute('aria-label');
  }

  async waitForStatus(state, timeoutMs = 20_000) {
    let last;
    await waitFor(
      async () => (last = await this.statusLabel().catch(() => undefined)) === `Codex Pooler: ${state}`,
      timeoutMs,
      () => `the status bar to say "${state}" (last: ${last})`,
    );
  }

  toast(text) {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }

  /** A screenshot of what `locator` shows, with a little of the window around it (small enough for docs). */
  async shootAround(locator, name, margin = 12) {
    const box = await locator.boundingBox();
    const x = Math.max(0, box.x - margin);
    const y = Math.max(0, box.y - margin);
    await this.page.screenshot({
      path: join(this.shots, name),
      clip: { x, y, width: box.width + 2 * margin, height: box.height + 2 * margin },
    });
  }

  /** Waits until `toast` has faded in and is the only notification shown (the progress before it closed). */
  async settledToast(toast) {
    await toast.and(this.page.locator('.notification-fade-in-done')).waitFor({ timeout: 10_000 });
    await this.page
      .locator('.notifications-toasts .notification-toast')
      .nth(1)
      .waitFor({ state: 'detached', timeout: 15_000 });
    return toast;
  }

  /** A notification's buttons, in order, and those whose label is cut (an ellipsis instead of its end). */
  async toastButtons(toast) {
    const buttons = await toast
      .locator('.monaco-button')
      .evaluateAll((all) => all.map((b) => ({ label: b.textContent.trim(), cut: b.scrollWidth > b.clientWidth })));
    return { labels: buttons.map((b) => b.label), cut: buttons.filter((b) => b.cut).map((b) => b.label) };
  }

  /** Words of the element's text that the layout broke across two lines (e.g. "came bac" / "k"). */
  async brokenWords(locator) {
    return locator.evaluate((element) => {
      const broken = [];
      const walker = document.createTreeWalker(element, window.NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/[^\s\u00a0]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
      return broken;
    });
  }

  async clearToasts() {
    await runPaletteCommand(this.page, 'Notifications: Clear All Notifications');
    await this.page
      .locator('.notifications-toasts .notification-toast')
      .first()
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => {});
  }

  async readClipboard() {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async html() {
    return this.wizard.locator('html').evaluate((el) => el.outerHTML);
  }
}

/** Every file below dir holding the needle (as UTF-8 or UTF-16LE, as LevelDB and SQLite may store it). */
export function filesHolding(dir, needle) {
  const hits = [];
  const forms = [Buffer.from(needle), Buffer.from(needle, 'utf16le')];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) {
        const bytes = readFileSync(full);
        if (forms.some((f) => bytes.includes(f))) hits.push(full);
      }
    }
  };
  walk(dir);
  return hits;
}

export async function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** tinyproxy on loopback in the foreground, logging every request: the recording proxy. */
export async function startRecordingProxy() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tinyproxy-'));
  const conf = join(dir, 'tinyproxy.conf');
  writeFileSync(
    conf,
    [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 30', 'LogLevel Info', 'MaxClients 20', 'Allow 127.0.0.1', ''].join(
      '\n',
    ),
  );
  const child = spawn('tinyproxy', ['-d', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const proxy = { port, log: '', stop: () => child.kill('SIGTERM') };
  child.stdout.on('data', (d) => (proxy.log += d));
  child.stderr.on('data', (d) => (proxy.log += d));
  const accepts = () =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
  await waitFor(accepts, 10_000, 'tinyproxy to accept connections');
  return proxy;
}

/** A JSON file the editor may be halfway through writing: read again until it parses (5 s at most). */
export async function readWhole(file) {
  let failure;
  const parsed = () => {
    try {
      return { value: JSON.parse(readFileSync(file, 'utf8')) };
    } catch (error) {
      failure = error;
      return undefined;
    }
  };
  return (await waitFor(parsed, 5_000, () => `${file} to parse (${failure})`)).value;
}
