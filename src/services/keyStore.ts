// The Pool API key lives in SecretStorage and nowhere else. Storing goes through the key rules, so a
// wrong paste never replaces a good key. SecretStorage itself can fail (on Linux without a keyring):
// every failure becomes a KeyStoreError that says which operation failed, never a silent "no key".
import { createHash } from 'node:crypto';
import { analyzeKey, maskKey, type KeyAnalysis } from '../core/secrets/poolKey';
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

/** The stored key, or a KeyStoreError when the secret storage does not answer within `ms` (a keyring prompt left open). */
export function readKeyWithin(keys: Pick<PoolKeyStore, 'get'>, ms: number): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new KeyStoreError('read', `no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([keys.get(), deadline]).finally(() => clearTimeout(timer));
}

export type KeyState =
  | { readonly kind: 'none' }
  | { readonly kind: 'stored'; readonly masked: string; readonly fingerprint: string; readonly isPoolKey: boolean }
  | { readonly kind: 'unavailable'; readonly error: KeyStoreError };

export class PoolKeyStore implements Disposable {
  readonly #changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscription: Disposable;

  constructor(
    private readonly secrets: SecretStoragePort,
    private readonly redactor: Redactor,
  ) {
    this.#subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) this.#changed.fire();
    });
  }

  /** The stored key, undefined when none; throws KeyStoreError when the storage fails. */
  async get(): Promise<string | undefined> {
    let value: string | undefined;
    try {
      value = await this.secrets.get(SECRET_ID);
    } catch (error) {
      throw new KeyStoreError('read', describe(error));
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
    if (!analysis.ok || !analysis.key) return analysis;
    this.redactor.remember(analysis.key);
    try {
      await this.secrets.store(SECRET_ID, analysis.key);
    } catch (error) {
      throw new KeyStoreError('store', describe(error));
    }
    return analysis;
  }

  async clear(): Promise<void> {
    try {
      await this.secrets.delete(SECRET_ID);
    } catch (error) {
      throw new KeyStoreError('delete', describe(error));
    }
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
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
