// The user's settings, read from the user level only: a workspace (a cloned repo) must never be able
// to point the key at another server, so workspace values are ignored even if a file sets them.
import * as vscode from 'vscode';
import { DEFAULT_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../core/healthSchedule';
import { LOCAL_DEFAULT_URL } from '../core/endpoint';
import type { ProxySettings } from '../core/proxyRoute';
import type { GuideLanguage } from '../core/traeGuide';

export const SECTION = 'codexPooler';
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MIN_TIMEOUT_SECONDS = 5;
export const MAX_TIMEOUT_SECONDS = 300;

export type GuideLanguageSetting = 'auto' | GuideLanguage;

export interface PoolSettings {
  /** As typed; validated by the core's endpoint rules, never trusted here. */
  readonly baseUrl: unknown;
  readonly fullUrl: unknown;
  readonly model: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly guideLanguage: GuideLanguageSetting;
}

function userValue(config: vscode.WorkspaceConfiguration, key: string, fallback: unknown): unknown {
  const inspected = config.inspect(key);
  if (!inspected) return fallback;
  return inspected.globalValue !== undefined ? inspected.globalValue : (inspected.defaultValue ?? fallback);
}

export function readSettings(): PoolSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const model = userValue(config, 'model', '');
  const language = userValue(config, 'guideLanguage', 'auto');
  return {
    baseUrl: userValue(config, 'baseUrl', LOCAL_DEFAULT_URL),
    fullUrl: userValue(config, 'fullUrl', false),
    model: typeof model === 'string' ? model.trim() : '',
    intervalSeconds: clampInterval(userValue(config, 'healthCheck.intervalSeconds', DEFAULT_INTERVAL_SECONDS)),
    timeoutSeconds: clampNumber(userValue(config, 'requestTimeoutSeconds', DEFAULT_TIMEOUT_SECONDS), MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS),
    guideLanguage: language === 'en' || language === 'zh-cn' ? language : 'auto',
  };
}

/** Saves the connection at the user level (the only level these settings have). */
export async function writeConnection(values: { baseUrl?: string; fullUrl?: boolean; model?: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** Settings whose change calls for a new check (the guide language does not). */
const CHECKED_SETTINGS = [
  ...['baseUrl', 'fullUrl', 'model', 'healthCheck.intervalSeconds', 'requestTimeoutSeconds'].map((k) => `${SECTION}.${k}`),
  'http.proxy',
  'http.noProxy',
  'http.proxySupport',
];

export function affectsPoolSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return CHECKED_SETTINGS.some((key) => event.affectsConfiguration(key));
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

/** auto: Trae CN, or an editor shown in Chinese, gets the Trae CN labels. */
export function resolveGuideLanguage(setting: GuideLanguageSetting): GuideLanguage {
  if (setting !== 'auto') return setting;
  const app = vscode.env.appName.toLowerCase();
  if (/\bcn\b|中国|国内/.test(app) || vscode.env.language.toLowerCase().startsWith('zh')) return 'zh-cn';
  return 'en';
}

/** The editor's proxy settings and the environment, kept apart: the core applies the proxy agent's order. */
export function proxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy');
  const noProxySetting = http.get<unknown>('noProxy');
  const noProxy = Array.isArray(noProxySetting) ? noProxySetting.filter((e): e is string => typeof e === 'string') : [];
  const support = http.get<string>('proxySupport');
  return { ...(proxy ? { proxy } : {}), noProxy, ...(support ? { support } : {}), env: process.env };
}
