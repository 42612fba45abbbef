// The rules that need no request, run first: a secret left in a setting, the URL, the stored key. When
// they fail, nothing is sent; either way they say what the check is about (the target).
import { analyzeEndpoint, type PoolEndpoint } from '../url/endpoint';
import { tidyEndpointUrl } from '../url/endpointTidy';
import { analyzeKey } from '../secrets/poolKey';
import { maskKey } from '../secrets/keyShape';
import { diagnosis, urlDiagnosis, type Diagnosis } from './diagnosis';
import { statusOf, type CheckStep, type CheckTarget } from './checkReport';

/** The settings the local rules read (the rest of a check's input is about sending). */
export interface LocalSettings {
  readonly baseUrl: unknown;
  readonly fullUrl: unknown;
  /** The stored secret, or undefined when none is stored. */
  readonly key: string | undefined;
  /** The editor's secret storage failed: why (no key could be read; this is not "no key"). */
  readonly keyUnavailable?: string;
  /** Settings that held a Pool key or token (they were read as empty): said first, never used. */
  readonly secretInSettings?: readonly ('baseUrl' | 'model')[];
}

export interface LocalVerdict {
  readonly steps: CheckStep[];
  readonly diagnoses: Diagnosis[];
  readonly target: CheckTarget;
  /** Both set only when the URL and the key passed: only then is a request sent. */
  readonly endpoint: PoolEndpoint | undefined;
  readonly key: string | undefined;
}

export function checkLocally(input: LocalSettings, model: string): LocalVerdict {
  const steps: CheckStep[] = [];
  const diagnoses: Diagnosis[] = [];
  for (const setting of input.secretInSettings ?? []) {
    diagnoses.push(
      diagnosis(
        'secret-in-setting',
        setting === 'baseUrl' ? 'url' : 'models',
        `a secret in codexPooler.${setting} (not used)`,
        { args: { setting: `codexPooler.${setting}` } },
      ),
    );
  }
  const urlAnalysis = analyzeEndpoint(input.baseUrl, input.fullUrl);
  // A trailing slash (or quotes, spaces) the rules remove: every request goes to the tidy URL, the one
  // step 5 gives Trae, so the setting's own form is worth an info, not "works with a problem".
  const tidy = tidyEndpointUrl(input.baseUrl, input.fullUrl);
  const urlDiagnoses = urlAnalysis.findings.map((f) => ({
    ...urlDiagnosis(f),
    ...(tidy ? { severity: 'info' as const } : {}),
  }));
  diagnoses.push(...urlDiagnoses);
  steps.push({ id: 'url', status: statusOf(urlDiagnoses.map((d) => d.severity)), durationMs: 0 });
  const endpoint = tidy ? analyzeEndpoint(tidy.url, input.fullUrl).endpoint : urlAnalysis.endpoint;

  const keyAnalysis = input.key === undefined ? undefined : analyzeKey(input.key);
  if (input.keyUnavailable !== undefined) {
    diagnoses.push(
      diagnosis('key-store-unavailable', 'key', `secret storage failed: ${input.keyUnavailable}`, {
        args: { detail: input.keyUnavailable },
      }),
    );
  } else if (!keyAnalysis) {
    diagnoses.push(diagnosis('key-missing', 'key', 'no Pool API key stored'));
  } else if (!keyAnalysis.ok) {
    diagnoses.push({
      code: `key:${keyAnalysis.kind}`,
      step: 'key',
      severity: 'error',
      cause: keyAnalysis.cause,
      fix: keyAnalysis.fix,
      detail: `key rule ${keyAnalysis.kind}`,
      action: 'setApiKey',
    });
  }
  steps.push({ id: 'key', status: keyAnalysis?.ok ? 'pass' : 'fail', durationMs: 0 });

  const target: CheckTarget = {
    baseUrl: urlAnalysis.input,
    fullUrl: urlAnalysis.fullUrl,
    model,
    ...(endpoint ? { endpoint } : {}),
    ...(keyAnalysis?.ok && keyAnalysis.key ? { keyMasked: maskKey(keyAnalysis.key) } : {}),
  };
  const key = keyAnalysis?.ok ? keyAnalysis.key : undefined;
  return { steps, diagnoses, target, endpoint, key };
}
