// The webview's end of the protocol (src/wizard/protocol/): requests that resolve with their result (or
// reject with the host's reason, or with "no reply" once their deadline passes), commands that want no
// reply, and the host's view, model list and problem messages. The host checked each message against the
// schemas before posting it; what does not fit the envelope (hostMessage.ts), or breaks the page while it
// is drawn, is reported to the host (which logs it) and shown, never dropped silently. A reply that comes
// after its deadline is dropped without a word (the user was already told).
import { LIMITS } from '../wizard/protocol/limits';
import { replyWithinMs, type CommandName, type RequestName } from '../wizard/protocol/messageKinds';
import type { Outgoing, Params, Result } from '../wizard/protocol/protocol';
import type { ModelListView, ProblemView, WizardView } from '../wizard/protocol/protocolViews';
import { readHostMessage, resultFits } from './hostMessage';
import { tr } from './strings';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

/** What the page talks to the host through: the editor's webview API and the page's timers (fakes in tests). */
export interface RpcPort {
  post(message: unknown): void;
  listen(receive: (message: unknown) => void): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

function pagePort(): RpcPort {
  const vscode = acquireVsCodeApi();
  return {
    post: (message) => vscode.postMessage(message),
    listen: (receive) => window.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data)),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => {
      if (typeof handle === 'number') window.clearTimeout(handle);
    },
  };
}

export class RequestFailed extends Error {
  constructor(readonly reason: ProblemView) {
    super(reason.cause);
  }
}

export interface RpcHandlers {
  view(view: WizardView): void;
  models(list: ModelListView): void;
  /** Something from the host could not be read, or the host refused a command / said something went wrong. */
  problem(reason?: ProblemView): void;
}

interface Pending {
  readonly name: RequestName;
  readonly deadline: unknown;
  /** Resolves with the result when it fits the request's, else rejects and says so. */
  settle(result: unknown): void;
  reject(error: unknown): void;
}

export class Rpc {
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(
    private readonly handlers: RpcHandlers,
    private readonly port: RpcPort = pagePort(),
  ) {
    port.listen((message) => this.#receive(message));
  }

  /** A request: resolves with its result, rejects with the host's reason or, past its deadline, "no reply". */
  request<M extends RequestName>(name: M, params: Params<M>): Promise<Result<M>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const ms = replyWithinMs(name);
      const deadline = this.port.setTimeout(() => this.#noReply(id, ms), ms);
      const settle = (result: unknown) => {
        if (resultFits(name, result)) return resolve(result);
        reject(new Error('invalid result'));
        this.#problem(`the result of ${name} did not fit the protocol`);
      };
      this.#pending.set(id, { name, deadline, settle, reject });
      this.port.post({ kind: 'request', id, method: name, params });
    });
  }

  /** A command: no reply; if the host refuses it, a problem message says why. */
  send<M extends CommandName>(name: M, params: Params<M>): void {
    this.port.post({ kind: 'command', method: name, params });
  }

  /** What happened (no answer, so maybe not done) and what to do; the host logs it, in case it is listening. */
  #noReply(id: number, ms: number): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    const seconds = Math.round(ms / 1000);
    const cause = tr('ui.wizard.noReply.cause', { seconds });
    pending.reject(new RequestFailed({ severity: 'error', cause, fix: tr('ui.wizard.noReply.fix') }));
    this.send('reportProblem', { detail: `no reply to ${pending.name} within ${seconds} s` });
  }

  #receive(raw: unknown): void {
    const message = readHostMessage(raw);
    if ('misfit' in message) return this.#problem(`a message did not fit the protocol: ${message.misfit}`);
    try {
      this.#deliver(message);
    } catch (error) {
      // The host checked the whole message; a page that still cannot draw it says so rather than half-drawn.
      this.#problem(`a ${message.kind} message could not be shown: ${String(error)}`);
    }
  }

  #deliver(message: Outgoing): void {
    if (message.kind === 'view') return this.handlers.view(message.view);
    if (message.kind === 'models') return this.handlers.models(message.list);
    if (message.kind === 'problem') return this.handlers.problem(message.reason);
    const pending = this.#pending.get(message.id);
    // Past its deadline (already said), or never asked: dropped.
    if (!pending) return;
    this.#pending.delete(message.id);
    this.port.clearTimeout(pending.deadline);
    if (!message.ok) return pending.reject(new RequestFailed(message.reason));
    pending.settle(message.result);
  }

  #problem(detail: string): void {
    console.warn(`Codex Pooler wizard: ${detail}`);
    this.handlers.problem();
    this.send('reportProblem', { detail: detail.slice(0, LIMITS.detail) });
  }
}
