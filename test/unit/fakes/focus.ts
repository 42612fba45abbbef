// Whether the editor window has focus (FocusPort): set() moves it and fires onDidChange.
import { Emitter } from '../../../src/services/events';
import type { FocusPort } from '../../../src/services/ports';

export class FakeFocus implements FocusPort {
  readonly #changed = new Emitter<boolean>();
  readonly onDidChange = this.#changed.event;

  constructor(public focused = true) {}

  set(focused: boolean): void {
    this.focused = focused;
    this.#changed.fire(focused);
  }
}
