// The URL and model fields recognise a Pool key (or a token, or a "Bearer …" line) pasted into them:
// the value never stays in the field, never goes into the draft, and is never shown; the user is told
// what it is and may store it as the key with one click.
import { detectPastedSecret } from '../../core/poolKey';
import type { AppContext } from '../app';
import { h, replaceChildren } from '../dom';
import { tr } from '../strings';
import { announce } from '../ui';

export class SecretGuard {
  readonly element = h('div', { className: 'secret-guard', role: 'alert', hidden: true });
  #held: string | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly field: 'url' | 'model',
  ) {}

  /** Watches an input; returns true when the value was a secret and was taken out of the field. */
  guard(input: HTMLInputElement, restore: () => string): void {
    input.addEventListener('paste', (event) => {
      const text = event.clipboardData?.getData('text') ?? '';
      if (!detectPastedSecret(text)) return;
      event.preventDefault();
      this.#hold(text);
    });
    input.addEventListener(
      'input',
      (event) => {
        if (!detectPastedSecret(input.value)) return;
        event.stopImmediatePropagation();
        this.#hold(input.value);
        input.value = restore();
      },
      { capture: true },
    );
  }

  #hold(secret: string): void {
    this.#held = secret;
    const store = h('button', { type: 'button', className: 'primary', id: `store-pasted-${this.field}` }, tr('ui.wizard.pasted.store'));
    const discard = h('button', { type: 'button', className: 'secondary' }, tr('ui.wizard.pasted.discard'));
    const text = h('p', {}, tr(this.field === 'url' ? 'ui.wizard.pasted.inUrl' : 'ui.wizard.pasted.inModel'));
    store.addEventListener('click', async () => {
      const value = this.#held;
      if (value === undefined) return;
      store.disabled = true;
      try {
        await this.ctx.rpc.request('storeKey', { key: value });
        this.#clear();
        announce(tr('ui.wizard.pasted.stored'));
      } catch (error) {
        store.disabled = false;
        this.ctx.showFailure(error);
      }
    });
    discard.addEventListener('click', () => this.#clear());
    replaceChildren(this.element, text, h('div', { className: 'actions' }, store, discard));
    this.element.hidden = false;
    store.focus();
  }

  #clear(): void {
    this.#held = undefined;
    this.element.hidden = true;
    replaceChildren(this.element);
  }
}
