// The user's settings, read from the user level only: a workspace (a cloned repo) must never be able to
// point the key at another server, so workspace values are ignored even if a file sets them. Writes of
// the connection are one change: listeners hear one event after all three values are written.
import * as vscode from 'vscode';
import { LOCAL_DEFAULT_URL } from '../core/url/endpoint';
import { DEFAULT_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../core/check/healthSchedule';
import { holdsSecret } from '../core/secrets/poolKey';
import { moreModelsOf } from '../core/trae/modelSet';
import type { ProxySettings } from '../core/http/proxyRoute';
import type { GuideLanguage } from '../core/trae/traeGuide';
import { guideLanguageFor, traeFlavor, type TraeFlavor } from '../core/trae/traeIdentity';
import { Emitter } from '../services/events';
import type {
  ConnectionSettings,
  GuideLanguageSetting,
  PoolSettings,
  SettingsChange,
  SettingsPort,
} from '../services/ports';

export const SECTION = 'codexPooler';
export const DEFAULT_TIMEOUT_SECONDS = 30;
const CONNECTION_KEYS = ['baseUrl', 'fullUrl', 'model', 'moreModels'] as const;
const NETWORK_SETTINGS = [`${SECTION}.requestTimeoutSeconds`, 'http.proxy', 'http.noProxy', 'http.proxySupport'];

export class VscodeSettings implements SettingsPort, vscode.Disposable {
  readonly #changed = new Emitter<SettingsChange>();
  readonly onDidChange = this.#changed.event;
  readonly #subscription: vscode.Disposable;
  #writing = 0;
  #held: SettingsChange | undefined;
  /** The connection being written: a check that reads meanwhile sees all of it, never half of it. */
  #pending: ConnectionSettings | undefined;

  constructor() {
    this.#subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      const change = classify(event);
      if (!change.connection && !change.interval && !change.network && !change.language) return;
      if (this.#writing > 0) this.#held = merge(this.#held, change);
      else this.#changed.fire(change);
    });
  }

  read(): PoolSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    const rawUrl = userValue(config, 'baseUrl', LOCAL_DEFAULT_URL);
    const rawModel = userValue(config, 'model', '');
    const secretIn: ('baseUrl' | 'model')[] = [];
    if (holdsSecret(rawUrl)) secretIn.push('baseUrl');
    if (holdsSecret(rawModel)) secretIn.push('model');
    const pending = this.#pending;
    if (pending)
      return {
        ...this.#readRest(config),
        baseUrl: pending.baseUrl,
        fullUrl: pending.fullUrl,
        model: pending.model,
        moreModels: moreModelsOf(pending.model, pending.moreModels ?? userValue(config, 'moreModels', [])),
        secretIn: [],
      };
    const model = secretIn.includes('model') || typeof rawModel !== 'string' ? '' : rawModel.trim();
    return {
      baseUrl: secretIn.includes('baseUrl') ? '' : typeof rawUrl === 'string' ? rawUrl : '',
      fullUrl: userValue(config, 'fullUrl', false) === true,
      model,
      moreModels: moreModelsOf(model, userValue(config, 'moreModels', [])),
      ...this.#readRest(config),
      secretIn,
    };
  }

  async writeConnection(values: ConnectionSettings): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    this.#writing++;
    this.#pending = values;
    try {
      for (const key of CONNECTION_KEYS) {
        // moreModels absent: the setting stays as it is (an older caller knows one model only).
        if (key === 'moreModels' && values.moreModels === undefined) continue;
        // No further models: the setting is removed, so a one-model setup reads as it did before 0.2.
        const more = values.moreModels ?? [];
        const value = key === 'moreModels' ? (more.length > 0 ? [...more] : undefined) : values[key];
        await config.update(key, value, vscode.ConfigurationTarget.Global);
      }
    } finally {
      this.#writing--;
      if (this.#writing === 0) {
        this.#pending = undefined;
        const change = merge(this.#held, { connection: true, interval: false, network: false, language: false });
        this.#held = undefined;
        this.#changed.fire(change);
      }
    }
  }

  #readRest(
    config: vscode.WorkspaceConfiguration,
  ): Omit<PoolSettings, 'baseUrl' | 'fullUrl' | 'model' | 'moreModels' | 'secretIn'> {
    const language = userValue(config, 'guideLanguage', 'auto');
    return {
      intervalSeconds: clampInterval(userValue(config, 'healthCheck.intervalSeconds', DEFAULT_INTERVAL_SECONDS)),
      timeoutSeconds: clampNumber(
        userValue(config, 'requestTimeoutSeconds', DEFAULT_TIMEOUT_SECONDS),
        5,
        300,
        DEFAULT_TIMEOUT_SECONDS,
      ),
      guideLanguage: language === 'en' || language === 'zh-cn' ? language : 'auto',
    };
  }

  async writeGuideLanguage(language: GuideLanguage): Promise<void> {
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('guideLanguage', language, vscode.ConfigurationTarget.Global);
  }

  /** What the user typed into a setting, as is (only to move a pasted key into secret storage). */
  rawValue(name: 'baseUrl' | 'model'): unknown {
    return vscode.workspace.getConfiguration(SECTION).inspect(name)?.globalValue;
  }

  async clearSetting(name: 'baseUrl' | 'model'): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(name, undefined, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}

