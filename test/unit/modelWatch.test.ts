// The status bar watches every model in Trae (issue 24.4): the free background check (one model list, one
// usage reading, whatever the number of models) notices a model the pool no longer offers; the main model gone
// fails, another one gone degrades and is named with what Trae will show; when it comes back, the warning goes.
// The tooltip lists each model, offered or not, with its last test chat and its age. Real emulator, real check
// service, in-memory settings and keys, a fake clock; the editor is the small `vscode` fake.
import * as assert from 'node:assert/strict';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { renderMsg } from '../../src/core/text/messages';
import type * as StatusBarModule from '../../src/editor/statusBar';
import { Emitter } from '../../src/services/events';
import { HealthMonitor } from '../../src/services/healthMonitor';
import { PoolKeyStore } from '../../src/services/keyStore';
import { ModelTests } from '../../src/services/modelTests';
import { Redactor } from '../../src/services/redactor';
import {
  modelDiagnosticLines,
  modelLineParts,
  modelStatuses,
  statusIndicator,
  statusProblems,
  type StatusInputs,
} from '../../src/services/statusModel';
import { flush } from './fakes/async';
import { checkServiceFor } from './fakes/checkEngine';
import { FakeClock } from './fakes/clock';
import { FakeFocus } from './fakes/focus';
import { FakeLog } from './fakes/log';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { installVscode } from './fakes/vscode';
import { useEmulator } from './helpers';

const MORE = ['gpt-5.4-mini', 'gpt-5.6-terra'];

