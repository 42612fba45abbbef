// What the services need from the editor, as small interfaces: the editor layer passes VS Code's own
// objects (SecretStorage, Memento) or thin adapters; tests pass in-memory fakes.
import type { GuideLanguage } from '../core/trae/traeGuide';
import type { Event } from './events';

/** vscode.SecretStorage fits this shape. */
export interface SecretStoragePort {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: Event<{ readonly key: string }>;
}

/** vscode.Memento (globalState) fits this shape. */
export interface MementoPort {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export type GuideLanguageSetting = 'auto' | GuideLanguage;

/** The connection as saved in the user's settings (validated later by the core's rules). */
export interface ConnectionSettings {
  readonly baseUrl: string;
  readonly fullUrl: boolean;
  /** The main model: the one Check Connection and the test chat use. */
  readonly model: string;
  /** More models in Trae (one Add Model entry each); absent: none said (a write leaves the setting as it is). */
  readonly moreModels?: readonly string[];
}

export interface PoolSettings extends ConnectionSettings {
  /** As read: trimmed, each model once (the main model not again), at most 19. */
  readonly moreModels: readonly string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly guideLanguage: GuideLanguageSetting;
  /** Settings that held a secret (a Pool key pasted into the URL or model): read as empty, never used. */
  readonly secretIn: readonly ('baseUrl' | 'model')[];
}

export interface SettingsChange {
  /** baseUrl, fullUrl, model or moreModels. */
  readonly connection: boolean;
  readonly interval: boolean;
  /** The request timeout or the editor's proxy settings. */
  readonly network: boolean;
  readonly language: boolean;
}

export interface SettingsPort {
  read(): PoolSettings;
  /** Writes the connection as ONE change: listeners hear one event, after every value is written. */
  writeConnection(values: ConnectionSettings): Promise<void>;
  writeGuideLanguage(language: GuideLanguage): Promise<void>;
  /** Clears a setting that held a secret. */
  clearSetting(name: 'baseUrl' | 'model'): Promise<void>;
  readonly onDidChange: Event<SettingsChange>;
}

export interface LogPort {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

/** Whether the editor window has focus (background checks pause without it). */
export interface FocusPort {
  readonly focused: boolean;
  readonly onDidChange: Event<boolean>;
}
