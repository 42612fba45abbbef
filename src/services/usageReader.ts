// One free reading of the pool's usage (GET /v1/usage) for the saved setup and the stored key, for the
// watch over Trae's request (traeWatch.ts). Never published and not logged: it runs every few seconds
// while something watches. Built on first use (src/interactive.ts), not at activation. No `vscode`.
import { diagnoseFailure } from '../core/check/failureDiagnosis';
import { PoolClient } from '../core/pool/poolClient';
import { analyzeKey } from '../core/secrets/poolKey';
import { msg } from '../core/text/messages';
import { analyzeEndpoint } from '../core/url/endpoint';
import type { Transport } from '../core/http/transport';
import { fingerprintOf, KeyStoreError, type PoolKeyStore } from './keyStore';
import type { SettingsPort } from './ports';
import type { UsageRead } from './traeWatch';

export interface UsageReaderDeps {
  readonly settings: SettingsPort;
  readonly keys: Pick<PoolKeyStore, 'get'>;
  readonly transport: Transport;
  readonly userAgent: string;
}

export function usageReader(deps: UsageReaderDeps): (signal?: AbortSignal) => Promise<UsageRead> {
  return async (signal) => {
    const settings = deps.settings.read();
    let key: string | undefined;
    try {
      key = await deps.keys.get();
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      return { ok: false, problem: msg('diag.keyStoreUnavailable.cause', { detail: error.detail }) };
    }
    const endpoint = analyzeEndpoint(settings.baseUrl, settings.fullUrl).endpoint;
    if (!endpoint) return { ok: false, problem: msg('ui.wizard.refused.url') };
    if (key === undefined || !analyzeKey(key).ok) return { ok: false, problem: msg('diag.keyMissing.cause') };
    const client = new PoolClient({
      transport: deps.transport,
      timeoutMs: settings.timeoutSeconds * 1000,
      userAgent: deps.userAgent,
    });
    const result = await client.getUsage({ endpoint, key, ...(signal ? { signal } : {}) });
    if (!result.ok) return { ok: false, problem: diagnoseFailure(result.failure, { step: 'usage', endpoint }).cause };
    const { baseUrl, fullUrl, model } = settings;
    return {
      ok: true,
      reading: { requestCount: result.value.request_count, totalTokens: result.value.total_tokens },
      target: { baseUrl, fullUrl, model },
      keyFingerprint: fingerprintOf(key),
    };
  };
}
