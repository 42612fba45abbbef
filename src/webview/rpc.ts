// The webview's end of the protocol: typed requests that resolve with their checked result (or reject
// with the host's reason), and the host's view and model-list messages. Anything that does not fit the
// schema is reported to the host (which logs it) and shown, never dropped silently.
import {
  parseResult,
  TO_WEBVIEW,
  type Method,
  type ModelListView,
  type Params,
  type ProblemView,
  type Result,
  type WizardView,
} from '../wizard/protocol';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

export class RequestFailed extends Error {
  constructor(readonly reason: ProblemView) {
    super(reason.cause);
  }
}

export interface RpcHandlers {
  view(view: WizardView): void;
  models(list: ModelListView): void;
  /** Something from the host could not be read, or the host said something went wrong. */
  problem(reason?: ProblemView): void;
  /** A request sent without waiting failed: say why. */
  failed(error: unknown): void;
}

export class Rpc {
  readonly #vscode = acquireVsCodeApi();
  readonly #pending = new Map<
    number,
    { method: Method; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  #nextId = 1;

  constructor(private readonly handlers: RpcHandlers) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.#receive(event.data));
  }

  request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.#vscode.postMessage({ kind: 'request', id, method, params });
    });
  }

  /** Without waiting for the result; a failure is still shown. */
  send<M extends Method>(method: M, params: Params<M>): void {
    this.request(method, params).catch((error) => this.handlers.failed(error));
  }

  #receive(raw: unknown): void {
    const parsed = TO_WEBVIEW.safeParse(raw);
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
    const result = parseResult(pending.method, message.result);
    if (result === undefined) {
      pending.reject(new Error('invalid result'));
      return this.#problem(`the result of ${pending.method} did not fit the protocol`);
    }
    pending.resolve(result);
  }

  #problem(detail: string): void {
    console.warn(`Codex Pooler wizard: ${detail}`);
    this.handlers.problem();
    this.#vscode.postMessage({
      kind: 'request',
      id: this.#nextId++,
      method: 'reportProblem',
      params: { detail: detail.slice(0, 500) },
    });
  }
}
