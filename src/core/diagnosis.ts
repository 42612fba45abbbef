// Every way a check can end, as a diagnosis: how bad it is, the cause and the fix (localizable), a
// key-free technical detail for the log, and the action that leads on. Covers every row of the
// contract's error table plus the network, TLS, proxy and body failures seen in front of pools.
import type { PoolEndpoint } from './endpoint';
import type { Severity } from './endpoint';
import { msg, type Msg, type MessageId } from './messages';
import type { PoolFailure } from './poolClient';

export type Health = 'ok' | 'degraded' | 'failing';

/** What the user should do next; the editor turns it into a button. */
export type NextAction =
  | 'setApiKey'
  | 'fixUrl'
  | 'chooseModel'
  | 'openWizard'
  | 'retryLater'
  | 'checkProxy'
  | 'checkCertificate'
  | 'contactOperator'
  | 'startPool'
  | 'raiseTimeout'
  | 'none';

export type CheckStepId = 'url' | 'key' | 'models' | 'chat' | 'usage';

export interface Diagnosis {
  readonly code: string;
  readonly step: CheckStepId;
  readonly severity: Severity;
  readonly cause: Msg;
  readonly fix: Msg;
  /** Technical, key-free: "POST /v1/chat/completions -> HTTP 401 api_key_missing". */
  readonly detail: string;
  readonly action: NextAction;
}

export interface DiagnosisContext {
  readonly step: Extract<CheckStepId, 'models' | 'chat' | 'usage'>;
  readonly endpoint: PoolEndpoint;
  readonly model?: string;
  /** The proxy the editor routes through, if any (http.proxy or the environment). */
  readonly proxy?: string;
}

export function healthOf(severity: Severity): Health {
  return severity === 'error' ? 'failing' : severity === 'warning' ? 'degraded' : 'ok';
}

interface Row {
  readonly severity: Severity;
  readonly cause: MessageId;
  readonly fix: MessageId;
  readonly action: NextAction;
}

// The contract's error table, by error.code. Codes are open strings: unknown ones fall through below.
const POOL_ERROR_CODES: Readonly<Record<string, Row>> = {
  api_key_missing: { severity: 'error', cause: 'diag.apiKeyMissing.cause', fix: 'diag.apiKeyMissing.fix', action: 'setApiKey' },
  api_key_disabled: { severity: 'error', cause: 'diag.apiKeyDisabled.cause', fix: 'diag.apiKeyDisabled.fix', action: 'contactOperator' },
  api_key_expired: { severity: 'error', cause: 'diag.apiKeyExpired.cause', fix: 'diag.apiKeyExpired.fix', action: 'setApiKey' },
  v1_compatibility_disabled: { severity: 'error', cause: 'diag.v1Disabled.cause', fix: 'diag.v1Disabled.fix', action: 'contactOperator' },
  access_denied: { severity: 'error', cause: 'diag.accessDenied.cause', fix: 'diag.accessDenied.fix', action: 'contactOperator' },
  settings_unavailable: { severity: 'warning', cause: 'diag.settingsUnavailable.cause', fix: 'diag.settingsUnavailable.fix', action: 'retryLater' },
  unsupported_endpoint: { severity: 'error', cause: 'diag.unsupportedEndpoint.cause', fix: 'diag.unsupportedEndpoint.fix', action: 'fixUrl' },
  invalid_model: { severity: 'error', cause: 'diag.invalidModel.cause', fix: 'diag.invalidModel.fix', action: 'chooseModel' },
  model_not_allowed: { severity: 'error', cause: 'diag.modelNotAllowed.cause', fix: 'diag.modelNotAllowed.fix', action: 'chooseModel' },
  no_eligible_backend: { severity: 'warning', cause: 'diag.noEligibleBackend.cause', fix: 'diag.noEligibleBackend.fix', action: 'contactOperator' },
  quota_exhausted: { severity: 'warning', cause: 'diag.quotaExhausted.cause', fix: 'diag.quotaExhausted.fix', action: 'retryLater' },
  rate_limit_exceeded: { severity: 'warning', cause: 'diag.rateLimited.cause', fix: 'diag.rateLimited.fix', action: 'retryLater' },
  usage_limit_exceeded: { severity: 'warning', cause: 'diag.usageLimited.cause', fix: 'diag.usageLimited.fix', action: 'retryLater' },
  upstream_network_error: { severity: 'warning', cause: 'diag.upstreamNetwork.cause', fix: 'diag.upstreamNetwork.fix', action: 'retryLater' },
  context_length_exceeded: { severity: 'warning', cause: 'diag.contextLength.cause', fix: 'diag.contextLength.fix', action: 'contactOperator' },
  server_is_overloaded: { severity: 'warning', cause: 'diag.overloaded.cause', fix: 'diag.overloaded.fix', action: 'retryLater' },
  unsupported_parameter: { severity: 'error', cause: 'diag.unsupportedParameter.cause', fix: 'diag.unsupportedParameter.fix', action: 'contactOperator' },
  unsupported_model_capability: { severity: 'error', cause: 'diag.unsupportedCapability.cause', fix: 'diag.unsupportedCapability.fix', action: 'chooseModel' },
};

