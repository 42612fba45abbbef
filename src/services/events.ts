// A tiny event emitter with the shape of vscode.Event, so the services below need no `vscode` import
// and plain-Node tests can drive them; the editor layer subscribes to these events unchanged.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  readonly #listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.#listeners.add(listener);
    return { dispose: () => void this.#listeners.delete(listener) };
  };

  /** Calls every listener; one that throws does not stop the others (its error is reported). */
  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('Codex Pooler: an event listener failed', error);
      }
    }
  }

  dispose(): void {
    this.#listeners.clear();
  }
}

/** Disposes everything it holds, in reverse order, once. */
export class DisposableStore implements Disposable {
  #items: Disposable[] = [];

  add<T extends Disposable>(item: T): T {
    this.#items.push(item);
    return item;
  }

  dispose(): void {
    const items = this.#items.reverse();
    this.#items = [];
    for (const item of items) item.dispose();
  }
}
