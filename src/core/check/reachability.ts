// The wizard's first step: does a Codex Pooler answer at this URL? One GET of the model list without
// any key. A pool answers every /v1 path of such a request with its 401 envelope (api_key_missing);
// only its firewall (403 access_denied) and a cold start (503 settings_unavailable) come first.
// Anything else answering is not a pool; anything failing on the way leaves the pool unreachable.
import { diagnosis, KNOWN_POOL_ERROR_CODES, urlDiagnosis, type Diagnosis } from './diagnosis';
import { diagnoseFailure, type DiagnosisContext } from './failureDiagnosis';
import { analyzeEndpoint, type PoolEndpoint, type Severity } from '../url/endpoint';
import type { PoolClient, PoolResult, ModelListing } from '../pool/poolClient';
import type { PoolFailure } from '../pool/poolResponse';
import type { ProxyRoute } from '../http/proxyRoute';

export type ReachVerdict = 'pool' | 'pool-with-warning' | 'not-a-pool' | 'unreachable' | 'invalid-url';

export interface ReachReport {
  readonly verdict: ReachVerdict;
  /** A pool answers: the user may go on to the key. */
  readonly ok: boolean;
  /** Worst first. */
  readonly diagnoses: readonly Diagnosis[];
  readonly endpoint?: PoolEndpoint;
  readonly origin?: string;
  readonly durationMs: number;
}

export type ReachOutcome = { readonly kind: 'cancelled' } | { readonly kind: 'done'; readonly report: ReachReport };

export interface ReachInput {
  readonly baseUrl: unknown;
  readonly fullUrl: unknown;
  /** How a request to this URL reaches the pool (see proxyRoute.ts), for the wording of failures. */
  readonly proxyFor?: (url: string) => ProxyRoute | undefined;
  readonly signal?: AbortSignal;
}

export interface ReachDependencies {
  readonly client: PoolClient;
  readonly now?: () => number;
}

/** What a pool answers a request without a key: an auth error, meaning "a pool, ask for the key". */
const KEY_CODES: ReadonlySet<string> = new Set(['api_key_missing', 'api_key_disabled', 'api_key_expired']);
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export async function checkReachability(input: ReachInput, deps: ReachDependencies): Promise<ReachOutcome> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const analysis = analyzeEndpoint(input.baseUrl, input.fullUrl);
  const urlDiagnoses = analysis.findings.map(urlDiagnosis);
  const endpoint = analysis.endpoint;
  const done = (verdict: ReachVerdict, ok: boolean, found: readonly Diagnosis[]): ReachOutcome => ({
    kind: 'done',
    report: {
      verdict,
      ok,
      // Array sort is stable: equally severe diagnoses keep the order they were found in.
      diagnoses: [...found, ...urlDiagnoses].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]),
      ...(endpoint ? { endpoint, origin: endpoint.origin } : {}),
      durationMs: Math.max(0, Math.round(now() - started)),
    },
  });
  if (!endpoint) return done('invalid-url', false, []);
  if (input.signal?.aborted) return { kind: 'cancelled' };

  const result = await deps.client.probe({ endpoint, ...(input.signal ? { signal: input.signal } : {}) });
  if (!result.ok && result.failure.kind === 'transport' && result.failure.reason === 'cancelled')
    return { kind: 'cancelled' };
  const route = input.proxyFor?.(endpoint.apiBase);
  const context: DiagnosisContext = { step: 'models', endpoint, ...(route ? { route } : {}) };
  const [verdict, found] = judge(result, context);
  const ok = verdict === 'pool' ? !found.some((d) => d.severity === 'error') : verdict === 'pool-with-warning';
  return done(verdict, ok, found);
}

function judge(result: PoolResult<ModelListing>, context: DiagnosisContext): [ReachVerdict, Diagnosis[]] {
  const { modelsUrl } = context.endpoint;
  if (result.ok) {
    return [
      'not-a-pool',
      [
        diagnosis(
          'answers-without-key',
          'models',
          `GET ${new URL(modelsUrl).pathname} without a key -> HTTP ${result.status} with ${result.value.models.length} models`,
          { args: { url: modelsUrl } },
        ),
      ],
    ];
  }
  const failure = result.failure;
  const code = failure.kind === 'http' ? failure.error?.code : undefined;
  if (failure.kind === 'http' && code && KEY_CODES.has(code)) {
    return [
      'pool',
      [
        diagnosis(
          'pool-found',
          'models',
          `GET ${new URL(modelsUrl).pathname} without a key -> HTTP ${failure.status} ${code}`,
          { args: { url: context.endpoint.apiBase } },
        ),
      ],
    ];
  }
  const found = diagnoseFailure(failure, context);
  // The pool's own error codes say a pool answered, refusing (access_denied) or not ready yet.
  if (failure.kind === 'http' && code && KNOWN_POOL_ERROR_CODES.includes(code)) {
    // A pool that is still starting (or overloaded) is there: the user may go on, with a warning.
    const transient = code === 'settings_unavailable' || code === 'server_is_overloaded';
    return transient
      ? ['pool-with-warning', [{ ...found, severity: 'warning' }]]
      : [found.severity === 'warning' ? 'pool-with-warning' : 'pool', [found]];
  }
  if (failure.kind === 'http' && failure.error && !found.code.startsWith('proxy')) {
    const detail = `GET ${new URL(modelsUrl).pathname} without a key -> HTTP ${failure.status}${code ? ` ${code}` : ''} (not a Codex Pooler error)`;
    return [
      'not-a-pool',
      [diagnosis('other-api', 'models', detail, { args: { url: modelsUrl, status: failure.status } })],
    ];
  }
  return [unreachable(failure, found.code) ? 'unreachable' : 'not-a-pool', [{ ...found, severity: 'error' }]];
}

/** Failures on the way (network, TLS, proxies, redirects, gateways without a pool behind) versus a wrong answer. */
function unreachable(failure: PoolFailure, code: string): boolean {
  if (failure.kind === 'transport' || failure.kind === 'redirect' || failure.kind === 'blocked') return true;
  return ['proxy-rejected', 'gateway-error', 'rate-limited-gateway'].includes(code);
}
