// Localizable messages: the core speaks in ids + arguments; the editor layer renders them with
// vscode.l10n. catalog.json maps each id to its English text, which is also the l10n key;
// translations live in l10n/bundle.l10n.*.json. (The bundles load catalog.json at run time
// instead of inlining it: see esbuild.config.mjs.)
import catalog from './catalog.json';

export type MessageId = keyof typeof catalog;
/** An argument is text, a number, or a message of its own (rendered in the same language first). */
export type MessageArg = string | number | Msg;
export type MessageArgs = Readonly<Record<string, MessageArg>>;
/** Arguments as a template takes them: every message among them already rendered. */
export type FlatArgs = Readonly<Record<string, string | number>>;

export interface Msg {
  readonly id: MessageId;
  readonly args?: MessageArgs;
}

/** The arguments with each message among them rendered by `render` (in the caller's language). */
export function flatArgs(args: MessageArgs, render: (m: Msg) => string): FlatArgs {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(args)) out[name] = typeof value === 'object' ? render(value) : value;
  return out;
}

export function msg(id: MessageId, args?: MessageArgs): Msg {
  return args ? { id, args } : { id };
}

/** The English template of a message: also its key in the l10n bundles. */
export function englishOf(id: MessageId): string {
  return catalog[id];
}

/** Fills `{name}` placeholders the same way vscode.l10n.t(message, args) does. */
export function fillTemplate(template: string, args: FlatArgs | undefined): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/**
 * Renders a message outside the editor (tests, the emulator CLI, diagnostics text): `translations`
 * is a parsed l10n bundle keyed by the English text; a missing entry falls back to English.
 */
export function renderMsg(m: Msg, translations?: Readonly<Record<string, string>>): string {
  const english = catalog[m.id];
  const template = translations?.[english] ?? english;
  return fillTemplate(template, m.args && flatArgs(m.args, (inner) => renderMsg(inner, translations)));
}
