// The fault matrix: every way a pool (or what stands in front of it) can fail, and what the user then
// sees. One list drives three things: the integration tests in the real extension host
// (test/integration/faults.test.ts), docs/fault-matrix.md (npm run docs:faults), and a unit test that
// keeps that document in step with this list.
import type { Indicator } from '../../src/editor/statusBar';
import { applyScenario, type Emulator, type ScenarioName } from '../emulator/server';

export type FaultGroup =
  | 'Pool errors (contract table)'
  | 'Network'
  | 'Bodies'
  | 'Redirects'
  | 'Models and answers'
  | 'TLS'
  | 'Proxy'
  | 'Streaming (Trae-shaped check)'
  | 'Settings'
  | 'Life cycle';

/** Where the check runs against: the plain emulator, an HTTPS one with a given certificate, or behind the test proxy. */
export type Target =
  | 'emulator'
  | 'closed-port'
  | 'unresolvable'
  | 'https-plain-port'
  | `tls:${'trusted' | 'selfsigned' | 'expired' | 'wronghost' | 'untrusted'}`
  | 'via-proxy'
  | 'proxy-refuses'
  | 'proxy-denies'
  | 'http-alias-via-proxy'
  | 'http-localhost-name-via-proxy'
  | 'key-in-model-setting';

export interface FaultScenario {
  readonly id: string;
  readonly group: FaultGroup;
  /** What happens, in a few words. */
  readonly situation: string;
  /**
   * 'background' = what the status bar finds by itself (GET /v1/models, /v1/usage); 'full' = Check
   * Connection; 'trae' = the Trae-shaped check (on request only: the status bar keeps its own answer).
   */
  readonly mode: 'background' | 'full' | 'trae';
  readonly target?: Target;
  readonly scenario?: ScenarioName;
  readonly scenarioParams?: Record<string, string>;
  readonly model?: string;
  readonly timeoutSeconds?: number;
  /** The first diagnosis the user sees ('' = none: it works). */
  readonly code: string;
  readonly indicator: Exclude<Indicator, 'checking' | 'notSetUp' | 'off'>;
  /** The pool is then started again: the status bar must follow back to healthy. */
  readonly thenRecovers?: boolean;
}

const pool = (
  id: string,
  situation: string,
  scenario: ScenarioName,
  code: string,
  indicator: FaultScenario['indicator'],
  mode: FaultScenario['mode'] = 'background',
): FaultScenario => ({
  id,
  group: 'Pool errors (contract table)',
  situation,
  mode,
  scenario,
  code,
  indicator,
});

