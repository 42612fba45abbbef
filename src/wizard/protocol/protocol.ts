// The wizard's one message table, declared once and imported by both sides: the host (the handlers in
// src/wizard/handlers.ts, behind src/editor/webviewChannel.ts) and the webview (src/webview/rpc.ts).
// Each message says its kind: a request wants a reply (its result, or a refusal with cause and fix); a
// command wants none (if the host refuses one, it says so in a `problem` message). Params and results are
// zod/mini schemas checked on both sides, so a renamed field breaks the build and a malformed message is
// reported, never dropped silently. What the host shows (views) is in protocolViews.ts.
import * as z from 'zod/mini';
import type { Msg } from '../../core/text/messages';
import { INVITE_TARGETS, type InviteTarget } from '../../core/trae/invite';
import {
  GUIDE_FIELD_IDS,
  LanguageSchema,
  LIMITS,
  ModelListViewSchema,
  Problems,
  ProblemViewSchema,
  StepSchema,
  text,
  WizardViewSchema,
} from './protocolViews';

const Empty = z.object({});

/** How long the Pool API key stays on the clipboard after Copy (the host clears it; the button says so). */
export const KEY_ON_CLIPBOARD_SECONDS = 60;
/** A field of Trae's dialog, all of them, the test message, or a setup link. */
const CopyTargetSchema = z.enum([...GUIDE_FIELD_IDS, 'all', 'testPrompt', ...INVITE_TARGETS]);
/** What a wizard button may ask the editor to do: open Trae's chat or settings, check, show the log, close. */
const EditorActionSchema = z.enum(['openChat', 'openTraeSettings', 'checkConnection', 'showLog', 'close']);
const KeyStored = z.object({ verdict: z.enum(['accepted', 'rejected', 'unchecked', 'kept']) });
const TraeErrorKeySchema = z.enum(['984', '4028', '997', '4054', '2001', 'unknown']);
const ExplainViewSchema = z.object({
  verdict: z.enum(['cause', 'fine']),
  lines: z.array(text()).check(z.maxLength(LIMITS.explainLines)),
  problems: Problems,
});

/**
 * How long the page waits for a reply. 'moment': what the host does on its own. 'long': a check against the
 * pool, or the editor asking the user (an OS keyring to unlock): a check's requests end within the timeout
 * setting (at most 300 s) each, the Trae-shaped check sends two turns in a row, and reading the key waits as
 * long again, so 15 minutes is past any honest reply.
 */
export const REPLY_WITHIN_MS = { moment: 60_000, long: 15 * 60_000 } as const;

function request<P extends z.ZodMiniType, R extends z.ZodMiniType>(
  params: P,
  result: R,
  replyWithin: keyof typeof REPLY_WITHIN_MS = 'moment',
) {
  return { kind: 'request', params, result, replyWithinMs: REPLY_WITHIN_MS[replyWithin] } as const;
}
function command<P extends z.ZodMiniType>(params: P) {
  return { kind: 'command', params } as const;
}

