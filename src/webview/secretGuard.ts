// The URL and model fields recognise a Pool key, a token or a "Bearer …" line in them, pasted or being
// typed: the field is masked at once, nothing of it goes into the draft (so nothing is stored or sent),
// and the user is told what it is, with one click to store it as the key or to discard it.
import { extractPoolKey, holdsSecret } from '../core/secrets/poolKey';
import type { AppContext } from './stepContract';
import { h, replaceChildren } from './dom';
import { tr } from './strings';
import { announce } from './ui';

/** How many earlier values are kept: a key is recognised within its first few characters. */
const HISTORY = 64;

export class SecretGuard {
  readonly element = h('div', { className: 'secret-guard', role: 'alert', hidden: true });
  #input: HTMLInputElement | undefined;
  /** The field's recent values that hold no secret, newest last (a key typed key by key began after one). */
  #history: string[] = [''];

  constructor(
    private readonly ctx: AppContext,
    private readonly field: 'url' | 'model',
  ) {}

  /** While true, the field's value must not be sent: it holds a secret. */
  get holding(): boolean {
    return this.#input !== undefined && holdsSecret(this.#input.value);
  }

  /** The value the field had before the secret went into it (set: the field's value from the host). */
  set lastGood(value: string) {
    this.#history = [value];
  }
  get lastGood(): string {
    const value = this.#input?.value ?? '';
    const newest = this.#history[this.#history.length - 1] ?? '';
    if (!this.holding) return newest;
    // "s", "sk": values typed on the way to the key are part of it, not the URL that was there before.
    for (let i = this.#history.length - 1; i >= 0; i--) {
      const good = this.#history[i]!;
      if (!value.startsWith(good) || holdsSecret(value.slice(good.length))) return good;
    }
    return this.#history[0] ?? '';
  }

  /** Watches an input: called on each input event before the step reads the value. */
  check(input: HTMLInputElement): boolean {
    this.#input = input;
    if (!holdsSecret(input.value)) {
      if (input.type === 'password') this.#release(input, input.value);
      if (this.#history[this.#history.length - 1] !== input.value) this.#history.push(input.value);
      this.#history = this.#history.slice(-HISTORY);
      return false;
    }
    if (input.type !== 'password') {
      input.type = 'password';
      this.#show();
    }
    return true;
  }

  #show(): void {
    const store = h(
      'button',
      { type: 'button', className: 'primary', id: `store-pasted-${this.field}` },
      tr('ui.wizard.pasted.store'),
    );
    const discard = h(
      'button',
      { type: 'button', className: 'secondary', id: `discard-pasted-${this.field}` },
      tr('ui.wizard.pasted.discard'),
    );
    const text = h('p', {}, tr(this.field === 'url' ? 'ui.wizard.pasted.inUrl' : 'ui.wizard.pasted.inModel'));
    const onClick = async (): Promise<void> => {
      const input = this.#input;
      if (!input) return;
      const value = input.value;
      // What is inside (a "Bearer …" line, a URL around it); otherwise the text, which the key rules then judge.
      const key = extractPoolKey(value) ?? value;
      store.disabled = true;
      this.#release(input, this.lastGood);
      try {
        await this.ctx.rpc.request('storeKey', { key });
        announce(tr('ui.wizard.pasted.stored'));
      } catch (error) {
        this.ctx.showFailure(error);
      }
    };
    store.addEventListener('click', () => void onClick());
    discard.addEventListener('click', () => this.#input && this.#release(this.#input, this.lastGood));
    replaceChildren(this.element, text, h('div', { className: 'actions' }, store, discard));
    this.element.hidden = false;
    announce(text.textContent ?? '');
  }

  /** The field back to plain text with a value that holds no secret; the page forgets the secret. */
  #release(input: HTMLInputElement, value: string): void {
    input.type = 'text';
    input.value = value;
    this.element.hidden = true;
    replaceChildren(this.element);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
  }
}
