// The only place core messages meet vscode.l10n: the English text is the bundle key. Every argument
// passes the redactor on its way to the screen (arguments may carry text a pool sent).
import * as vscode from 'vscode';
import { englishOf, type MessageArgs, type MessageId, type Msg } from '../core/messages';
import type { Redactor } from '../services/redactor';

let redactor: Redactor | undefined;

/** Set once at activation: from then on every rendered message is redacted. */
export function useRedactor(value: Redactor): void {
  redactor = value;
}

export function t(id: MessageId, args: MessageArgs = {}): string {
  const text = vscode.l10n.t(englishOf(id), args);
  return redactor ? redactor.redact(text) : text;
}

export function render(m: Msg): string {
  return t(m.id, m.args);
}
