// Deactivation disposes what the commands started (src/interactive.ts): an open wizard panel closes, the
// Confirm Trae command's watch stops reading the pool, and the key leaves the clipboard. The editor is a
// small `vscode` fake; the pool is the emulator over loopback.
import * as assert from 'node:assert/strict';
import type * as InteractiveModule from '../../src/interactive';
import type { VscodeSettings } from '../../src/editor/settings';
import type { Log } from '../../src/editor/log';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { PoolKeyStore } from '../../src/services/keyStore';
import { OwnTraffic } from '../../src/services/ownTraffic';
import { Redactor } from '../../src/services/redactor';
import { TraeConfirmations } from '../../src/services/traeConfirmations';
import { ModelTests } from '../../src/services/modelTests';
import { TraeFindings } from '../../src/services/traeFindings';
import { TraeWatch } from '../../src/services/traeWatch';
import { FakeLog } from './fakes/log';
import { FakeMemento } from './fakes/memento';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { installVscode, type FakeEditor } from './fakes/vscode';
import { useEmulator } from './helpers';
import { checkServiceFor } from './fakes/checkEngine';

/** Waits for a condition (each turn lets queued work and loopback I/O run); fails after `turns`. */
async function until(condition: () => boolean, what: string, turns = 500): Promise<void> {
  for (let i = 0; i < turns && !condition(); i++) await new Promise((r) => setTimeout(r, 0));
  assert.ok(condition(), `never happened: ${what}`);
}

describe('deactivation: nothing the commands started outlives it (src/interactive.ts)', () => {
  const ctx = useEmulator();
  let editor: FakeEditor;
  let uninstall: () => void;
  let createInteractive: typeof InteractiveModule.createInteractive;
  const started: TraeWatch[] = [];
  // Every watch that starts, to see it stop (the original is called with its own `this`, and put back after).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const start = TraeWatch.prototype.start;

  before(() => {
    ({ editor, uninstall } = installVscode());
    // Loaded after the fake `vscode` is in place.
    ({ createInteractive } = require('../../src/interactive') as typeof InteractiveModule);
    TraeWatch.prototype.start = function (this: TraeWatch) {
      started.push(this);
      start.call(this);
    };
  });
  after(() => {
    TraeWatch.prototype.start = start;
    uninstall();
  });

  async function interactive() {
    const { emulator } = ctx;
    const settings = new FakeSettings({ baseUrl: emulator.apiBase, model: 'gpt-5.5', timeoutSeconds: 5 });
    const log = Object.assign(new FakeLog(), { show: () => undefined });
    const redactor = new Redactor();
    const secrets = new FakeSecretStorage();
    secrets.values.set('codexPooler.poolApiKey', emulator.key);
    const keys = new PoolKeyStore(secrets, redactor);
    const memento = new FakeMemento();
    const ownTraffic = new OwnTraffic();
    const checks = checkServiceFor({
      settings,
      keys,
      log,
      transport: createNodeTransport(),
      userAgent: 'codex-pooler-trae-tests',
      ownTraffic,
    });
    const made = createInteractive({
      context: {
        extensionUri: { path: '/extension' },
        globalState: memento,
        extension: { id: 'codex-pooler-community.codex-pooler-trae' },
      } as never,
      checks,
      findings: new TraeFindings({ settings, keys }),
      confirmations: new TraeConfirmations({ memento, settings, keys, log }),
      modelTests: new ModelTests({ checks, settings, keys }),
      ownTraffic,
      keys,
      settings: settings as unknown as VscodeSettings,
      log: log as unknown as Log,
      redactor,
      extensionVersion: '0.0.0-test',
      userAgent: 'codex-pooler-trae-tests',
    });
    return { made, log };
  }

  it("the Confirm Trae command's watch stops reading the pool's usage", async () => {
    const { made } = await interactive();
    void made.handlers.confirmTrae();
    await until(() => started.length === 1 && started[0]!.watching, 'the command watches');
    await until(() => ctx.emulator.requests.some((r) => r.route === 'usage'), 'a first usage reading');
    made.dispose();
    assert.equal(started[0]!.watching, false, 'stopped');
    assert.equal(started[0]!.state.phase, 'idle');
    started.length = 0;
  });

  it('an open wizard closes, and the key copied from it leaves the clipboard at once', async () => {
    const { made } = await interactive();
    await made.handlers.openWizard();
    const panel = editor.panels.at(-1)!;
    const replied = (id: number) => panel.posted.some((m) => (m as { id?: number }).id === id);
    // The page asks until the wizard has reached the Trae step (its free checks run against the emulator).
    for (let id = 1; !editor.clipboard; id++) {
      panel.deliver({ kind: 'request', id, method: 'copy', params: { what: 'apiKey' } });
      await until(() => replied(id), `a reply to copy #${id}`);
      assert.ok(id < 50, 'the Trae step never opened');
    }
    assert.equal(editor.clipboard, ctx.emulator.key);
    made.dispose();
    await until(() => editor.clipboard === '', 'the key cleared from the clipboard');
    assert.equal(panel.disposed, true, 'the panel is gone');
  });
});