function classify(event: vscode.ConfigurationChangeEvent): SettingsChange {
  return {
    connection: CONNECTION_KEYS.some((k) => event.affectsConfiguration(`${SECTION}.${k}`)),
    interval: event.affectsConfiguration(`${SECTION}.healthCheck.intervalSeconds`),
    network: NETWORK_SETTINGS.some((k) => event.affectsConfiguration(k)),
    language: event.affectsConfiguration(`${SECTION}.guideLanguage`),
  };
}

function merge(a: SettingsChange | undefined, b: SettingsChange): SettingsChange {
  if (!a) return b;
  return {
    connection: a.connection || b.connection,
    interval: a.interval || b.interval,
    network: a.network || b.network,
    language: a.language || b.language,
  };
}

function userValue(config: vscode.WorkspaceConfiguration, key: string, fallback: unknown): unknown {
  const inspected = config.inspect(key);
  if (!inspected) return fallback;
  return inspected.globalValue !== undefined ? inspected.globalValue : (inspected.defaultValue ?? fallback);
}

export function clampInterval(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_INTERVAL_SECONDS;
  if (value <= 0) return 0;
  return Math.round(Math.min(Math.max(value, MIN_INTERVAL_SECONDS), MAX_INTERVAL_SECONDS));
}

function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(value, min), max);
}

/** auto: Trae CN (by its uri scheme or name), or an editor shown in Chinese, gets the Trae CN labels. */
export function resolveGuideLanguage(setting: GuideLanguageSetting): GuideLanguage {
  return guideLanguageFor(setting, editorFlavor(), vscode.env.language);
}

/** Trae, Trae CN or another VS Code-based editor. */
export function editorFlavor(): TraeFlavor {
  return traeFlavor({ uriScheme: vscode.env.uriScheme, appName: vscode.env.appName });
}

/** The editor's proxy settings and the environment, kept apart: the core applies the proxy agent's order. */
export function proxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy');
  const noProxySetting = http.get<unknown>('noProxy');
  const noProxy = Array.isArray(noProxySetting) ? noProxySetting.filter((e): e is string => typeof e === 'string') : [];
  const support = http.get<string>('proxySupport');
  // A system (OS or PAC) proxy reaches only a desktop editor's local extension host, or a remote one that
  // is told to use the local proxy configuration.
  const systemProxy =
    vscode.env.uiKind !== vscode.UIKind.Web &&
    (vscode.env.remoteName === undefined || http.get<boolean>('useLocalProxyConfiguration') === true);
  return { ...(proxy ? { proxy } : {}), noProxy, ...(support ? { support } : {}), env: process.env, systemProxy };
}
