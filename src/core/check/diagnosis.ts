// Every way a check can end, as a diagnosis: how bad it is, the cause and the fix (localizable), a
// key-free technical detail for the log, and the action that leads on. Covers every row of the
// contract's error table plus the network, TLS, proxy and body failures seen in front of pools.
import type { PoolEndpoint, Severity } from '../url/endpoint';
import { msg, type MessageArgs, type MessageId, type Msg } from '../text/messages';
import { MAX_MODELS } from '../pool/modelList';
import type { ModelSkipReason, SkippedModel } from '../pool/poolClient';
import type { PoolFailure } from '../pool/poolResponse';
import type { ProxyRoute } from '../http/proxyRoute';

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
  | 'fixKeyStore'
  | 'moveSecret'
  | 'none';

export type CheckStepId = 'url' | 'key' | 'models' | 'chat' | 'usage';
/** Where a diagnosis was found: a step of the connection check, or a turn of the Trae-shaped check (traeCheck.ts). */
export type DiagnosisStep = CheckStepId | 'turn1' | 'turn2';

export interface Diagnosis {
  readonly code: string;
  readonly step: DiagnosisStep;
  readonly severity: Severity;
  readonly cause: Msg;
  readonly fix: Msg;
  /** Technical, key-free: "POST /v1/chat/completions -> HTTP 401 api_key_missing". */
  readonly detail: string;
  readonly action: NextAction;
}

/** Names with both a diag.<name>.cause and a diag.<name>.fix message. */
type DiagName = {
  [K in MessageId]: K extends `diag.${infer N}.cause` ? (`diag.${N}.fix` extends MessageId ? N : never) : never;
}[MessageId];
type Row = readonly [severity: Severity, name: DiagName, action: NextAction];

