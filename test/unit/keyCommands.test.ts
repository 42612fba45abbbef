// The Set Pool API Key command when the pool rejects the new key and the stored one works (the defect: both
// keys read "sk-cxp-65de8b229264-…", and the highlighted first button was the risky "Store It Anyway"): the
// notification names both keys apart by their fingerprints, offers "Keep the Working Key" first, and only
// the second button stores the new key. The editor is a small `vscode` fake; the pool is a fake transport.
import * as assert from 'node:assert/strict';
import type * as KeyCommandsModule from '../../src/editor/keyCommands';
import { englishOf } from '../../src/core/text/messages';
import { KeyReplacement } from '../../src/services/keyReplacement';
import { PoolKeyStore, SECRET_ID } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { FakeLog } from './fakes/log';
import { FakePool } from './fakes/pool';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { installVscode, type FakeEditor } from './fakes/vscode';
import { KEY, maskedAs, POOL_A } from './wizardFixtures';
import { checkServiceFor } from './fakes/checkEngine';

const TYPO = `${KEY.slice(0, 30)}X${KEY.slice(31)}`;

describe('Set Pool API Key: a rejected key next to a working one (the kept notification)', () => {
  let editor: FakeEditor;
  let uninstall: () => void;
  let keyCommands: typeof KeyCommandsModule.keyCommands;

  before(() => {
    ({ editor, uninstall } = installVscode());
    ({ keyCommands } = require('../../src/editor/keyCommands') as typeof KeyCommandsModule);
  });
  after(() => uninstall());

  function setup() {
    const pool = new FakePool();
    pool.accepted.add(KEY);
    const secrets = new FakeSecretStorage();
    secrets.values.set(SECRET_ID, KEY);
    const redactor = new Redactor();
    const keys = new PoolKeyStore(secrets, redactor);
    const log = Object.assign(new FakeLog(), { show: () => undefined });
    const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5' });
    const checks = checkServiceFor({ settings, keys, log, transport: pool.transport });
    const replacement = new KeyReplacement({ keys, checks, redactor, log });
    const commands = keyCommands({ keys, settings, log, replacement } as unknown as Parameters<typeof keyCommands>[0]);
    editor.notifications.length = 0;
    editor.choose = () => undefined;
    return { secrets, commands };
  }

  it('names both keys apart (id part and fingerprint), never a character of either secret part', async () => {
    const { commands } = setup();
    editor.inputs.push(TYPO);
    assert.equal(await commands.setApiKey(), false);
    const shown = editor.notifications.at(-1)!;
    assert.ok(shown.text.includes(`The pool rejected the new key (${maskedAs(TYPO)})`), shown.text);
    assert.ok(shown.text.includes(`your working key (${maskedAs(KEY)}) is still stored`), shown.text);
    assert.notEqual(maskedAs(TYPO), maskedAs(KEY));
    assert.ok(!shown.text.includes(KEY.slice(20, 30)) && !shown.text.includes(TYPO.slice(30, 40)));
  });

  it('the safe choice first: Keep the Working Key, then Store It Anyway, then Show Log', async () => {
    const { commands, secrets } = setup();
    editor.inputs.push(TYPO);
    editor.choose = (shown) => (shown.buttons.length === 3 ? shown.buttons[0] : undefined);
    await commands.setApiKey();
    assert.deepEqual(editor.notifications.at(-1)!.buttons, [
      englishOf('ui.action.keepWorkingKey'),
      englishOf('ui.action.storeKeyAnyway'),
      englishOf('ui.action.showLog'),
    ]);
    assert.equal(secrets.values.get(SECRET_ID), KEY, 'the first button keeps the working key');
  });

  it('only "Store It Anyway" stores the new key', async () => {
    const { commands, secrets } = setup();
    editor.inputs.push(TYPO);
    editor.choose = (shown) => (shown.buttons.includes('Store It Anyway') ? 'Store It Anyway' : undefined);
    assert.equal(await commands.setApiKey(), true);
    assert.equal(secrets.values.get(SECRET_ID), TYPO);
  });
});
