// Which messages the page may send, and what each is: a command (no reply) or a request, with how long the
// page waits for its reply. No zod: the page reads this at run time; the schemas of their params and
// results are in protocol.ts, keyed by these same names (the compiler holds the two tables together).

/**
 * How long the page waits for a reply. 'moment': what the host does on its own. 'long': a check against the
 * pool, or the editor asking the user (an OS keyring to unlock): a check's requests end within the timeout
 * setting (at most 300 s) each, the Trae-shaped check sends two turns in a row, and reading the key waits as
 * long again, so 15 minutes is past any honest reply.
 */
export const REPLY_WITHIN_MS = { moment: 60_000, long: 15 * 60_000 } as const;

type ReplyWithin = keyof typeof REPLY_WITHIN_MS;

/** Webview -> host, every message by name: 'command', or the reply window of a request. */
export const MESSAGE_KINDS = {
  ready: 'moment',
  setDraft: 'command',
  goTo: 'moment',
  storeKey: 'long',
  storePendingKey: 'long',
  discardPendingKey: 'moment',
  recheck: 'long',
  runTest: 'long',
  runTraeCheck: 'long',
  testEveryModel: 'long',
  cancel: 'command',
  save: 'long',
  discardDraft: 'moment',
  checkLinkPool: 'moment',
  copy: 'long',
  markAdded: 'moment',
  setLanguage: 'command',
  dismissNotice: 'command',
  editorAction: 'long',
  explainTraeError: 'long',
  watchAgain: 'moment',
  sawTraeError: 'command',
  forgetConfirmation: 'moment',
  reportProblem: 'command',
} as const satisfies Record<string, ReplyWithin | 'command'>;

type Kinds = typeof MESSAGE_KINDS;
export type MessageName = keyof Kinds;
export type RequestName = { [M in MessageName]: Kinds[M] extends 'command' ? never : M }[MessageName];
export type CommandName = Exclude<MessageName, RequestName>;

export function isMessageName(value: unknown): value is MessageName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MESSAGE_KINDS, value);
}

export function isRequest(name: MessageName): name is RequestName {
  return MESSAGE_KINDS[name] !== 'command';
}

export function isCommand(name: MessageName): name is CommandName {
  return MESSAGE_KINDS[name] === 'command';
}

/** How long the page waits for the reply to a request (REPLY_WITHIN_MS). */
export function replyWithinMs(name: RequestName): number {
  return REPLY_WITHIN_MS[MESSAGE_KINDS[name]];
}
