// What the panel posts after a change: the view when it differs from the one posted last, and the pool's
// model list (which can be large) only when a new list arrived, each list numbered so a view names the list
// it goes with. A page that (re)loads gets everything again. No `vscode`.
import type { Outgoing } from '../protocol/protocol';
import type { WizardState } from '../state/state';
import { buildView, type ViewContext } from './view';
import { buildModelList } from './viewParts';

export class ViewPublisher {
  #lastView = '';
  #listSource: unknown;
  #listToken = 0;
  #sentListToken = -1;

  /** The page has nothing yet (it just loaded): the next publish sends everything. */
  reset(): void {
    this.#lastView = '';
    this.#sentListToken = -1;
  }

  /**
   * The messages to post for the state as it is now; `post` says whether one was posted (a message that
   * did not pass the protocol is not, and is tried again next time).
   */
  publish(state: WizardState, ctx: ViewContext, post: (message: Outgoing) => boolean): void {
    const source = state.checks.current('list');
    if (source !== this.#listSource) {
      this.#listSource = source;
      this.#listToken++;
    }
    if (this.#sentListToken !== this.#listToken) {
      if (post({ kind: 'models', list: buildModelList(state, this.#listToken, ctx.render) }))
        this.#sentListToken = this.#listToken;
    }
    const view = buildView(state, ctx, this.#listToken);
    const json = JSON.stringify(view);
    if (json === this.#lastView) return;
    if (post({ kind: 'view', view })) this.#lastView = json;
  }
}