// Diagnosis code -> severity, message pair, next action. The pool's error codes (the contract's
// error table) come first; codes are open strings, unknown ones become 'unknown-code'.
const ROWS = {
  api_key_missing: ['error', 'apiKeyMissing', 'setApiKey'],
  api_key_disabled: ['error', 'apiKeyDisabled', 'contactOperator'],
  api_key_expired: ['error', 'apiKeyExpired', 'setApiKey'],
  v1_compatibility_disabled: ['error', 'v1Disabled', 'contactOperator'],
  access_denied: ['error', 'accessDenied', 'contactOperator'],
  settings_unavailable: ['error', 'settingsUnavailable', 'retryLater'],
  unsupported_endpoint: ['error', 'unsupportedEndpoint', 'fixUrl'],
  invalid_model: ['error', 'invalidModel', 'chooseModel'],
  model_not_allowed: ['error', 'modelNotAllowed', 'chooseModel'],
  no_eligible_backend: ['error', 'noEligibleBackend', 'contactOperator'],
  quota_exhausted: ['error', 'quotaExhausted', 'retryLater'],
  rate_limit_exceeded: ['error', 'rateLimited', 'retryLater'],
  usage_limit_exceeded: ['error', 'usageLimited', 'retryLater'],
  upstream_network_error: ['error', 'upstreamNetwork', 'retryLater'],
  context_length_exceeded: ['error', 'contextLength', 'contactOperator'],
  server_is_overloaded: ['error', 'overloaded', 'retryLater'],
  unsupported_parameter: ['error', 'unsupportedParameter', 'contactOperator'],
  unsupported_model_capability: ['error', 'unsupportedCapability', 'chooseModel'],
  'unknown-code': ['error', 'unknownCode', 'contactOperator'],
  'key-not-sent': ['error', 'keyNotSent', 'setApiKey'],
  'origin-blocked': ['error', 'originBlocked', 'fixUrl'],
  cancelled: ['warning', 'cancelled', 'none'],
  'timeout-connect': ['error', 'timeoutConnect', 'startPool'],
  'timeout-headers': ['error', 'timeoutHeaders', 'raiseTimeout'],
  'timeout-chat': ['error', 'timeoutChat', 'raiseTimeout'],
  'timeout-body': ['error', 'timeoutBody', 'retryLater'],
  'refused-local': ['error', 'refusedLocal', 'startPool'],
  refused: ['error', 'refused', 'startPool'],
  dns: ['error', 'dns', 'fixUrl'],
  unreachable: ['error', 'unreachable', 'startPool'],
  reset: ['error', 'reset', 'retryLater'],
  'cut-off': ['error', 'cutOff', 'retryLater'],
  'stream-stalled': ['error', 'streamStalled', 'contactOperator'],
  // The Trae-shaped check (traeCheck.ts): a stream, tools, and the conversation sent back.
  'stream-error-frame': ['error', 'streamErrorFrame', 'retryLater'],
  'stream-no-done': ['error', 'streamNoDone', 'contactOperator'],
  'stream-buffered': ['warning', 'streamBuffered', 'contactOperator'],
  'stream-ignored': ['error', 'streamIgnored', 'contactOperator'],
  'stream-bad-frame': ['error', 'streamBadFrame', 'contactOperator'],
  'second-turn-rejected': ['error', 'secondTurnRejected', 'contactOperator'],
  'stream-no-usage': ['info', 'streamNoUsage', 'none'],
  'too-large': ['error', 'tooLarge', 'fixUrl'],
  'tls-self-signed': ['error', 'tlsSelfSigned', 'checkCertificate'],
  'tls-expired': ['error', 'tlsExpired', 'contactOperator'],
  'tls-hostname': ['error', 'tlsHostname', 'fixUrl'],
  'tls-untrusted': ['error', 'tlsUntrusted', 'checkCertificate'],
  'tls-plain-http': ['error', 'tlsPlainHttp', 'fixUrl'],
  'tls-other': ['error', 'tlsOther', 'checkCertificate'],
  'proxy-failed': ['error', 'proxyFailed', 'checkProxy'],
  'proxy-rejected': ['error', 'proxyRejected', 'checkProxy'],
  'network-other': ['error', 'networkOther', 'retryLater'],
  'redirect-https': ['error', 'redirectHttps', 'fixUrl'],
  'redirect-login': ['error', 'redirectLogin', 'fixUrl'],
  'redirect-other-host': ['error', 'redirectOtherHost', 'fixUrl'],
  redirect: ['error', 'redirect', 'fixUrl'],
  'not-found': ['error', 'notFound', 'fixUrl'],
  'chat-not-found': ['error', 'chatNotFound', 'fixUrl'],
  'gateway-auth': ['error', 'gatewayAuth', 'contactOperator'],
  'rate-limited-gateway': ['error', 'rateLimited', 'retryLater'],
  'gateway-error': ['error', 'gatewayError', 'retryLater'],
  'html-body': ['error', 'htmlBody', 'fixUrl'],
  'empty-body': ['error', 'emptyBody', 'fixUrl'],
  'not-json': ['error', 'notJson', 'fixUrl'],
  'wrong-shape': ['error', 'wrongShape', 'fixUrl'],
  'unexpected-status': ['error', 'unexpectedStatus', 'fixUrl'],
  'key-missing': ['error', 'keyMissing', 'setApiKey'],
  'url-invalid': ['error', 'urlInvalid', 'fixUrl'],
  'secret-in-setting': ['error', 'secretInSetting', 'moveSecret'],
  'key-store-unavailable': ['error', 'keyStoreUnavailable', 'fixKeyStore'],
  'model-missing': ['error', 'modelMissing', 'chooseModel'],
  'models-empty': ['error', 'modelsEmpty', 'contactOperator'],
  'model-not-listed': ['error', 'modelNotListed', 'chooseModel'],
  'models-skipped': ['info', 'modelsSkipped', 'none'],
  'pool-found': ['info', 'poolFound', 'none'],
  'answers-without-key': ['error', 'answersWithoutKey', 'fixUrl'],
  'other-api': ['error', 'otherApi', 'fixUrl'],
  'answer-mismatch': ['warning', 'answerMismatch', 'none'],
  'content-filter': ['warning', 'contentFilter', 'retryLater'],
  'served-model-differs': ['info', 'servedModelDiffers', 'none'],
  'limit-reached': ['error', 'limitReached', 'retryLater'],
  'limit-near': ['warning', 'limitNear', 'retryLater'],
} as const satisfies Record<string, Row>;

