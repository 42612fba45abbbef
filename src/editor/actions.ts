// Buttons on notifications, identified by id (never by their localized label): each is a MessageItem
// that carries its action, and one place runs it.
import * as vscode from 'vscode';
import type { NextAction } from '../core/check/diagnosis';
import type { MessageId } from '../core/text/messages';
import { COMMANDS } from './commandIds';
import { t } from './l10n';

export type ActionId =
  | 'setApiKey'
  | 'openWizard'
  | 'showLog'
  | 'copyDiagnostics'
  | 'openProxySettings'
  | 'openTimeoutSetting'
  | 'configureRuntimeArguments'
  | 'traeCheck'
  | 'moveSecret';

export interface ActionItem extends vscode.MessageItem {
  readonly action: ActionId;
}

const TITLES: Record<ActionId, MessageId> = {
  setApiKey: 'ui.action.setApiKey',
  openWizard: 'ui.action.openWizard',
  showLog: 'ui.action.showLog',
  copyDiagnostics: 'ui.action.copyDiagnostics',
  openProxySettings: 'ui.action.openProxySettings',
  openTimeoutSetting: 'ui.action.openTimeoutSetting',
  configureRuntimeArguments: 'ui.action.configureRuntimeArguments',
  traeCheck: 'ui.action.traeCheck',
  moveSecret: 'ui.action.moveSecret',
};

const RUNTIME_ARGUMENTS_COMMAND = 'workbench.action.configureRuntimeArguments';

export function actionItem(action: ActionId): ActionItem {
  return { title: t(TITLES[action]), action };
}

/** The buttons that lead on from a diagnosis's next action (only those this editor can run). */
export async function actionsFor(next: NextAction): Promise<ActionId[]> {
  switch (next) {
    case 'setApiKey':
      return ['setApiKey'];
    case 'fixUrl':
    case 'chooseModel':
    case 'openWizard':
      return ['openWizard'];
    case 'checkProxy':
      return ['openProxySettings'];
    case 'raiseTimeout':
      return ['openTimeoutSetting'];
    case 'moveSecret':
      return ['moveSecret'];
    case 'fixKeyStore':
      return (await vscode.commands.getCommands(true)).includes(RUNTIME_ARGUMENTS_COMMAND)
        ? ['configureRuntimeArguments']
        : [];
    default:
      return [];
  }
}

export async function runAction(action: ActionId | undefined, showLog: () => void): Promise<void> {
  switch (action) {
    case undefined:
      return;
    case 'setApiKey':
      await vscode.commands.executeCommand(COMMANDS.setApiKey);
      return;
    case 'openWizard':
      await vscode.commands.executeCommand(COMMANDS.openWizard);
      return;
    case 'showLog':
      return showLog();
    case 'copyDiagnostics':
      await vscode.commands.executeCommand(COMMANDS.copyDiagnostics);
      return;
    case 'openProxySettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      return;
    case 'openTimeoutSetting':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'codexPooler.requestTimeoutSeconds');
      return;
    case 'configureRuntimeArguments':
      await vscode.commands.executeCommand(RUNTIME_ARGUMENTS_COMMAND);
      return;
    case 'traeCheck':
      await vscode.commands.executeCommand(COMMANDS.traeCheck);
      return;
    case 'moveSecret':
      await vscode.commands.executeCommand(COMMANDS.moveSecretFromSettings);
      return;
  }
}