describe('the status bar watches every model in Trae', function () {
  this.timeout(20_000);
  const ctx = useEmulator();
  let uninstall: () => void;
  let StatusBarIndicator: typeof StatusBarModule.StatusBarIndicator;

  before(() => {
    ({ uninstall } = installVscode());
    ({ StatusBarIndicator } = require('../../src/editor/statusBar') as typeof StatusBarModule);
  });
  after(() => uninstall());

  function setup(moreModels: readonly string[] = MORE) {
    const secrets = new FakeSecretStorage();
    secrets.values.set('codexPooler.poolApiKey', ctx.emulator.key);
    const settings = new FakeSettings({ baseUrl: ctx.emulator.apiBase, model: 'gpt-5.5', moreModels });
    const keys = new PoolKeyStore(secrets, new Redactor());
    const clock = new FakeClock();
    const checks = checkServiceFor({
      settings,
      keys,
      log: new FakeLog(),
      transport: createNodeTransport(),
      now: () => clock.now(),
    });
    const focus = new FakeFocus(true);
    const health = new HealthMonitor({ checks, settings, keys, focus, clock });
    const tests = new ModelTests({ checks, settings, keys, now: () => clock.now() });
    const inputs = (): StatusInputs => ({
      last: checks.last,
      running: checks.running,
      scheduleEnabled: true,
      finding: undefined,
    });
    /** The next background check, as the schedule runs it. */
    const background = async () => {
      const done = new Promise<void>((resolve) => {
        const heard = checks.onDidChange((e) => e.kind === 'reported' && (heard.dispose(), resolve()));
      });
      if (health.nextAt === undefined) health.start();
      await clock.advance(Math.max(0, (health.nextAt ?? 0) - clock.now()));
      await done;
      await flush();
    };
    const never = new Emitter<void>().event;
    const bar = () =>
      new StatusBarIndicator(
        checks,
        health,
        focus,
        { current: undefined, onDidChange: never },
        { current: undefined, onDidChange: never },
        tests,
        () => clock.now(),
      );
    const dispose = () => {
      health.dispose();
      tests.dispose();
      checks.dispose();
    };
    return { settings, keys, secrets, clock, checks, health, tests, inputs, background, bar, dispose };
  }

  /** The tooltip as a reader sees it: markdown escapes undone. */
  const readable = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

  it('a further model leaves the list: warning naming it and what Trae will show; it comes back: healthy again', async () => {
    const s = setup();
    await s.background();
    assert.equal(statusIndicator(s.inputs()), 'healthy');

    assert.ok(ctx.emulator.removeModel('gpt-5.4-mini'));
    await s.background();
    assert.equal(statusIndicator(s.inputs()), 'degraded');
    const problems = statusProblems(s.inputs());
    assert.deepEqual(
      problems.map((d) => d.code),
      ['more-model-not-listed'],
    );
    assert.equal(
      renderMsg(problems[0]!.cause),
      'Trae will answer 984 for gpt-5.4-mini: the pool no longer offers it to this key.',
    );
    const statuses = modelStatuses(s.checks.last!.report, () => undefined);
    assert.deepEqual(
      statuses.map((m) => [m.model, m.main, m.offered]),
      [
        ['gpt-5.5', true, true],
        ['gpt-5.4-mini', false, false],
        ['gpt-5.6-terra', false, true],
      ],
    );

    assert.ok(ctx.emulator.addModelBack('gpt-5.4-mini'));
    await s.background();
    assert.equal(statusIndicator(s.inputs()), 'healthy');
    assert.deepEqual(statusProblems(s.inputs()), []);
    s.dispose();
  });

  it('the main model leaves the list: failing (Trae answers 984 for it), as with one model', async () => {
    const s = setup();
    ctx.emulator.removeModel('gpt-5.5');
    await s.background();
    assert.equal(statusIndicator(s.inputs()), 'failing');
    assert.equal(statusProblems(s.inputs())[0]?.code, 'model-not-listed');
    s.dispose();
  });

  it('with 10 models the background check sends what it sends with 1: one model list, one usage reading', async () => {
    const ten = Array.from({ length: 9 }, (_, i) => `extra-${i}`);
    const counts: Record<string, number>[] = [];
    for (const moreModels of [[], ten]) {
      ctx.emulator.reset();
      const s = setup(moreModels);
      await s.background();
      counts.push(ctx.emulator.counts());
      s.dispose();
    }
    assert.deepEqual(counts[0], { 'GET /v1/models': 1, 'GET /v1/usage': 1 });
    assert.deepEqual(counts[1], counts[0]);
  });

  it('the tooltip lists each model, offered or not, with its last test chat and its age', async () => {
    const s = setup();
    await s.checks.check('full');
    const mainTested = s.clock.now();
    await s.clock.advance(3 * 60_000);
    s.tests.record('gpt-5.6-terra', 'failed');
    const terraTested = s.clock.now();
    ctx.emulator.removeModel('gpt-5.4-mini');
    await s.background();
    const bar = s.bar();
    const tooltip = readable(bar.snapshot().tooltip);
    bar.dispose();
    const minutes = (since: number) => Math.floor((s.clock.now() - since) / 60_000);
    assert.ok(minutes(terraTested) >= 1, 'the ages differ from "just now"');
    const main = `Model: gpt-5\\.5 \\(main\\) · offered · test chat passed ${minutes(mainTested)} min ago {2}\n`;
    assert.match(tooltip, new RegExp(main));
    assert.match(tooltip, /Model: gpt-5\.4-mini · not offered now: Trae will answer 984 {2}\n/);
    const terra = `Model: gpt-5\\.6-terra · offered · test chat failed ${minutes(terraTested)} min ago {2}\n`;
    assert.match(tooltip, new RegExp(terra));
    assert.match(tooltip, /\$\(warning\) Trae will answer 984 for gpt-5\.4-mini: the pool no longer offers it/);
    // The one action that clears it comes first among the links (step 3 of the wizard shows what is offered).
    assert.match(tooltip, /\$\(arrow-right\) \*\*\[Open Setup Wizard\]\(command:codexPooler\.openWizard\)\*\*/);
    assert.ok(tooltip.indexOf('$(arrow-right)') > tooltip.indexOf('Model: gpt-5.6-terra'));
    s.dispose();
  });

  it('a one-model setup reads as before: "Model: <id>", no "(main)"', async () => {
    const s = setup([]);
    await s.background();
    const bar = s.bar();
    const tooltip = readable(bar.snapshot().tooltip);
    bar.dispose();
    assert.match(tooltip, /Model: gpt-5\.5 · offered {2}\n/);
    assert.doesNotMatch(tooltip, /\(main\)/);
    s.dispose();
  });

  it('the model list unreadable: the models are "not checked", never "not offered"', async () => {
    const s = setup();
    ctx.emulator.setFault({ kind: 'html', status: 502 }, ['models']);
    await s.background();
    const parts = modelStatuses(s.checks.last!.report, () => undefined).map((m) =>
      modelLineParts(m, true, 0).map((p) => renderMsg(p)),
    );
    for (const line of parts) assert.equal(line[1], 'not checked: the model list could not be read', line.join(' · '));
    s.dispose();
  });

  it("every full check of the saved pool records its model: a picked model, the wizard's draft of the same pool; another pool or a new key is not", async () => {
    const s = setup();
    await s.checks.checkModel('full', 'gpt-5.4-mini');
    assert.equal(s.tests.lastOf('gpt-5.4-mini')?.result, 'passed', 'a picked further model');
    const saved = s.settings.read();
    await s.checks.checkDraft('full', { ...saved, model: 'gpt-5.6-terra' });
    assert.equal(s.tests.lastOf('gpt-5.6-terra')?.result, 'passed', '"Test every model" on the saved URL');
    await s.checks.checkDraft('full', { ...saved, baseUrl: `${ctx.emulator.apiBase}/`, model: 'gpt-5.5' });
    assert.equal(s.tests.lastOf('gpt-5.5'), undefined, 'a draft of another URL says nothing of the saved pool');
    await s.checks.checkKey(ctx.emulator.key, { ...saved, model: 'gpt-5.5' });
    assert.equal(s.tests.lastOf('gpt-5.5'), undefined, 'a free check of a key is no test chat');
    s.dispose();
  });

  it('test results are forgotten when the pool or the key changes, and the newest test wins', async () => {
    const s = setup();
    s.tests.record('GPT-5.4-mini', 'passed', 10);
    s.tests.record('gpt-5.4-mini', 'failed', 5);
    assert.equal(s.tests.lastOf('gpt-5.4-mini')?.result, 'passed', 'an older test does not replace a newer one');
    s.settings.change({ moreModels: ['gpt-5.4-mini'] });
    assert.ok(s.tests.lastOf('gpt-5.4-mini'), 'the same pool: kept');
    s.settings.change({ baseUrl: 'http://localhost:4100/v1' });
    assert.equal(s.tests.lastOf('gpt-5.4-mini'), undefined, 'another pool: forgotten');
    s.tests.record('gpt-5.4-mini', 'passed', 20);
    await s.secrets.store('codexPooler.poolApiKey', ctx.emulator.addKey());
    assert.equal(s.tests.lastOf('gpt-5.4-mini'), undefined, 'another key: forgotten');
    s.dispose();
  });

  it('Copy Diagnostics lists each model: offered or not, and its last test chat', async () => {
    const s = setup();
    ctx.emulator.removeModel('gpt-5.6-terra');
    await s.background();
    s.tests.record('gpt-5.4-mini', 'problem', Date.UTC(2026, 11, 5, 7, 0, 0));
    const lines = modelDiagnosticLines(modelStatuses(s.checks.last!.report, (m) => s.tests.lastOf(m)));
    assert.deepEqual(lines.slice(2), [
      '- gpt-5.5 (main): offered; not tested',
      '- gpt-5.4-mini: offered; last test chat problem at 2026-12-05T07:00:00.000Z',
      '- gpt-5.6-terra: NOT offered now (Trae answers 984); not tested',
    ]);
    s.dispose();
  });
});

