// The upgrade from one model (issue 24.1): a user who has only today's codexPooler.model keeps it, untouched and
// working. The settings read as before (no further models), the check sends and reports what it did, and a save
// of one model writes no moreModels; only a user who chooses further models gets the setting. The editor's
// configuration is an in-memory user settings.json behind the small `vscode` fake.
import * as assert from 'node:assert/strict';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import type * as SettingsModule from '../../src/editor/settings';
import { PoolKeyStore } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { checkServiceFor } from './fakes/checkEngine';
import { FakeLog } from './fakes/log';
import { FakeSecretStorage } from './fakes/secretStorage';
import { installVscode } from './fakes/vscode';
import { useEmulator } from './helpers';

/** A user settings.json (keys without the codexPooler. prefix) and every update the extension made. */
function userSettings(initial: Record<string, unknown>) {
  const values = new Map(Object.entries(initial));
  const updates: Array<[string, unknown]> = [];
  const configuration = {
    get: (key: string) => values.get(key),
    inspect: (key: string) => ({ key, globalValue: values.get(key), defaultValue: undefined }),
    update: async (key: string, value: unknown) => {
      updates.push([key, value]);
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  };
  const workspace = {
    getConfiguration: (section?: string) => (section === 'codexPooler' ? configuration : { get: () => undefined }),
    onDidChangeConfiguration: () => ({ dispose: () => undefined }),
  };
  return { values, updates, workspace };
}

describe('upgrade: a user with only today’s codexPooler.model setting', function () {
  this.timeout(20_000);
  const ctx = useEmulator();
  let uninstall: () => void;
  let fake: { workspace: unknown };
  let saved: unknown;
  let VscodeSettings: typeof SettingsModule.VscodeSettings;

  before(() => {
    ({ uninstall } = installVscode());
    fake = require('vscode') as typeof fake;
    saved = fake.workspace;
    ({ VscodeSettings } = require('../../src/editor/settings') as typeof SettingsModule);
  });
  after(() => {
    fake.workspace = saved;
    uninstall();
  });

  function today() {
    const user = userSettings({ baseUrl: ctx.emulator.apiBase, model: 'gpt-5.5' });
    fake.workspace = user.workspace;
    return { user, settings: new VscodeSettings() };
  }

  it('reads as before: the model, and no further models', () => {
    const { settings } = today();
    const read = settings.read();
    assert.equal(read.model, 'gpt-5.5');
    assert.deepEqual(read.moreModels, []);
    settings.dispose();
  });

  it('checks as before: one model list and one usage reading, a report with no trace of further models', async () => {
    const { settings } = today();
    const secrets = new FakeSecretStorage();
    secrets.values.set('codexPooler.poolApiKey', ctx.emulator.key);
    const checks = checkServiceFor({
      settings,
      keys: new PoolKeyStore(secrets, new Redactor()),
      log: new FakeLog(),
      transport: createNodeTransport(),
    });
    const outcome = await checks.check('background');
    assert.equal(outcome.kind, 'report');
    if (outcome.kind !== 'report') return;
    assert.equal(outcome.report.verdict, 'ok');
    assert.deepEqual(Object.keys(outcome.report.target).sort(), [
      'baseUrl',
      'endpoint',
      'fullUrl',
      'keyMasked',
      'model',
    ]);
    assert.equal(outcome.report.facts.moreModels, undefined);
    assert.deepEqual(ctx.emulator.counts(), { 'GET /v1/models': 1, 'GET /v1/usage': 1 });
    checks.dispose();
    settings.dispose();
  });

  it('saves as before: a save of one model (the wizard’s, or an older caller’s) writes no moreModels', async () => {
    const { user, settings } = today();
    await settings.writeConnection({ baseUrl: ctx.emulator.apiBase, fullUrl: false, model: 'gpt-5.6-terra' });
    await settings.writeConnection({
      baseUrl: ctx.emulator.apiBase,
      fullUrl: false,
      model: 'gpt-5.6-terra',
      moreModels: [],
    });
    assert.deepEqual(Object.fromEntries(user.values), {
      baseUrl: ctx.emulator.apiBase,
      model: 'gpt-5.6-terra',
      fullUrl: false,
    });
    assert.ok(
      user.updates.every(([key, value]) => key !== 'moreModels' || value === undefined),
      JSON.stringify(user.updates),
    );
    settings.dispose();
  });

  it('only a user who chooses further models gets the setting; choosing none again removes it', async () => {
    const { user, settings } = today();
    const connection = { baseUrl: ctx.emulator.apiBase, fullUrl: false, model: 'gpt-5.5' };
    await settings.writeConnection({ ...connection, moreModels: ['gpt-5.4-mini'] });
    assert.deepEqual(user.values.get('moreModels'), ['gpt-5.4-mini']);
    assert.deepEqual(settings.read().moreModels, ['gpt-5.4-mini']);
    await settings.writeConnection(connection);
    assert.deepEqual(
      user.values.get('moreModels'),
      ['gpt-5.4-mini'],
      'a caller that names no further models keeps them',
    );
    await settings.writeConnection({ ...connection, moreModels: [] });
    assert.equal(user.values.has('moreModels'), false);
    assert.deepEqual(settings.read().moreModels, []);
    settings.dispose();
  });
});
