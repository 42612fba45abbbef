import * as assert from 'node:assert/strict';
import { renderMsg } from '../../src/core/text/messages';
import {
  guideLanguageFor,
  TRAE_COMMANDS,
  traeCommandsToOffer,
  traeFlavor,
  wizardTraeCommands,
} from '../../src/core/trae/traeIdentity';

describe('Trae identity', () => {
  it('tells Trae and Trae CN by their URI scheme first', () => {
    assert.equal(traeFlavor({ uriScheme: 'trae', appName: 'Trae' }), 'trae');
    assert.equal(traeFlavor({ uriScheme: 'trae-cn', appName: 'Trae CN' }), 'trae-cn');
    assert.equal(traeFlavor({ uriScheme: 'TRAE-CN' }), 'trae-cn');
    assert.equal(traeFlavor({ uriScheme: 'trae-cn', appName: 'Visual Studio Code' }), 'trae-cn');
    assert.equal(traeFlavor({ uriScheme: 'trae', appName: 'Trae CN' }), 'trae', 'the scheme decides');
  });

  it('falls back to the app name', () => {
    for (const appName of ['Trae', 'Trae Insiders', ' trae '])
      assert.equal(traeFlavor({ uriScheme: 'vscode', appName }), 'trae', appName);
    for (const appName of ['Trae CN', 'Trae-CN', 'TraeCN', 'Trae 中国版', 'Trae国内版', 'trae cn'])
      assert.equal(traeFlavor({ appName }), 'trae-cn', appName);
  });

  it('anything else is another editor', () => {
    for (const env of [
      {},
      { uriScheme: 'vscode', appName: 'Visual Studio Code' },
      { uriScheme: 'code-oss', appName: 'Code - OSS' },
      { appName: 'Traefik Desktop' },
      { appName: 'My Trae' },
      { uriScheme: 'traecn' },
    ]) {
      assert.equal(traeFlavor(env), 'other', JSON.stringify(env));
    }
    assert.equal(traeFlavor({ uriScheme: 42, appName: null } as unknown as { uriScheme: string }), 'other');
  });

  it('the guide language: the setting, else Trae CN or a Chinese display language', () => {
    assert.equal(guideLanguageFor('en', 'trae-cn', 'zh-cn'), 'en');
    assert.equal(guideLanguageFor('zh-cn', 'other', 'en'), 'zh-cn');
    assert.equal(guideLanguageFor('auto', 'trae-cn', 'en'), 'zh-cn');
    assert.equal(guideLanguageFor('auto', 'trae', 'zh-cn'), 'zh-cn');
    assert.equal(guideLanguageFor('auto', 'trae', 'en'), 'en');
    assert.equal(guideLanguageFor('auto', 'other', 'de'), 'en');
  });
});

describe('Trae commands', () => {
  const listed = [
    'workbench.action.chat.open',
    'workbench.action.chat.icube.open',
    'workbench.action.icube.openSettings',
  ];

  it('are data: the chat command is confirmed, the settings one is not', () => {
    const byId = Object.fromEntries(TRAE_COMMANDS.map((c) => [c.id, c]));
    assert.equal(byId['workbench.action.chat.icube.open']?.purpose, 'openChat');
    assert.equal(byId['workbench.action.chat.icube.open']?.confirmed, true);
    assert.equal(byId['workbench.action.icube.openSettings']?.confirmed, false);
    assert.equal(renderMsg(byId['workbench.action.chat.icube.open'].label), "Open Trae's AI chat");
  });

  it('are offered only when the editor lists them, and only in Trae', () => {
    assert.deepEqual(
      traeCommandsToOffer('trae', listed).map((c) => c.id),
      ['workbench.action.chat.icube.open', 'workbench.action.icube.openSettings'],
    );
    assert.deepEqual(
      traeCommandsToOffer('trae-cn', ['workbench.action.chat.icube.open']).map((c) => c.purpose),
      ['openChat'],
    );
    assert.deepEqual(traeCommandsToOffer('trae', []), []);
    assert.deepEqual(traeCommandsToOffer('other', listed), []);
  });

  it('the wizard\'s "Open the agent chat" is offered only where it visibly opens something (defect: a button that did nothing in code-server)', () => {
    // code-server and plain VS Code list VS Code's own chat command, which shows nothing without a chat provider.
    const codeServer = ['workbench.action.chat.open', 'workbench.action.openSettings', 'codexPooler.checkConnection'];
    assert.deepEqual(wizardTraeCommands('other', codeServer), {});
    assert.deepEqual(wizardTraeCommands('other', listed), {}, "Trae's names mean nothing outside Trae");
    assert.deepEqual(wizardTraeCommands('trae', ['workbench.action.chat.icube.open']), {
      openChat: 'workbench.action.chat.icube.open',
    });
    assert.deepEqual(wizardTraeCommands('trae-cn', listed), {
      openChat: 'workbench.action.chat.icube.open',
      openTraeSettings: 'workbench.action.icube.openSettings',
    });
  });
});