/** Webview -> host. The raw key travels this way (storeKey) and never back. */
export const MESSAGES = {
  /** The page is up: the host answers with the strings and then posts the view. */
  ready: request(
    Empty,
    z.object({
      strings: z.array(z.array(text(LIMITS.stringLength)).check(z.length(2))).check(z.maxLength(LIMITS.strings)),
    }),
  ),
  /** What the user typed (sent once typing pauses). */
  setDraft: command(
    z.object({ url: text(LIMITS.url), fullUrl: z.boolean(), modelId: text(LIMITS.id), basedOn: z.number() }),
  ),
  goTo: request(z.object({ step: StepSchema }), Empty),
  storeKey: request(z.object({ key: text(LIMITS.url) }), KeyStored, 'long'),
  /** "Store it anyway": the new key the pool did not accept (the host kept it in memory) replaces the stored one. */
  storePendingKey: request(Empty, KeyStored, 'long'),
  /** "Keep the working key": the host forgets the new key. */
  discardPendingKey: request(Empty, Empty),
  recheck: request(z.object({ what: z.enum(['url', 'key', 'models']) }), Empty, 'long'),
  runTest: request(Empty, Empty, 'long'),
  runTraeCheck: request(Empty, Empty, 'long'),
  cancel: command(z.object({ what: z.enum(['test', 'trae']) })),
  save: request(Empty, Empty, 'long'),
  /** Discards the draft (and the setup link it came from): back to the saved setup. */
  discardDraft: request(Empty, Empty),
  /** "Check this pool": the user lets the free checks reach the pool a setup link named. */
  checkLinkPool: request(Empty, Empty),
  copy: request(z.object({ what: CopyTargetSchema }), Empty, 'long'),
  setLanguage: command(z.object({ language: LanguageSchema })),
  dismissNotice: command(z.object({ id: text(LIMITS.noticeId) })),
  editorAction: request(z.object({ action: EditorActionSchema }), Empty, 'long'),
  /** "Trae says 984": runs the check that decides it for the saved settings. */
  explainTraeError: request(z.object({ key: TraeErrorKeySchema }), ExplainViewSchema, 'long'),
  /** The last step: watch the pool's usage counter again from a fresh baseline. */
  watchAgain: request(Empty, Empty),
  /** The last step: "Trae showed an error" (the checklist and Trae's codes, at once). */
  sawTraeError: command(Empty),
  /** The last step: "Forget" the confirmation from Trae. */
  forgetConfirmation: request(Empty, Empty),
  /** The webview received something it could not read: the host logs it. */
  reportProblem: command(z.object({ detail: text(LIMITS.detail) })),
};

type Messages = typeof MESSAGES;
export type MessageName = keyof Messages;
export type RequestName = { [M in MessageName]: Messages[M]['kind'] extends 'request' ? M : never }[MessageName];
export type CommandName = Exclude<MessageName, RequestName>;
export type Params<M extends MessageName> = z.infer<Messages[M]['params']>;
export type Result<M extends RequestName> = z.infer<Messages[M]['result']>;

/** How long the page waits for the reply to a request (REPLY_WITHIN_MS). */
export function replyWithinMs(name: RequestName): number {
  return MESSAGES[name].replyWithinMs;
}

/** The host's handler for every request and every command: typed by the table, so no cast is needed. */
export type RequestHandlers = { [M in RequestName]: (params: Params<M>) => Result<M> | Promise<Result<M>> };
export type CommandHandlers = { [M in CommandName]: (params: Params<M>) => void | Promise<void> };

const NAMES = Object.keys(MESSAGES) as [MessageName, ...MessageName[]];

/** Webview -> host envelopes. */
export const IncomingSchema = z.union([
  z.object({ kind: z.literal('request'), id: z.number(), method: z.enum(NAMES), params: z.unknown() }),
  z.object({ kind: z.literal('command'), method: z.enum(NAMES), params: z.unknown() }),
]);

/** Host -> webview. */
export const OutgoingSchema = z.union([
  z.object({ kind: z.literal('response'), id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id: z.number(), ok: z.literal(false), reason: ProblemViewSchema }),
  z.object({ kind: z.literal('view'), view: WizardViewSchema }),
  z.object({ kind: z.literal('models'), list: ModelListViewSchema }),
  /** Something went wrong on the host's side (a view it could not send, a command it refused): shown. */
  z.object({ kind: z.literal('problem'), reason: ProblemViewSchema }),
]);

export type Outgoing = z.infer<typeof OutgoingSchema>;
export type CopyTarget = z.infer<typeof CopyTargetSchema>;
export function isInviteTarget(what: CopyTarget): what is InviteTarget {
  return (INVITE_TARGETS as readonly string[]).includes(what);
}
export type EditorAction = z.infer<typeof EditorActionSchema>;
export type ExplainView = z.infer<typeof ExplainViewSchema>;

export function isRequest(name: MessageName): name is RequestName {
  return MESSAGES[name].kind === 'request';
}

export function isCommand(name: MessageName): name is CommandName {
  return MESSAGES[name].kind === 'command';
}

