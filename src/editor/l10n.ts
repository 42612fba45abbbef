// The only place core messages meet vscode.l10n: the English text is the bundle key.
import * as vscode from 'vscode';
import { englishOf, type MessageArgs, type MessageId, type Msg } from '../core/messages';

export function t(id: MessageId, args: MessageArgs = {}): string {
  return vscode.l10n.t(englishOf(id), args);
}

export function render(m: Msg): string {
  return t(m.id, m.args);
}