describe('the emulator takes a model off its list and puts it back (npm run demo)', () => {
  const ctx = useEmulator();
  const listed = async () => {
    const res = await fetch(`${ctx.emulator.apiBase}/models`, {
      headers: { authorization: `Bearer ${ctx.emulator.key}` },
    });
    return ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id);
  };

  it('POST /__emulator/model/remove?id= and /__emulator/model/add?id=', async () => {
    const control = (action: string, id: string) =>
      fetch(`${ctx.emulator.url}/__emulator/model/${action}?id=${encodeURIComponent(id)}`, { method: 'POST' });
    const removed = await control('remove', 'GPT-5.5');
    assert.equal(removed.status, 200);
    assert.deepEqual(await removed.json(), {
      removed: 'gpt-5.5',
      models: ['gpt-5.6-terra', 'gpt-5.4-mini'],
      removedModels: ['gpt-5.5'],
    });
    assert.deepEqual(await listed(), ['gpt-5.6-terra', 'gpt-5.4-mini']);
    const chat = await fetch(`${ctx.emulator.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.emulator.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.ok(chat.status >= 400, 'a chat with it is refused');
    assert.equal((await control('remove', 'gpt-5.5')).status, 404, 'not listed any more');
    assert.equal((await control('add', 'nope')).status, 404, 'only a removed model comes back');
    assert.equal((await control('add', 'gpt-5.5')).status, 200);
    assert.deepEqual(await listed(), ['gpt-5.6-terra', 'gpt-5.5', 'gpt-5.4-mini'], 'back at its place');
  });
});
