// An in-memory vscode.Memento (MementoPort, globalState): values go through JSON like the real one's,
// and update() can be made to reject, leaving what was stored as it was.
import type { MementoPort } from '../../../src/services/ports';

export class FakeMemento implements MementoPort {
  readonly values = new Map<string, unknown>();
  /** While set, every update() rejects with this error and stores nothing. */
  updateError: Error | undefined;
  /** Updates that were refused, by key. */
  readonly refused: string[] = [];
  /** Runs inside the next update(), before the value is stored (something that happens meanwhile). */
  duringNextUpdate: (() => Promise<void>) | undefined;

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async update(key: string, value: unknown): Promise<void> {
    const during = this.duringNextUpdate;
    this.duringNextUpdate = undefined;
    await during?.();
    if (this.updateError) {
      this.refused.push(key);
      throw this.updateError;
    }
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}
