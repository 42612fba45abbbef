// An in-memory vscode.SecretStorage (SecretStoragePort): a Map that fires onDidChange, and can fail
// like the real one does without an OS keyring, or hold an operation like a keyring prompt left open.
import { Emitter } from '../../../src/services/events';
import type { SecretStoragePort } from '../../../src/services/ports';

type Operation = 'get' | 'store' | 'delete';

/** What VS Code's SecretStorage throws on Linux when no keyring can be found. */
export const NO_KEYRING =
  "An OS keyring couldn't be identified for storing the encryption related data in your current desktop environment.";

export class FakeSecretStorage implements SecretStoragePort {
  readonly values = new Map<string, string>();
  readonly #changed = new Emitter<{ key: string }>();
  readonly onDidChange = this.#changed.event;
  /** Make an operation throw, like SecretStorage without an OS keyring. */
  failing: { get?: boolean; store?: boolean; delete?: boolean } = {};
  /** Make an operation never answer, like a keyring unlock prompt left open, until release(). */
  hanging: { get?: boolean; store?: boolean; delete?: boolean } = {};
  readonly #held: (() => void)[] = [];

  /** Operations waiting on the open prompt. */
  get held(): number {
    return this.#held.length;
  }

  /** The prompt is answered: every held operation goes on (and fails if `failing` says so). */
  release(): void {
    for (const resume of this.#held.splice(0)) resume();
  }

  async get(key: string): Promise<string | undefined> {
    await this.#gate('get');
    if (this.failing.get) throw new Error(NO_KEYRING);
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    await this.#gate('store');
    if (this.failing.store) throw new Error('keyring locked');
    this.values.set(key, value);
    this.#changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    await this.#gate('delete');
    if (this.failing.delete) throw new Error('keyring locked');
    this.values.delete(key);
    this.#changed.fire({ key });
  }

  async #gate(operation: Operation): Promise<void> {
    if (this.hanging[operation]) await new Promise<void>((resume) => this.#held.push(resume));
  }
}
