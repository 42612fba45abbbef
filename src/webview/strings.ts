// The webview's strings: templates in the user's language, sent once by the host (the `ready` result).
import { fillTemplate, flatArgs, type FlatArgs, type MessageId, type Msg } from '../core/text/messages';

const strings: Record<string, string> = {};

export function setStrings(pairs: readonly (readonly string[])[]): void {
  for (const [id, template] of pairs) if (id !== undefined && template !== undefined) strings[id] = template;
}

export function tr(id: MessageId, args?: FlatArgs): string {
  return fillTemplate(strings[id] ?? id, args);
}

export function say(m: Msg): string {
  return tr(m.id, m.args && flatArgs(m.args, say));
}