export const KNOWN_POOL_ERROR_CODES: readonly string[] = Object.keys(POOL_ERROR_CODES);

export function diagnoseFailure(failure: PoolFailure, ctx: DiagnosisContext): Diagnosis {
  const route = routeOf(ctx);
  const host = ctx.endpoint.host;
  const args = { host, url: urlOf(ctx), model: ctx.model ?? '', proxy: ctx.proxy ?? '' };
  const make = (code: string, severity: Severity, cause: MessageId, fix: MessageId, action: NextAction, detail: string, extra: Record<string, string | number> = {}): Diagnosis => ({
    code,
    step: ctx.step,
    severity,
    cause: msg(cause, { ...args, ...extra }),
    fix: msg(fix, { ...args, ...extra }),
    detail: `${route} -> ${detail}`,
    action,
  });

  switch (failure.kind) {
    case 'blocked':
      return failure.reason === 'key'
        ? make('key-not-sent', 'error', 'diag.keyNotSent.cause', 'diag.keyNotSent.fix', 'setApiKey', 'not sent: not a Pool API key')
        : make('origin-blocked', 'error', 'diag.originBlocked.cause', 'diag.originBlocked.fix', 'fixUrl', 'not sent: URL outside the pool origin');

    case 'transport':
      return diagnoseTransport(failure, ctx, make);

    case 'redirect': {
      const target = describeRedirect(failure.location, ctx.endpoint);
      const detail = `HTTP ${failure.status} redirect to ${failure.location ?? '(no Location)'} (not followed)`;
      const extra = { status: failure.status, location: failure.location ?? '?' };
      if (target === 'https') return make('redirect-https', 'error', 'diag.redirectHttps.cause', 'diag.redirectHttps.fix', 'fixUrl', detail, extra);
      if (target === 'login') return make('redirect-login', 'error', 'diag.redirectLogin.cause', 'diag.redirectLogin.fix', 'fixUrl', detail, extra);
      if (target === 'other-host') return make('redirect-other-host', 'error', 'diag.redirectOtherHost.cause', 'diag.redirectOtherHost.fix', 'fixUrl', detail, extra);
      return make('redirect', 'error', 'diag.redirect.cause', 'diag.redirect.fix', 'fixUrl', detail, extra);
    }

    case 'http': {
      const { status, error } = failure;
      const code = error?.code;
      const detail = `HTTP ${status}${code ? ` ${code}` : ''}${error?.message ? ` "${error.message}"` : ''} (${failure.body} body)`;
      if (status === 407 || (failure.fromProxy && !error)) {
        return make('proxy-rejected', 'error', 'diag.proxyRejected.cause', 'diag.proxyRejected.fix', 'checkProxy', detail, { status });
      }
      if (code && POOL_ERROR_CODES[code]) {
        const row = POOL_ERROR_CODES[code];
        // A "model" problem in the background list call would be odd; the row still names it.
        return make(code, row.severity, row.cause, row.fix, row.action, detail, { code, param: error?.param ?? '' });
      }
      if (code) {
        const severity: Severity = status >= 500 || status === 429 ? 'warning' : 'error';
        return make('unknown-code', severity, 'diag.unknownCode.cause', 'diag.unknownCode.fix', severity === 'warning' ? 'retryLater' : 'contactOperator', detail, {
          status,
          code,
          message: error?.message ?? '',
        });
      }
      if (status === 404) {
        return ctx.step === 'chat'
          ? make('chat-not-found', 'error', 'diag.chatNotFound.cause', 'diag.chatNotFound.fix', 'fixUrl', detail)
          : make('not-found', 'error', 'diag.notFound.cause', 'diag.notFound.fix', 'fixUrl', detail);
      }
      if (status === 401 || status === 403) {
        return make('gateway-auth', 'error', 'diag.gatewayAuth.cause', 'diag.gatewayAuth.fix', 'contactOperator', detail, { status });
      }
      if (status === 429) return make('rate-limited-gateway', 'warning', 'diag.rateLimited.cause', 'diag.rateLimited.fix', 'retryLater', detail, { status });
      if (status >= 500) {
        return make('gateway-error', 'warning', 'diag.gatewayError.cause', 'diag.gatewayError.fix', 'retryLater', detail, { status });
      }
      if (failure.body === 'html') return make('html-body', 'error', 'diag.htmlBody.cause', 'diag.htmlBody.fix', 'fixUrl', detail, { status });
      return make('unexpected-status', 'error', 'diag.unexpectedStatus.cause', 'diag.unexpectedStatus.fix', 'fixUrl', detail, { status });
    }

    case 'invalid': {
      const detail = `HTTP ${failure.status}, ${failure.detail}`;
      if (failure.body === 'html') return make('html-body', 'error', 'diag.htmlBody.cause', 'diag.htmlBody.fix', 'fixUrl', detail, { status: failure.status });
      if (failure.body === 'empty') return make('empty-body', 'error', 'diag.emptyBody.cause', 'diag.emptyBody.fix', 'fixUrl', detail, { status: failure.status });
      if (failure.body === 'text') return make('not-json', 'error', 'diag.notJson.cause', 'diag.notJson.fix', 'fixUrl', detail, { status: failure.status });
      return make('wrong-shape', 'error', 'diag.wrongShape.cause', 'diag.wrongShape.fix', 'fixUrl', detail, { problem: failure.detail });
    }
  }
}

