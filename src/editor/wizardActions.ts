// What the wizard's buttons ask of the editor itself: open Trae's chat or settings (only where Trae's own
// command exists, asked again at the moment it is called), check the connection, show the log, close. A
// command that is missing or fails is refused with the reason, so the page says why nothing happened.
import * as vscode from 'vscode';
import { msg } from '../core/text/messages';
import { wizardTraeCommands } from '../core/trae/traeIdentity';
import { RefusedRequest } from '../wizard/protocol/protocol';
import type { EditorAction } from '../wizard/protocol/protocol';
import { COMMANDS } from './commandIds';
import { t } from './l10n';
import type { Log } from './log';
import { editorFlavor } from './settings';

export interface TraeCommandIds {
  readonly openChat?: string;
  readonly openTraeSettings?: string;
}

/** Trae's own commands this editor lists now (none outside Trae and Trae CN). */
export async function findTraeCommands(): Promise<TraeCommandIds> {
  return wizardTraeCommands(editorFlavor(), await vscode.commands.getCommands(true));
}

export function wizardEditorActions(deps: {
  readonly log: Log;
  readonly commands: () => TraeCommandIds;
  readonly close: () => void;
}): (action: EditorAction) => Promise<void> {
  return async (action) => {
    switch (action) {
      case 'close':
        return deps.close();
      case 'showLog':
        return deps.log.show();
      case 'checkConnection':
        await vscode.commands.executeCommand(COMMANDS.checkConnection);
        return;
      case 'openChat':
      case 'openTraeSettings':
        return runTraeCommand(action, deps.commands()[action], deps.log);
    }
  };
}

async function runTraeCommand(
  action: 'openChat' | 'openTraeSettings',
  id: string | undefined,
  log: Log,
): Promise<void> {
  const what = t(action === 'openChat' ? 'ui.wizard.chat.open' : 'ui.wizard.chat.openSettings');
  const fix = msg('ui.wizard.command.missingFix');
  // Asked again now: the command must exist at the moment it is called.
  if (!id || !(await vscode.commands.getCommands(true)).includes(id)) {
    throw new RefusedRequest(msg('ui.wizard.command.missing', { what }), fix);
  }
  try {
    await vscode.commands.executeCommand(id);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    log.warn(`Setup wizard: ${id} failed: ${detail}`);
    throw new RefusedRequest(msg('ui.wizard.command.failed', { what, detail }), fix);
  }
}
