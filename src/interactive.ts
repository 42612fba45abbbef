// Everything the user starts by hand: the command handlers and the setup wizard. Built as its own
// bundle (dist/interactive.js) and loaded on the first command, so activation does not parse it.
import type * as vscode from 'vscode';
import { commandHandlers, type CommandHandlers } from './editor/commands';
import type { ConnectionService } from './editor/connection';
import type { Log } from './editor/log';
import type { PoolKeyStore } from './editor/secrets';
import { WizardPanel } from './wizard/wizardPanel';

export interface InteractiveDependencies {
  readonly context: vscode.ExtensionContext;
  readonly service: ConnectionService;
  readonly store: PoolKeyStore;
  readonly log: Log;
  readonly extensionVersion: string;
}

export interface Interactive {
  readonly handlers: CommandHandlers;
  /** `state`: what the webview saved with setState before the editor closed (its step). */
  reviveWizard(panel: vscode.WebviewPanel, state: unknown): void;
}

export function createInteractive(deps: InteractiveDependencies): Interactive {
  const wizard = { context: deps.context, service: deps.service, store: deps.store, log: deps.log };
  return {
    handlers: commandHandlers({ ...deps, openWizard: () => void WizardPanel.open(wizard) }),
    reviveWizard: (panel, state) => void WizardPanel.revive(panel, wizard, state),
  };
}
