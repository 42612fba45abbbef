// Check reports and model lists for the wizard's plain-Node tests (no network).
import { createHash } from 'node:crypto';
import type { CheckReport } from '../../src/core/check/checkReport';
import { diagnosis } from '../../src/core/check/diagnosis';
import { analyzeEndpoint } from '../../src/core/url/endpoint';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import type { Draft } from '../../src/wizard/state/stateTypes';

export const KEY = 'sk-cxp-0123456789ab-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
export const OTHER_KEY = 'sk-cxp-abcdef012345-ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210_-zyxwv';
/** How a key is named wherever it is shown: its id part and the SHA-256 fingerprint (computed here with node:crypto). */
export function maskedAs(key: string): string {
  return `${key.slice(0, 20)}… SHA256:${createHash('sha256').update(key).digest('hex').slice(0, 6)}`;
}
export const POOL_A = 'https://pool-a.example.com/v1';
export const POOL_B = 'https://pool-b.example.com/v1';
export const MODELS: ModelInfo[] = [
  { id: 'gpt-5.6-terra', displayName: 'GPT-5.6 Terra', supportsImages: true, contextLength: 258400 },
  { id: 'gpt-5.5', displayName: 'GPT-5.5', supportsImages: true, contextLength: 258400 },
  { id: 'gpt-5.4-mini', displayName: 'GPT-5.4 Mini', supportsImages: false, contextLength: 121600 },
];

export function report(
  target: Draft,
  options: {
    mode?: 'background' | 'full';
    models?: readonly ModelInfo[];
    verdict?: 'ok' | 'error';
    codes?: string[];
  } = {},
): CheckReport {
  const analysis = analyzeEndpoint(target.url, target.fullUrl);
  const models = options.models === undefined ? MODELS : options.models;
  const verdict = options.verdict ?? 'ok';
  return {
    mode: options.mode ?? 'background',
    startedAt: new Date(0).toISOString(),
    durationMs: 12,
    verdict,
    configured: true,
    target: {
      baseUrl: analysis.input,
      fullUrl: analysis.fullUrl,
      model: target.modelId,
      ...(analysis.endpoint ? { endpoint: analysis.endpoint } : {}),
    },
    steps: [],
    diagnoses:
      verdict === 'error' ? (options.codes ?? ['api_key_missing']).map((c) => diagnosis(c as never, 'models', c)) : [],
    facts:
      verdict === 'error' && options.models === undefined
        ? {}
        : {
            models,
            ...(options.mode === 'full' ? { answer: 'trae ok', servedModel: target.modelId } : {}),
            latencyMs: 9,
          },
  };
}
