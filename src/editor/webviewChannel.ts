// The host's end of a webview's message channel, the same for any page: it receives a message, has the
// protocol check it and bind it to its handler, runs it, replies to a request (its result, or the reason
// it was refused), says a refused command as a `problem`, and posts what the host sends, each message
// redacted and checked against the protocol on its way out. A malformed message is logged and answered,
// never acted on; nothing is posted once the webview is gone.
import * as vscode from 'vscode';
import type { Redactor } from '../services/redactor';
import type { Log } from './log';

/** A message from the page, checked and bound to its handler by the protocol (see src/wizard/protocol/protocol.ts). */
export type ChannelDispatch =
  | { readonly kind: 'request'; readonly id: number; readonly name: string; readonly run: () => Promise<unknown> }
  | { readonly kind: 'command'; readonly name: string; readonly run: () => Promise<void> }
  | { readonly kind: 'malformed'; readonly id?: number; readonly detail: string };

/** Anything the host posts: a view of the page's own protocol, or a reply or problem of the channel's. */
export type ChannelMessage = { readonly kind: string; readonly [field: string]: unknown };

/** The reason a page is shown: a cause and a fix in the user's language. */
export interface ChannelReason {
  readonly severity: 'error';
  readonly cause: string;
  readonly fix: string;
}

export interface ChannelOptions {
  readonly webview: vscode.Webview;
  readonly redactor: Redactor;
  readonly log: Log;
  /** How the log names this page ("Setup wizard"). */
  readonly name: string;
  readonly dispatch: (raw: unknown) => ChannelDispatch;
  /** Checks a message on its way out; the path of what did not fit, or undefined when it fits. */
  readonly misfit: (message: unknown) => string | undefined;
  /** A refusal the page shows as is (`expected`), or the generic problem for anything else. */
  readonly reasonOf: (error: unknown) => { readonly reason: ChannelReason; readonly expected: boolean };
  /** What the page shows when a message did not fit the protocol. */
  readonly protocolProblem: () => ChannelReason;
}

export class WebviewChannel implements vscode.Disposable {
  readonly #subscription: vscode.Disposable;
  #disposed = false;

  constructor(private readonly options: ChannelOptions) {
    this.#subscription = options.webview.onDidReceiveMessage((raw: unknown) => void this.#receive(raw));
  }

  /** Posts what passes the protocol (after redaction); returns whether it did. */
  post(message: ChannelMessage): boolean {
    if (this.#disposed) return false;
    const { redactor, log, misfit, webview, name } = this.options;
    const safe = redactor.redactDeep(message);
    const where = misfit(safe);
    if (where !== undefined) {
      // A bug on this side: logged, and the page is told that something went wrong.
      log.error(`${name}: refused to post an invalid ${message.kind} message (${where}).`);
      const id = message['id'];
      if (message.kind === 'response' && typeof id === 'number') this.#refuse(id, this.options.protocolProblem());
      else if (message.kind !== 'problem') this.post({ kind: 'problem', reason: this.options.protocolProblem() });
      return false;
    }
    Promise.resolve(webview.postMessage(safe)).then(undefined, () => undefined);
    return true;
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription.dispose();
  }

  async #receive(raw: unknown): Promise<void> {
    const { log, name } = this.options;
    const message = this.options.dispatch(raw);
    if (message.kind === 'malformed') {
      log.error(
        `${name}: a message from the webview did not fit the protocol (${message.detail}); it was not acted on.`,
      );
      if (message.id !== undefined) this.#refuse(message.id, this.options.protocolProblem());
      else this.post({ kind: 'problem', reason: this.options.protocolProblem() });
      return;
    }
    try {
      const result = await message.run();
      if (message.kind === 'request') this.post({ kind: 'response', id: message.id, ok: true, result: result ?? {} });
    } catch (error) {
      const { reason, expected } = this.options.reasonOf(error);
      if (!expected)
        log.error(`${name}: ${message.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (message.kind === 'request') this.#refuse(message.id, reason);
      else this.post({ kind: 'problem', reason });
    }
  }

  #refuse(id: number, reason: ChannelReason): void {
    this.post({ kind: 'response', id, ok: false, reason });
  }
}
