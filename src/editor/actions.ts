// Buttons on notifications, identified by id (never by their localized label): each is a MessageItem
// that carries its action, and one place runs it.
import * as vscode from 'vscode';
import type { NextAction } from '../core/check/diagnosis';
import type { MessageId } from '../core/text/messages';
import type { NoticeAction } from '../services/checkNotice';
import { actionOf } from '../services/statusModel';
import { COMMANDS } from './commandIds';
import { t } from './l10n';

export type ActionId = NoticeAction;

export interface ActionItem extends vscode.MessageItem {
  readonly action: ActionId;
}

/** Every button label is a `ui.action.*` message, short enough for a notification (test/unit/buttonLabels.test.ts). */
export const TITLES: Record<ActionId, MessageId> = {
  checkConnection: 'ui.action.checkConnection',
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

export const RUNTIME_ARGUMENTS_COMMAND = 'workbench.action.configureRuntimeArguments';

export function actionItem(action: ActionId): ActionItem {
  return { title: t(TITLES[action]), action };
}

/** The buttons that lead on from a diagnosis's next action (only those this editor can run). */
export async function actionsFor(next: NextAction): Promise<ActionId[]> {
  const action = actionOf(next);
  return action === 'checkConnection' ? [] : availableActions([action]);
}

/** The actions this editor can run (VS Code's runtime arguments editor is missing in some forks). */
export async function availableActions(actions: readonly ActionId[]): Promise<ActionId[]> {
  if (!actions.includes('configureRuntimeArguments')) return [...actions];
  const present = (await vscode.commands.getCommands(true)).includes(RUNTIME_ARGUMENTS_COMMAND);
  return present ? [...actions] : actions.filter((a) => a !== 'configureRuntimeArguments');
}

export async function runAction(action: ActionId | undefined, showLog: () => void): Promise<void> {
  switch (action) {
    case undefined:
      return;
    case 'checkConnection':
      await vscode.commands.executeCommand(COMMANDS.checkConnection);
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
