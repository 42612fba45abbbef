// Small in-memory fakes of what the services need from the editor (the way VS Code's own
// github-authentication tests fake SecretStorage and Memento), and a deferred for ordering async work.
import { Emitter } from '../../src/services/events';
import type {
  ConnectionSettings,
  FocusPort,
  LogPort,
  MementoPort,
  PoolSettings,
  SecretStoragePort,
  SettingsChange,
  SettingsPort,
} from '../../src/services/ports';
import type { GuideLanguage } from '../../src/core/trae/traeGuide';

export class FakeSecretStorage implements SecretStoragePort {
  readonly values = new Map<string, string>();
  readonly #changed = new Emitter<{ key: string }>();
  readonly onDidChange = this.#changed.event;
  /** Make an operation throw, like SecretStorage without an OS keyring. */
  failing: { get?: boolean; store?: boolean; delete?: boolean } = {};

  async get(key: string): Promise<string | undefined> {
    if (this.failing.get)
      throw new Error(
        "An OS keyring couldn't be identified for storing the encryption related data in your current desktop environment.",
      );
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failing.store) throw new Error('keyring locked');
    this.values.set(key, value);
    this.#changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    if (this.failing.delete) throw new Error('keyring locked');
    this.values.delete(key);
    this.#changed.fire({ key });
  }
}

export class FakeMemento implements MementoPort {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

export class FakeSettings implements SettingsPort {
  readonly #changed = new Emitter<SettingsChange>();
  readonly onDidChange = this.#changed.event;
  values: PoolSettings;
  writes: ConnectionSettings[] = [];
  events: SettingsChange[] = [];

  constructor(values: Partial<PoolSettings> = {}) {
    this.values = {
      baseUrl: 'http://localhost:4000/v1',
      fullUrl: false,
      model: '',
      intervalSeconds: 300,
      timeoutSeconds: 5,
      guideLanguage: 'auto',
      secretIn: [],
      ...values,
    };
  }
  read(): PoolSettings {
    return this.values;
  }
  async writeConnection(values: ConnectionSettings): Promise<void> {
    this.writes.push(values);
    this.change({ ...values }, { connection: true });
  }
  async writeGuideLanguage(language: GuideLanguage): Promise<void> {
    this.change({ guideLanguage: language }, { language: true });
  }
  async clearSetting(name: 'baseUrl' | 'model'): Promise<void> {
    this.change({ [name]: '' }, { connection: true });
  }
  /** A change made here or elsewhere (Settings UI, settings.json). */
  change(values: Partial<PoolSettings>, what: Partial<SettingsChange> = { connection: true }): void {
    this.values = { ...this.values, ...values };
    const event = { connection: false, interval: false, network: false, language: false, ...what };
    this.events.push(event);
    this.#changed.fire(event);
  }
}

export class FakeLog implements LogPort {
  readonly lines: string[] = [];
  info(text: string): void {
    this.lines.push(`info ${text}`);
  }
  warn(text: string): void {
    this.lines.push(`warn ${text}`);
  }
  error(text: string): void {
    this.lines.push(`error ${text}`);
  }
}

export class FakeFocus implements FocusPort {
  readonly #changed = new Emitter<boolean>();
  readonly onDidChange = this.#changed.event;
  constructor(public focused = true) {}
  set(focused: boolean): void {
    this.focused = focused;
    this.#changed.fire(focused);
  }
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}
