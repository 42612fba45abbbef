// The only place core messages meet vscode.l10n: the English text is the bundle key. Every argument
// passes the redactor on its way to the screen (arguments may carry text a pool sent).
import * as vscode from 'vscode';
import { englishOf, flatArgs, type FlatArgs, type MessageId, type Msg } from '../core/text/messages';
import type { Redactor } from '../services/redactor';

let redactor: Redactor | undefined;

/** Set once at activation: from then on every rendered message is redacted. */
export function useRedactor(value: Redactor): void {
  redactor = value;
}

export function t(id: MessageId, args: FlatArgs = {}): string {
  const text = vscode.l10n.t(englishOf(id), args);
  return redactor ? redactor.redact(text) : text;
}

export function render(m: Msg): string {
  return t(m.id, m.args && localizeTimes(flatArgs(m.args, render)));
}

/** A reset time from the pool (ISO) reads as the user's local date and time. */
function localizeTimes(args: FlatArgs): FlatArgs {
  const at = args['resetAt'];
  if (typeof at !== 'string' || at === '') return args;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return args;
  const sameDay = date.toDateString() === new Date().toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return { ...args, resetAt: date.toLocaleString(vscode.env.language, options) };
}

/** "Dec 2, 10:42" in the editor's language (the day always shown: a confirmation may be days old). */
export function localDateTime(ms: number): string {
  return new Date(ms).toLocaleString(vscode.env.language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "10:42:13" in the editor's language (the moment a request arrived, today). */
export function localTimeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString(vscode.env.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