export const FAULTS: readonly FaultScenario[] = [
  pool('key-unknown', 'Wrong or deleted Pool API key', 'key-unknown', 'api_key_missing', 'failing'),
  pool(
    'pool-disabled',
    'The whole Pool is disabled (looks like a bad key)',
    'pool-disabled',
    'api_key_missing',
    'failing',
  ),
  pool('key-disabled', 'Key paused, revoked or inactive', 'key-disabled', 'api_key_disabled', 'failing'),
  pool('key-expired', 'Key expired', 'key-expired', 'api_key_expired', 'failing'),
  pool('v1-disabled', 'Pool has OpenAI /v1 compatibility off', 'v1-disabled', 'v1_compatibility_disabled', 'failing'),
  pool('ip-denied', 'Client IP outside the Pool firewall allowlist', 'ip-denied', 'access_denied', 'failing'),
  pool('cold-start', 'Server cold start (settings not loaded yet)', 'cold-start', 'settings_unavailable', 'failing'),
  pool('overloaded', 'Gateway overloaded', 'overloaded', 'server_is_overloaded', 'failing'),
  pool(
    'unsupported-endpoint',
    'The chat route answers unsupported_endpoint',
    'unsupported-endpoint',
    'unsupported_endpoint',
    'failing',
    'full',
  ),
  {
    id: 'invalid-model',
    group: 'Pool errors (contract table)',
    situation: 'Unknown model id in chat (the list already leaves it out: the root cause first, then invalid_model)',
    mode: 'full',
    model: 'gpt-9-imaginary',
    code: 'model-not-listed',
    indicator: 'failing',
  },
  pool(
    'model-not-allowed',
    'Model exists but this key may not use it (the list for the key leaves it out: the root cause first)',
    'model-not-allowed',
    'model-not-listed',
    'failing',
    'full',
  ),
  pool(
    'no-eligible-backend',
    'No healthy upstream account',
    'no-eligible-backend',
    'no_eligible_backend',
    'failing',
    'full',
  ),
  pool('quota-exhausted', 'All upstream quota used up', 'quota-exhausted', 'quota_exhausted', 'failing', 'full'),
  pool('rate-limited', 'Upstream rate limit (429)', 'rate-limited', 'rate_limit_exceeded', 'failing', 'full'),
  pool('usage-limited', 'Usage limit reached (429)', 'usage-limited', 'usage_limit_exceeded', 'failing', 'full'),
  pool(
    'upstream-error',
    'Upstream network failure (502)',
    'upstream-error',
    'upstream_network_error',
    'failing',
    'full',
  ),
  pool(
    'context-length',
    'Upstream reports context_length_exceeded (502)',
    'context-length',
    'context_length_exceeded',
    'failing',
    'full',
  ),
  pool('unknown-code', 'An error code this extension does not know', 'unknown-code', 'unknown-code', 'failing', 'full'),

  {
    id: 'refused',
    group: 'Network',
    situation: 'Nothing listening (local pool not started)',
    mode: 'background',
    target: 'closed-port',
    code: 'refused-local',
    indicator: 'failing',
  },
  {
    id: 'dns',
    group: 'Network',
    situation: 'Host name does not resolve',
    mode: 'background',
    target: 'unresolvable',
    code: 'dns',
    indicator: 'failing',
  },
  {
    id: 'slow-headers',
    group: 'Network',
    situation: 'Slow headers (2 s), within the timeout',
    mode: 'background',
    scenario: 'slow',
    scenarioParams: { ms: '2000' },
    code: '',
    indicator: 'healthy',
  },
  {
    id: 'hang',
    group: 'Network',
    situation: 'Accepts the connection and never answers',
    mode: 'background',
    scenario: 'hang',
    timeoutSeconds: 5,
    code: 'timeout-headers',
    indicator: 'failing',
  },
  {
    id: 'stall-body',
    group: 'Network',
    situation: 'Body starts, then stops arriving',
    mode: 'background',
    scenario: 'stall-body',
    timeoutSeconds: 5,
    code: 'timeout-body',
    indicator: 'failing',
  },
  {
    id: 'cut-body',
    group: 'Network',
    situation: 'Body cut off halfway (connection closed)',
    mode: 'background',
    scenario: 'cut-body',
    code: 'cut-off',
    indicator: 'failing',
  },
  {
    id: 'reset',
    group: 'Network',
    situation: 'Connection reset before any answer',
    mode: 'background',
    scenario: 'connection-reset',
    code: 'reset',
    indicator: 'failing',
  },
  {
    id: 'slow-model',
    group: 'Network',
    situation: 'The model answers after the timeout',
    mode: 'full',
    scenario: 'slow-chat',
    scenarioParams: { ms: '7000' },
    timeoutSeconds: 5,
    code: 'timeout-chat',
    indicator: 'failing',
  },

  {
    id: 'html-200',
    group: 'Bodies',
    situation: 'A web page (HTML) with status 200',
    mode: 'background',
    scenario: 'html-200',
    code: 'html-body',
    indicator: 'failing',
  },
  {
    id: 'html-502',
    group: 'Bodies',
    situation: 'A proxy error page (HTML 502)',
    mode: 'background',
    scenario: 'html-502',
    code: 'gateway-error',
    indicator: 'failing',
  },
  {
    id: 'empty-200',
    group: 'Bodies',
    situation: 'Empty body with status 200',
    mode: 'background',
    scenario: 'empty-200',
    code: 'empty-body',
    indicator: 'failing',
  },
  {
    id: 'empty-502',
    group: 'Bodies',
    situation: 'Empty body with status 502',
    mode: 'background',
    scenario: 'empty-502',
    code: 'gateway-error',
    indicator: 'failing',
  },
  {
    id: 'text-503',
    group: 'Bodies',
    situation: 'Plain-text 503 from a load balancer',
    mode: 'background',
    scenario: 'text-503',
    code: 'gateway-error',
    indicator: 'failing',
  },
  {
    id: 'wrong-shape',
    group: 'Bodies',
    situation: 'JSON, but not the OpenAI shape',
    mode: 'background',
    scenario: 'wrong-shape',
    code: 'wrong-shape',
    indicator: 'failing',
  },
  {
    id: 'huge-body',
    group: 'Bodies',
    situation: 'A 64 MB body (far over the cap)',
    mode: 'background',
    scenario: 'huge-body',
    code: 'too-large',
    indicator: 'failing',
  },

  {
    id: 'redirect-https',
    group: 'Redirects',
    situation: 'http:// redirected to https:// on the same host',
    mode: 'background',
    scenario: 'redirect-https',
    code: 'redirect-https',
    indicator: 'failing',
  },
  {
    id: 'redirect-other-host',
    group: 'Redirects',
    situation: 'Redirect to another host',
    mode: 'background',
    scenario: 'redirect-other-host',
    code: 'redirect-other-host',
    indicator: 'failing',
  },
  {
    id: 'redirect-login',
    group: 'Redirects',
    situation: 'Redirect to a login page',
    mode: 'background',
    scenario: 'redirect-login',
    code: 'redirect-login',
    indicator: 'failing',
  },

  {
    id: 'empty-models',
    group: 'Models and answers',
    situation: 'The pool lists no models (no usable accounts)',
    mode: 'background',
    scenario: 'empty-models',
    code: 'models-empty',
    indicator: 'failing',
  },
  {
    id: 'model-not-listed',
    group: 'Models and answers',
    situation: 'The chosen model is not in the list',
    mode: 'background',
    model: 'gpt-4o',
    code: 'model-not-listed',
    indicator: 'failing',
  },
  {
    id: 'answer-other',
    group: 'Models and answers',
    situation: 'The model answers something other than "trae ok"',
    mode: 'full',
    scenario: 'answer-other',
    code: 'answer-mismatch',
    indicator: 'degraded',
  },
  {
    id: 'answer-empty',
    group: 'Models and answers',
    situation: 'The model answers with no text',
    mode: 'full',
    scenario: 'answer-empty',
    code: 'answer-mismatch',
    indicator: 'degraded',
  },
  {
    id: 'enforced-model',
    group: 'Models and answers',
    situation: 'The key has an enforced model (another model serves)',
    mode: 'full',
    scenario: 'enforced-model',
    code: 'served-model-differs',
    indicator: 'healthy',
  },
  {
    id: 'limit-reached',
    group: 'Models and answers',
    situation: 'A usage limit is used up',
    mode: 'background',
    scenario: 'limit-reached',
    code: 'limit-reached',
    indicator: 'failing',
  },

  {
    id: 'tls-trusted',
    group: 'TLS',
    situation: 'HTTPS with a certificate from a CA the editor trusts',
    mode: 'full',
    target: 'tls:trusted',
    code: '',
    indicator: 'healthy',
  },
  {
    id: 'tls-self-signed',
    group: 'TLS',
    situation: 'HTTPS with a self-signed certificate',
    mode: 'background',
    target: 'tls:selfsigned',
    code: 'tls-self-signed',
    indicator: 'failing',
  },
  {
    id: 'tls-expired',
    group: 'TLS',
    situation: 'HTTPS with an expired certificate',
    mode: 'background',
    target: 'tls:expired',
    code: 'tls-expired',
    indicator: 'failing',
  },
  {
    id: 'tls-wrong-host',
    group: 'TLS',
    situation: 'HTTPS certificate for another host name',
    mode: 'background',
    target: 'tls:wronghost',
    code: 'tls-hostname',
    indicator: 'failing',
  },
  {
    id: 'tls-unknown-ca',
    group: 'TLS',
    situation: 'HTTPS certificate from an unknown CA',
    mode: 'background',
    target: 'tls:untrusted',
    code: 'tls-untrusted',
    indicator: 'failing',
  },
  {
    id: 'https-to-http',
    group: 'TLS',
    situation: 'https:// to a port that speaks plain HTTP',
    mode: 'background',
    target: 'https-plain-port',
    code: 'tls-plain-http',
    indicator: 'failing',
  },

  {
    id: 'via-proxy',
    group: 'Proxy',
    situation: 'HTTPS through an HTTP proxy (http.proxy, CONNECT): the proxy never reads the key',
    mode: 'full',
    target: 'via-proxy',
    code: '',
    indicator: 'healthy',
  },
  {
    id: 'proxy-refuses',
    group: 'Proxy',
    situation: 'The configured proxy refuses connections',
    mode: 'background',
    target: 'proxy-refuses',
    code: 'proxy-failed',
    indicator: 'failing',
  },
  {
    id: 'proxy-denies',
    group: 'Proxy',
    situation: 'The proxy denies the request (403 from the proxy)',
    mode: 'background',
    target: 'proxy-denies',
    code: 'proxy-rejected',
    indicator: 'failing',
  },
  {
    id: 'http-alias-via-proxy',
    group: 'Proxy',
    situation: 'Plain http:// to 127.0.0.2 with a proxy set: refused before any request, the key never sent',
    mode: 'full',
    target: 'http-alias-via-proxy',
    code: 'url:loopback-alias',
    indicator: 'failing',
  },
  {
    id: 'http-localhost-name-via-proxy',
    group: 'Proxy',
    situation: 'Plain http:// to a *.localhost name with a proxy set: refused before any request',
    mode: 'full',
    target: 'http-localhost-name-via-proxy',
    code: 'url:loopback-alias',
    indicator: 'failing',
  },

  {
    id: 'stream-error-frame',
    group: 'Streaming (Trae-shaped check)',
    situation: 'HTTP 200, then one error frame and no [DONE]',
    mode: 'trae',
    scenario: 'stream-error-frame',
    code: 'stream-error-frame',
    indicator: 'failing',
  },
  {
    id: 'stream-no-done',
    group: 'Streaming (Trae-shaped check)',
    situation: 'The stream ends without [DONE] (cut by a proxy)',
    mode: 'trae',
    scenario: 'stream-no-done',
    code: 'stream-no-done',
    indicator: 'failing',
  },
  {
    id: 'stream-stall',
    group: 'Streaming (Trae-shaped check)',
    situation: 'The stream starts, then stalls with the connection open',
    mode: 'trae',
    scenario: 'stream-stall',
    timeoutSeconds: 5,
    code: 'stream-stalled',
    indicator: 'failing',
  },
  {
    id: 'stream-buffered',
    group: 'Streaming (Trae-shaped check)',
    situation: 'A buffering proxy: everything arrives at once after a wait',
    mode: 'trae',
    scenario: 'stream-buffered',
    code: 'stream-buffered',
    indicator: 'degraded',
  },
  {
    id: 'stream-ignored',
    group: 'Streaming (Trae-shaped check)',
    situation: 'stream: true answered with plain JSON',
    mode: 'trae',
    scenario: 'stream-ignored',
    code: 'stream-ignored',
    indicator: 'failing',
  },
  {
    id: 'second-turn-rejected',
    group: 'Streaming (Trae-shaped check)',
    situation: 'The second turn is refused with a 400 (Trae 4028 from the second message)',
    mode: 'trae',
    scenario: 'second-turn-rejected',
    code: 'second-turn-rejected',
    indicator: 'failing',
  },
  {
    id: 'tool-call',
    group: 'Streaming (Trae-shaped check)',
    situation: 'The model calls the declared tool; the result goes back on the second turn',
    mode: 'trae',
    scenario: 'tool-call',
    code: '',
    indicator: 'healthy',
  },

  {
    id: 'key-in-model-setting',
    group: 'Settings',
    situation: 'The Pool API key pasted into codexPooler.model',
    mode: 'full',
    target: 'key-in-model-setting',
    code: 'secret-in-setting',
    indicator: 'failing',
  },
  {
    id: 'limit-near',
    group: 'Models and answers',
    situation: 'A usage limit is nearly used up (under 10% left)',
    mode: 'background',
    scenario: 'limit-near',
    code: 'limit-near',
    indicator: 'degraded',
  },
  {
    id: 'hostile-models',
    group: 'Models and answers',
    situation: 'A thousand models, hostile names, malformed entries; the chosen one is fine',
    mode: 'background',
    scenario: 'hostile-models',
    code: '',
    indicator: 'healthy',
  },
  {
    id: 'down',
    group: 'Life cycle',
    situation: 'The pool is stopped behind its reverse proxy (HTML 502 on every path)',
    mode: 'background',
    scenario: 'down',
    code: 'gateway-error',
    indicator: 'failing',
  },

  {
    id: 'down-and-back',
    group: 'Life cycle',
    situation: 'The pool goes down, then comes back',
    mode: 'background',
    code: 'refused-local',
    indicator: 'failing',
    thenRecovers: true,
  },
];

/** Applies a scenario's emulator part (targets are set up by the caller). */
export function prepareEmulator(emulator: Emulator, fault: FaultScenario): void {
  emulator.reset();
  if (fault.scenario)
    applyScenario(emulator, fault.scenario, emulator.url, new URLSearchParams(fault.scenarioParams ?? {}));
}