/** A message's params, checked against its schema; undefined when they do not fit. */
export function parseParams<M extends MessageName>(name: M, raw: unknown): Params<M> | undefined {
  const parsed = MESSAGES[name].params.safeParse(raw);
  // The schema for this very message accepted it: the data has its params type.
  return parsed.success ? (parsed.data as Params<M>) : undefined;
}

/** A request's result, checked against its schema (the webview's side). */
export function parseResult<M extends RequestName>(name: M, raw: unknown): Result<M> | undefined {
  const parsed = MESSAGES[name].result.safeParse(raw);
  return parsed.success ? (parsed.data as Result<M>) : undefined;
}

/** Runs the handler of request `name`: the table's types tie params, handler and result together. */
export function handleRequest<M extends RequestName>(
  handlers: RequestHandlers,
  name: M,
  params: Params<M>,
): Promise<Result<M>> {
  return Promise.resolve(handlers[name](params));
}

export function handleCommand<M extends CommandName>(
  handlers: CommandHandlers,
  name: M,
  params: Params<M>,
): Promise<void> {
  return Promise.resolve(handlers[name](params));
}

/** The message ids whose text the webview needs (its own labels and the key rules it runs). */
export function isWebviewString(id: string): boolean {
  return (
    id.startsWith('ui.wizard.') ||
    id.startsWith('key.') ||
    id === 'ui.action.checkConnection' ||
    id === 'ui.action.showLog'
  );
}

/** A message from the page, checked and bound to its handler: ready to run, or why it cannot be. */
export type Dispatch =
  | { readonly kind: 'request'; readonly id: number; readonly name: RequestName; readonly run: () => Promise<unknown> }
  | { readonly kind: 'command'; readonly name: CommandName; readonly run: () => Promise<void> }
  | { readonly kind: 'malformed'; readonly id?: number; readonly detail: string };

/** Checks a message from the page against the table and binds it to its handler (nothing runs yet). */
export function dispatchOf(raw: unknown, handlers: { requests: RequestHandlers; commands: CommandHandlers }): Dispatch {
  const envelope = IncomingSchema.safeParse(raw);
  if (!envelope.success) return { kind: 'malformed', ...idOf(raw), detail: describe(raw) };
  const message = envelope.data;
  const name = message.method;
  if (message.kind === 'request') {
    if (!isRequest(name))
      return { kind: 'malformed', id: message.id, detail: `${name} is a command, sent as a request` };
    return bindRequest(message.id, name, message.params, handlers.requests);
  }
  if (!isCommand(name)) return { kind: 'malformed', detail: `${name} is a request, sent as a command` };
  return bindCommand(name, message.params, handlers.commands);
}

function bindRequest<M extends RequestName>(id: number, name: M, raw: unknown, handlers: RequestHandlers): Dispatch {
  const params = parseParams(name, raw);
  if (params === undefined) return { kind: 'malformed', id, detail: `the ${name} request's params` };
  return { kind: 'request', id, name, run: () => handleRequest(handlers, name, params) };
}

function bindCommand<M extends CommandName>(name: M, raw: unknown, handlers: CommandHandlers): Dispatch {
  const params = parseParams(name, raw);
  if (params === undefined) return { kind: 'malformed', detail: `the ${name} command's params` };
  return { kind: 'command', name, run: () => handleCommand(handlers, name, params) };
}

function idOf(raw: unknown): { id?: number } {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? { id } : {};
}

/** A key-free description of what did not fit (the method name, clamped; never the params). */
function describe(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'method' in raw) {
    return `method ${JSON.stringify(String(raw.method).slice(0, 40))}`;
  }
  return typeof raw;
}

/** A request the host refuses, with the reason (and fix) the webview shows (as a reply with `ok: false`). */
export class RefusedRequest extends Error {
  constructor(
    readonly reason: Msg,
    readonly fix?: Msg,
  ) {
    super(reason.id);
  }
}

/** A field of Trae's dialog (or all of them) to copy. */
export type GuideTarget = Exclude<CopyTarget, 'apiKey' | 'testPrompt' | InviteTarget>;