type Make = (code: string, severity: Severity, cause: MessageId, fix: MessageId, action: NextAction, detail: string, extra?: Record<string, string | number>) => Diagnosis;

function diagnoseTransport(failure: Extract<PoolFailure, { kind: 'transport' }>, ctx: DiagnosisContext, make: Make): Diagnosis {
  const detail = `${failure.reason}${failure.code ? ` (${failure.code})` : ''} while ${phaseWord(failure.phase)}: ${failure.detail}`;
  const viaProxy = ctx.proxy !== undefined && ctx.proxy !== '' && !ctx.endpoint.loopback;
  if (viaProxy && (failure.reason === 'proxy' || ((failure.reason === 'refused' || failure.reason === 'dns' || failure.reason === 'reset') && failure.phase === 'connect'))) {
    return make('proxy-failed', 'error', 'diag.proxyFailed.cause', 'diag.proxyFailed.fix', 'checkProxy', detail);
  }
  switch (failure.reason) {
    case 'cancelled':
      return make('cancelled', 'warning', 'diag.cancelled.cause', 'diag.cancelled.fix', 'none', detail);
    case 'timeout':
      if (failure.phase === 'connect') return make('timeout-connect', 'error', 'diag.timeoutConnect.cause', 'diag.timeoutConnect.fix', 'startPool', detail);
      if (failure.phase === 'body') return make('timeout-body', 'error', 'diag.timeoutBody.cause', 'diag.timeoutBody.fix', 'retryLater', detail);
      return ctx.step === 'chat'
        ? make('timeout-chat', 'error', 'diag.timeoutChat.cause', 'diag.timeoutChat.fix', 'raiseTimeout', detail)
        : make('timeout-headers', 'error', 'diag.timeoutHeaders.cause', 'diag.timeoutHeaders.fix', 'raiseTimeout', detail);
    case 'refused':
      return ctx.endpoint.loopback
        ? make('refused-local', 'error', 'diag.refusedLocal.cause', 'diag.refusedLocal.fix', 'startPool', detail)
        : make('refused', 'error', 'diag.refused.cause', 'diag.refused.fix', 'startPool', detail);
    case 'dns':
      return make('dns', 'error', 'diag.dns.cause', 'diag.dns.fix', 'fixUrl', detail);
    case 'unreachable':
      return make('unreachable', 'error', 'diag.unreachable.cause', 'diag.unreachable.fix', 'startPool', detail);
    case 'reset':
      return make('reset', 'error', 'diag.reset.cause', 'diag.reset.fix', 'retryLater', detail);
    case 'cut-off':
      return make('cut-off', 'error', 'diag.cutOff.cause', 'diag.cutOff.fix', 'retryLater', detail);
    case 'too-large':
      return make('too-large', 'error', 'diag.tooLarge.cause', 'diag.tooLarge.fix', 'fixUrl', detail);
    case 'tls-self-signed':
      return make('tls-self-signed', 'error', 'diag.tlsSelfSigned.cause', 'diag.tlsSelfSigned.fix', 'checkCertificate', detail);
    case 'tls-expired':
      return make('tls-expired', 'error', 'diag.tlsExpired.cause', 'diag.tlsExpired.fix', 'contactOperator', detail);
    case 'tls-hostname':
      return make('tls-hostname', 'error', 'diag.tlsHostname.cause', 'diag.tlsHostname.fix', 'fixUrl', detail);
    case 'tls-untrusted':
      return make('tls-untrusted', 'error', 'diag.tlsUntrusted.cause', 'diag.tlsUntrusted.fix', 'checkCertificate', detail);
    case 'tls-other':
      return /wrong.version|WRONG_VERSION|packet length/i.test(`${failure.code} ${failure.detail}`)
        ? make('tls-plain-http', 'error', 'diag.tlsPlainHttp.cause', 'diag.tlsPlainHttp.fix', 'fixUrl', detail)
        : make('tls-other', 'error', 'diag.tlsOther.cause', 'diag.tlsOther.fix', 'checkCertificate', detail);
    case 'proxy':
      return make('proxy-failed', 'error', 'diag.proxyFailed.cause', 'diag.proxyFailed.fix', 'checkProxy', detail);
    case 'other':
      return make('network-other', 'error', 'diag.networkOther.cause', 'diag.networkOther.fix', 'retryLater', detail, { error: failure.detail.slice(0, 120) });
  }
}

function describeRedirect(location: string | undefined, endpoint: PoolEndpoint): 'https' | 'login' | 'other-host' | 'same-host' {
  if (!location) return 'same-host';
  let target: URL;
  try {
    target = new URL(location, endpoint.apiBase);
  } catch {
    return 'same-host';
  }
  const from = new URL(endpoint.origin);
  if (target.hostname !== from.hostname) return 'other-host';
  if (from.protocol === 'http:' && target.protocol === 'https:') return 'https';
  if (/\/(login|admin|auth|signin|sso)\b/i.test(target.pathname)) return 'login';
  return 'same-host';
}

function routeOf(ctx: DiagnosisContext): string {
  const url = urlOf(ctx);
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the full string
  }
  return `${ctx.step === 'chat' ? 'POST' : 'GET'} ${path}`;
}

function urlOf(ctx: DiagnosisContext): string {
  return ctx.step === 'chat' ? ctx.endpoint.traeCallUrl : ctx.step === 'usage' ? ctx.endpoint.usageUrl : ctx.endpoint.modelsUrl;
}

function phaseWord(phase: 'connect' | 'headers' | 'body'): string {
  return phase === 'connect' ? 'connecting' : phase === 'headers' ? 'waiting for the answer' : 'reading the answer';
}
