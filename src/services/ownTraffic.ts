// The extension's own chats (Check Connection, the wizard's test, the Trae-shaped check): they reach the
// pool with the same key, so the pool's usage counter moves for them too. Whoever watches that counter
// for Trae's chat (traeWatch.ts) takes a new baseline once the extension's own chat has ended and settled.
import { Emitter, type Disposable, type Event } from './events';

export class OwnTraffic implements Disposable {
  readonly #changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.#changed.event;
  #running = 0;
  #lastEndedAt: number | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** A chat of the extension's own is under way. */
  get busy(): boolean {
    return this.#running > 0;
  }

  /** When the last one ended (clock time), if one did. */
  get lastEndedAt(): number | undefined {
    return this.#lastEndedAt;
  }

  /** Marks one chat of the extension's own; call the returned function when it has ended. */
  begin(): () => void {
    this.#running++;
    this.#changed.fire();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#running--;
      this.#lastEndedAt = this.now();
      this.#changed.fire();
    };
  }

  /** Runs `work` as a chat of the extension's own. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work();
    } finally {
      end();
    }
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
