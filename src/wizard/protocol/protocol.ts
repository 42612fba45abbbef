// The wizard's one message table, declared once and imported by both sides: the host (the handlers in
// src/wizard/handlers.ts, behind src/editor/webviewChannel.ts) and the webview (src/webview/rpc.ts). Which
// messages exist and what kind each is (a request wants a reply: its result, or a refusal with cause and fix;
// a command wants none, and a refused one is said in a `problem` message) is in messageKinds.ts; here are
// their params and results as zod/mini schemas, so a renamed field breaks the build. The host checks every
// message from the page against them and every message it posts, results included; the page imports only
// the types from here (no zod in its bundle). What the host shows (views) is in protocolViews.ts.
import * as z from 'zod/mini';
import type { Msg } from '../../core/text/messages';
import { INVITE_TARGETS, type InviteTarget } from '../../core/trae/invite';
import { TRAE_FIELD_IDS } from '../../core/trae/traeLabels';
import { LIMITS } from './limits';
import {
  isCommand,
  isMessageName,
  isRequest,
  type CommandName,
  type MessageName,
  type RequestName,
} from './messageKinds';
import {
  LanguageSchema,
  ModelListViewSchema,
  Problems,
  ProblemViewSchema,
  StepSchema,
  text,
  WizardViewSchema,
} from './protocolViews';

const Empty = z.object({});

/** A field of Trae's dialog, all of them, the test message, or a setup link. */
const CopyTargetSchema = z.enum([...TRAE_FIELD_IDS, 'all', 'testPrompt', ...INVITE_TARGETS]);
/** What a wizard button may ask the editor to do: open Trae's chat or settings, check, show the log, close. */
const EditorActionSchema = z.enum(['openChat', 'openTraeSettings', 'checkConnection', 'showLog', 'close']);
const KeyStored = z.object({ verdict: z.enum(['accepted', 'rejected', 'unchecked', 'kept']) });
const TraeErrorKeySchema = z.enum(['984', '4028', '997', '4054', '2001', 'unknown']);
const ExplainViewSchema = z.object({
  verdict: z.enum(['cause', 'fine']),
  lines: z.array(text()).check(z.maxLength(LIMITS.explainLines)),
  problems: Problems,
});

function request<P extends z.ZodMiniType, R extends z.ZodMiniType>(params: P, result: R) {
  return { kind: 'request', params, result } as const;
}
function command<P extends z.ZodMiniType>(params: P) {
  return { kind: 'command', params } as const;
}

type Schemas = { [M in RequestName]: ReturnType<typeof request> } & { [M in CommandName]: ReturnType<typeof command> };

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
    z.object({
      url: text(LIMITS.url),
      fullUrl: z.boolean(),
      modelId: text(LIMITS.id),
      /** The further models, main model excluded (absent: unchanged, for a page that does not show them). */
      moreModels: z.optional(z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels))),
      basedOn: z.number(),
    }),
  ),
  goTo: request(z.object({ step: StepSchema }), Empty),
  storeKey: request(z.object({ key: text(LIMITS.pastedKey) }), KeyStored),
  /** "Store it anyway": the new key the pool did not accept (the host kept it in memory) replaces the stored one. */
  storePendingKey: request(Empty, KeyStored),
  /** "Keep the working key": the host forgets the new key. */
  discardPendingKey: request(Empty, Empty),
  recheck: request(z.object({ what: z.enum(['url', 'key', 'models']) }), Empty),
  runTest: request(Empty, Empty),
  /** The Trae-shaped check, on one model of the draft's set (absent: the main model). */
  runTraeCheck: request(z.object({ model: z.optional(text(LIMITS.id)) }), Empty),
  /** "Test every model": the documented check once per model of the set (the page said the cost first). */
  testEveryModel: request(Empty, Empty),
  cancel: command(z.object({ what: z.enum(['test', 'trae', 'every']) })),
  save: request(Empty, Empty),
  /** Discards the draft (and the setup link it came from): back to the saved setup. */
  discardDraft: request(Empty, Empty),
  /** "Check this pool": the user lets the free checks reach the pool a setup link named. */
  checkLinkPool: request(Empty, Empty),
  /** `model`: the Add Model card whose value to copy (step 5 with several models); the main model if absent. */
  copy: request(z.object({ what: CopyTargetSchema, model: z.optional(text(LIMITS.id)) }), Empty),
  /** Step 5: the user ticked (or unticked) a model's card "Added in Trae". */
  markAdded: request(z.object({ model: text(LIMITS.id), added: z.boolean() }), Empty),
  setLanguage: command(z.object({ language: LanguageSchema })),
  dismissNotice: command(z.object({ id: text(LIMITS.noticeId) })),
  editorAction: request(z.object({ action: EditorActionSchema }), Empty),
  /** "Trae says 984": runs the check that decides it for the saved settings. */
  explainTraeError: request(z.object({ key: TraeErrorKeySchema }), ExplainViewSchema),
  /** The last step: watch the pool's usage counter again from a fresh baseline. */
  watchAgain: request(Empty, Empty),
  /** The last step: "Trae showed an error" (the checklist and Trae's codes, at once). */
  sawTraeError: command(Empty),
  /** The last step: "Forget" the confirmation from Trae. */
  forgetConfirmation: request(Empty, Empty),
  /** The webview received something it could not read: the host logs it. */
  reportProblem: command(z.object({ detail: text(LIMITS.detail) })),
} satisfies Schemas;

