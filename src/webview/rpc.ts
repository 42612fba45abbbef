// The webview's end of the protocol (src/wizard/protocol.ts): requests that resolve with their checked
// result (or reject with the host's reason), commands that want no reply, and the host's view, model
// list and problem messages. Anything that does not fit the schema is reported to the host (which logs
// it) and shown, never dropped silently.
import {
  OutgoingSchema,
  parseResult,
  type CommandName,
  type Params,
  type RequestName,
  type Result,
} from '../wizard/protocol';
import type { ModelListView, ProblemView, WizardView } from '../wizard/protocolViews';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

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

export class Rpc {
  readonly #vscode = acquireVsCodeApi();
  readonly #pending = new Map<
    number,
    { name: RequestName; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  #nextId = 1;

  constructor(private readonly handlers: RpcHandlers) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.#receive(event.data));
  }

  /** A request: resolves with its result, rejects with the host's reason. */
  request<M extends RequestName>(name: M, params: Params<M>): Promise<Result<M>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject });
      this.#vscode.postMessage({ kind: 'request', id, method: name, params });
    });
  }

  /** A command: no reply; if the host refuses it, a problem message says why. */
  send<M extends CommandName>(name: M, params: Params<M>): void {
    this.#vscode.postMessage({ kind: 'command', method: name, params });
  }

  #receive(raw: unknown): void {
    const parsed = OutgoingSchema.safeParse(raw);
    if (!parsed.success)
      return this.#problem(`a message did not fit the protocol: ${parsed.error.issues[0]?.path.join('.') ?? '?'}`);
    const message = parsed.data;
    if (message.kind === 'view') return this.handlers.view(message.view);
    if (message.kind === 'models') return this.handlers.models(message.list);
    if (message.kind === 'problem') return this.handlers.problem(message.reason);
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (!message.ok) return pending.reject(new RequestFailed(message.reason));
    const result = parseResult(pending.name, message.result);
    if (result === undefined) {
      pending.reject(new Error('invalid result'));
      return this.#problem(`the result of ${pending.name} did not fit the protocol`);
    }
    pending.resolve(result);
  }

  #problem(detail: string): void {
    console.warn(`Codex Pooler wizard: ${detail}`);
    this.handlers.problem();
    this.send('reportProblem', { detail: detail.slice(0, 500) });
  }
}