export type DiagnosisCode = keyof typeof ROWS;
/** The error.code values of the contract's error table (and the pool's other known codes). */
export const KNOWN_POOL_ERROR_CODES: readonly string[] = Object.keys(ROWS).filter((code) =>
  /^[a-z0-9]+(_[a-z0-9]+)+$/.test(code),
);

/** The cause and fix message ids of a diagnosis code (for documentation), if it is one. */
export function messagesFor(code: string): { cause: MessageId; fix: MessageId } | undefined {
  if (!Object.prototype.hasOwnProperty.call(ROWS, code)) return undefined;
  const name = ROWS[code as DiagnosisCode][1];
  return { cause: `diag.${name}.cause`, fix: `diag.${name}.fix` };
}

export interface DiagnosisOptions {
  readonly args?: MessageArgs;
  readonly severity?: Severity;
  /** A different cause or fix message than the row's pair (e.g. the empty-answer variant). */
  readonly cause?: MessageId;
  readonly fix?: MessageId;
}

/** Builds the diagnosis for a code from its row. */
export function diagnosis(
  code: DiagnosisCode,
  step: DiagnosisStep,
  detail: string,
  options: DiagnosisOptions = {},
): Diagnosis {
  const [severity, name, action] = ROWS[code] as Row;
  return {
    code,
    step,
    severity: options.severity ?? severity,
    cause: msg(options.cause ?? `diag.${name}.cause`, options.args),
    fix: msg(options.fix ?? `diag.${name}.fix`, options.args),
    detail,
    action,
  };
}

export interface DiagnosisContext {
  readonly step: Extract<CheckStepId, 'models' | 'chat' | 'usage'>;
  readonly endpoint: PoolEndpoint;
  readonly model?: string;
  /** How this request reaches the pool, as far as is certain (see proxyRoute.ts); absent: not known. */
  readonly route?: ProxyRoute;
}

export function healthOf(severity: Severity): Health {
  return severity === 'error' ? 'failing' : severity === 'warning' ? 'degraded' : 'ok';
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

// One diagnosis per reason, each fully localized: "Skipped 1 of the pool's models: id too long".
const SKIP_CAUSES: Record<ModelSkipReason, MessageId> = {
  'not-an-object': 'diag.modelsSkipped.cause',
  'id-missing': 'diag.modelsSkippedIdMissing.cause',
  'id-not-text': 'diag.modelsSkippedIdNotText.cause',
  'id-too-long': 'diag.modelsSkippedIdTooLong.cause',
  'id-unsafe-characters': 'diag.modelsSkippedIdUnsafe.cause',
  'duplicate-id': 'diag.modelsSkippedDuplicate.cause',
};

/** Info diagnoses for the entries of the model list that were left out (they never change health). */
export function diagnoseSkippedModels(
  skipped: readonly SkippedModel[],
  truncated: number,
  step: CheckStepId = 'models',
): Diagnosis[] {
  const byReason = new Map<ModelSkipReason, SkippedModel[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  const found = [...byReason].map(([reason, list]) => {
    const shown = list
      .slice(0, 5)
      .map((s) => `#${s.index}${s.id !== undefined ? ` ${JSON.stringify(s.id)}` : ''}`)
      .join(', ');
    return diagnosis(
      'models-skipped',
      step,
      `GET /v1/models: ${list.length} entries skipped (${reason}): ${shown}${list.length > 5 ? ', …' : ''}`,
      {
        args: { count: list.length, max: MAX_MODELS },
        cause: SKIP_CAUSES[reason],
      },
    );
  });
  if (truncated > 0) {
    found.push(
      diagnosis('models-skipped', step, `GET /v1/models: ${truncated} entries after the first ${MAX_MODELS} not read`, {
        args: { count: truncated, max: MAX_MODELS },
        cause: 'diag.modelsTruncated.cause',
      }),
    );
  }
  return found;
}