type Messages = typeof MESSAGES;
export type Params<M extends MessageName> = z.infer<Messages[M]['params']>;
export type Result<M extends RequestName> = z.infer<Messages[M]['result']>;

/** The host's handler for every request and every command: typed by the table, so no cast is needed. */
export type RequestHandlers = { [M in RequestName]: (params: Params<M>) => Result<M> | Promise<Result<M>> };
export type CommandHandlers = { [M in CommandName]: (params: Params<M>) => void | Promise<void> };

const Name = z.custom<MessageName>(isMessageName);

/** Webview -> host envelopes. */
export const IncomingSchema = z.union([
  z.object({ kind: z.literal('request'), id: z.number(), method: Name, params: z.unknown() }),
  z.object({ kind: z.literal('command'), method: Name, params: z.unknown() }),
]);

/** Host -> webview: checked by the host before posting (a request's result against its own schema, first). */
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
  return INVITE_TARGETS.some((target) => target === what);
}
export type EditorAction = z.infer<typeof EditorActionSchema>;
export type ExplainView = z.infer<typeof ExplainViewSchema>;

// The same table seen name by name, so that a lookup by a generic name keeps that message's own types.
const PARAMS: { readonly [M in MessageName]: { readonly params: z.ZodMiniType<Params<M>> } } = MESSAGES;
const RESULTS: { readonly [M in RequestName]: { readonly result: z.ZodMiniType<Result<M>> } } = MESSAGES;

/** A message's params, checked against its schema; undefined when they do not fit. */
export function parseParams<M extends MessageName>(name: M, raw: unknown): Params<M> | undefined {
  return parsed(PARAMS[name].params, raw);
}

/** A request's result, checked against its schema before the host posts it. */
export function parseResult<M extends RequestName>(name: M, raw: unknown): Result<M> | undefined {
  return parsed(RESULTS[name].result, raw);
}

function parsed<T>(schema: z.ZodMiniType<T>, raw: unknown): T | undefined {
  const result = schema.safeParse(raw);
  return result.success ? result.data : undefined;
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
  return { kind: 'request', id, name, run: () => handleRequest(handlers, name, params).then(checkedResult(name)) };
}

/** What the handler returned, as the page may read it; a result that does not fit is this side's bug. */
function checkedResult<M extends RequestName>(name: M): (result: Result<M>) => Result<M> {
  return (result) => {
    const fits = parseResult(name, result);
    if (fits === undefined) throw new Error(`the result of ${name} did not fit the protocol`);
    return fits;
  };
}

function bindCommand<M extends CommandName>(name: M, raw: unknown, handlers: CommandHandlers): Dispatch {
  const params = parseParams(name, raw);
  if (params === undefined) return { kind: 'malformed', detail: `the ${name} command's params` };
  return { kind: 'command', name, run: () => handleCommand(handlers, name, params) };
}

function idOf(raw: unknown): { id?: number } {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
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
