// A failed request to the pool, classified: the transport, a redirect, an HTTP error (the pool's own
// error code first), or an answer that is not what was asked for. Names a proxy only when certain.
import type { PoolEndpoint, Severity } from '../url/endpoint';
import type { MessageArgs } from '../text/messages';
import type { PoolFailure } from '../pool/poolResponse';
import type { ProxyRoute } from '../http/proxyRoute';
import {
  diagnosis,
  KNOWN_POOL_ERROR_CODES,
  type CheckStepId,
  type Diagnosis,
  type DiagnosisCode,
  type DiagnosisOptions,
} from './diagnosis';

export interface DiagnosisContext {
  readonly step: Extract<CheckStepId, 'models' | 'chat' | 'usage'>;
  readonly endpoint: PoolEndpoint;
  readonly model?: string;
  /** How this request reaches the pool, as far as is certain (see proxyRoute.ts); absent: not known. */
  readonly route?: ProxyRoute;
}

export function diagnoseFailure(failure: PoolFailure, ctx: DiagnosisContext): Diagnosis {
  const url =
    ctx.step === 'chat'
      ? ctx.endpoint.traeCallUrl
      : ctx.step === 'usage'
        ? ctx.endpoint.usageUrl
        : ctx.endpoint.modelsUrl;
  const route = `${ctx.step === 'chat' ? 'POST' : 'GET'} ${new URL(url).pathname}`;
  const base = {
    host: ctx.endpoint.host,
    url,
    model: ctx.model ?? '',
    proxy: ctx.route?.kind === 'proxy' ? ctx.route.proxy : '',
  };
  const [code, detail, extra, severity] = classify(failure, ctx);
  return diagnosis(code, ctx.step, `${route} -> ${detail}`, {
    args: { ...base, ...extra },
    ...(severity ? { severity } : {}),
    ...proxyWording(code, failure, ctx),
  });
}

// Failures to connect that a proxy on the way can cause as well as the pool itself.
const CONNECT_REASONS: ReadonlySet<string> = new Set([
  'refused',
  'dns',
  'unreachable',
  'reset',
  'timeout',
  'proxy',
  'other',
]);

/** A proxy is named only when certain; when a system proxy may be in use, the fix says where to look. */
function proxyWording(
  code: DiagnosisCode,
  failure: PoolFailure,
  ctx: DiagnosisContext,
): Pick<DiagnosisOptions, 'cause' | 'fix'> {
  if (code === 'proxy-failed' && ctx.route?.kind !== 'proxy')
    return { cause: 'diag.proxyFailedUnnamed.cause', fix: 'diag.systemProxy.fix' };
  const atConnect =
    failure.kind === 'transport' &&
    CONNECT_REASONS.has(failure.reason) &&
    (failure.phase === 'connect' || failure.reason === 'proxy');
  return ctx.route?.kind === 'unknown' && atConnect ? { fix: 'diag.systemProxy.fix' } : {};
}

type Classified = readonly [DiagnosisCode, string, MessageArgs?, Severity?];

function classify(failure: PoolFailure, ctx: DiagnosisContext): Classified {
  switch (failure.kind) {
    case 'blocked':
      return failure.reason === 'key'
        ? ['key-not-sent', 'not sent: not a Pool API key']
        : ['origin-blocked', 'not sent: URL outside the pool origin'];

    case 'transport':
      return [
        transportCode(failure, ctx),
        `${failure.reason}${failure.code ? ` (${failure.code})` : ''} while ${PHASES[failure.phase]}: ${failure.detail}`,
        { error: failure.detail.slice(0, 120) },
      ];

    case 'redirect': {
      const extra = { status: failure.status, location: failure.location ?? '?' };
      return [
        redirectCode(failure.location, ctx.endpoint),
        `HTTP ${failure.status} redirect to ${failure.location ?? '(no Location)'} (not followed)`,
        extra,
      ];
    }

    case 'http': {
      const { status, error } = failure;
      const code = error?.code;
      const detail = `HTTP ${status}${code ? ` ${code}` : ''}${error?.message ? ` "${error.message}"` : ''} (${failure.body} body)`;
      const extra = { status, code: code ?? '', param: error?.param ?? '', message: error?.message ?? '' };
      if (status === 407 || (failure.fromProxy && !error)) return ['proxy-rejected', detail, extra];
      if (code && KNOWN_POOL_ERROR_CODES.includes(code)) return [code as DiagnosisCode, detail, extra];
      // An unknown code is still shown, and fails like any error: the chat cannot succeed now.
      if (code) return ['unknown-code', detail, extra];
      if (status === 404) return [ctx.step === 'chat' ? 'chat-not-found' : 'not-found', detail, extra];
      if (status === 401 || status === 403) return ['gateway-auth', detail, extra];
      if (status === 429) return ['rate-limited-gateway', detail, extra];
      if (status >= 500) return ['gateway-error', detail, extra];
      return [failure.body === 'html' ? 'html-body' : 'unexpected-status', detail, extra];
    }

    case 'invalid': {
      const byBody = { html: 'html-body', empty: 'empty-body', text: 'not-json', json: 'wrong-shape' } as const;
      return [
        byBody[failure.body],
        `HTTP ${failure.status}, ${failure.detail}`,
        { status: failure.status, problem: failure.detail },
      ];
    }
  }
}

const PHASES = { connect: 'connecting', headers: 'waiting for the answer', body: 'reading the answer' } as const;

function transportCode(failure: Extract<PoolFailure, { kind: 'transport' }>, ctx: DiagnosisContext): DiagnosisCode {
  const { reason, phase } = failure;
  if (
    ctx.route?.kind === 'proxy' &&
    (reason === 'proxy' || ((reason === 'refused' || reason === 'dns' || reason === 'reset') && phase === 'connect'))
  )
    return 'proxy-failed';
  switch (reason) {
    case 'timeout':
      if (phase === 'connect') return 'timeout-connect';
      if (phase === 'body') return 'timeout-body';
      return ctx.step === 'chat' ? 'timeout-chat' : 'timeout-headers';
    case 'refused':
      return ctx.endpoint.loopback ? 'refused-local' : 'refused';
    case 'tls-other':
      return /wrong.version|WRONG_VERSION|packet length/i.test(`${failure.code} ${failure.detail}`)
        ? 'tls-plain-http'
        : 'tls-other';
    case 'proxy':
      return 'proxy-failed';
    case 'other':
      return 'network-other';
    case 'stalled':
      return 'stream-stalled';
    default:
      return reason;
  }
}

function redirectCode(location: string | undefined, endpoint: PoolEndpoint): DiagnosisCode {
  if (!location) return 'redirect';
  let target: URL;
  try {
    target = new URL(location, endpoint.apiBase);
  } catch {
    return 'redirect';
  }
  const from = new URL(endpoint.origin);
  if (target.hostname !== from.hostname) return 'redirect-other-host';
  if (from.protocol === 'http:' && target.protocol === 'https:') return 'redirect-https';
  if (/\/(login|admin|auth|signin|sso)\b/i.test(target.pathname)) return 'redirect-login';
  return 'redirect';
}
