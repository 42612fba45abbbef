// The Pool API key lives in SecretStorage and nowhere else. Storing goes through the key rules, so a
// wrong paste never replaces a good key. SecretStorage itself can fail (on Linux without a keyring):
// every failure becomes a KeyStoreError that says which operation failed, never a silent "no key". Every read
// has a deadline, and every write waits for the one before it (two replacements at once cannot race).
import { createHash } from 'node:crypto';
import { analyzeKey, type KeyAnalysis } from '../core/secrets/poolKey';
import { maskKey } from '../core/secrets/keyShape';
import { Emitter, type Disposable, type Event } from './events';
import type { SecretStoragePort } from './ports';
import type { Redactor } from './redactor';

export const SECRET_ID = 'codexPooler.poolApiKey';

export type KeyOperation = 'read' | 'store' | 'delete';

export class KeyStoreError extends Error {
  constructor(
    readonly operation: KeyOperation,
    readonly detail: string,
  ) {
    super(`the editor's secret storage failed to ${operation} the key: ${detail}`);
    this.name = 'KeyStoreError';
  }
}

export type KeyState =
  | { readonly kind: 'none' }
  | { readonly kind: 'stored'; readonly masked: string; readonly fingerprint: string; readonly isPoolKey: boolean }
  | { readonly kind: 'unavailable'; readonly error: KeyStoreError };

/** What a conditional write did: stored, found another key stored meanwhile, or was cancelled before writing. */
export type WriteOutcome = 'stored' | 'changed' | 'cancelled';

/** How long a read waits for the secret storage when nothing else is said (the request timeout's default). */
export const DEFAULT_READ_DEADLINE_MS = 30_000;

export class PoolKeyStore implements Disposable {
  readonly #changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscription: Disposable;
  /** Every write of the key, one after the other: the next starts once the one before has ended. */
  #writes: Promise<unknown> = Promise.resolve();

  /**
   * `readDeadlineMs`: how long a read may wait for the secret storage. Every read of the key has this deadline
   * (a keyring prompt left open must not hold a check, a copy or a command forever).
   */
  constructor(
    private readonly secrets: SecretStoragePort,
    private readonly redactor: Redactor,
    private readonly readDeadlineMs: () => number = () => DEFAULT_READ_DEADLINE_MS,
  ) {
    this.#subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) this.#changed.fire();
    });
  }

  /** The stored key, undefined when none; throws KeyStoreError when the storage fails or does not answer in time. */
  async get(): Promise<string | undefined> {
    const ms = this.readDeadlineMs();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new KeyStoreError('read', `no answer within ${Math.round(ms / 1000)} s`)), ms);
    });
    let value: string | undefined;
    try {
      value = await Promise.race([this.secrets.get(SECRET_ID), deadline]);
    } catch (error) {
      throw error instanceof KeyStoreError ? error : new KeyStoreError('read', describe(error));
    } finally {
      clearTimeout(timer);
    }
    if (value === '' || value === undefined) return undefined;
    this.redactor.remember(value);
    return value;
  }

  /** What is stored, as something safe to show: never throws. */
  async state(): Promise<KeyState> {
    try {
      const key = await this.get();
      if (key === undefined) return { kind: 'none' };
      return { kind: 'stored', masked: maskKey(key), fingerprint: fingerprintOf(key), isPoolKey: analyzeKey(key).ok };
    } catch (error) {
      return { kind: 'unavailable', error: error as KeyStoreError };
    }
  }

  /** Stores the key if the rules accept it; otherwise leaves the stored key as it was. */
  async store(candidate: unknown): Promise<KeyAnalysis> {
    const analysis = analyzeKey(candidate);
    const key = analysis.key;
    if (!analysis.ok || !key) return analysis;
    this.redactor.remember(key);
    await this.#exclusive(() => this.#write(key));
    return analysis;
  }

  /**
   * Stores `key` only if the stored key is still `expected`, read again just before the write, with no other
   * write in between. A cancel before the write stores nothing and answers at once; a write under way ends.
   */
  replaceIf(expected: string | undefined, key: string, signal?: AbortSignal): Promise<WriteOutcome> {
    if (signal?.aborted) return Promise.resolve('cancelled');
    let writing = false;
    const work = this.#exclusive(async (): Promise<WriteOutcome> => {
      if (signal?.aborted) return 'cancelled';
      if ((await this.get()) !== expected) return 'changed';
      if (signal?.aborted) return 'cancelled';
      writing = true;
      await this.#write(key);
      return 'stored';
    });
    if (!signal) return work;
    return new Promise<WriteOutcome>((resolve, reject) => {
      const cancelled = () => {
        if (!writing) resolve('cancelled');
      };
      signal.addEventListener('abort', cancelled, { once: true });
      void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancelled));
    });
  }

  async clear(): Promise<void> {
    await this.#exclusive(async () => {
      try {
        await this.secrets.delete(SECRET_ID);
      } catch (error) {
        throw new KeyStoreError('delete', describe(error));
      }
    });
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }

  async #write(key: string): Promise<void> {
    this.redactor.remember(key);
    try {
      await this.secrets.store(SECRET_ID, key);
    } catch (error) {
      throw new KeyStoreError('store', describe(error));
    }
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.catch(() => undefined);
    return run;
  }
}

/** A one-way hash that tells two keys apart without keeping either. */
export function fingerprintOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 300);
}
