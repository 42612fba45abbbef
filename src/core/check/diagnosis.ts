// Every way a check can end, as a diagnosis: how bad it is, the cause and the fix (localizable), a
// key-free technical detail for the log, and the action that leads on. Covers every row of the
// contract's error table plus the network, TLS, proxy and body failures seen in front of pools.
import type { EndpointFinding, Severity } from '../url/endpoint';
import { msg, type MessageArgs, type MessageId, type Msg } from '../text/messages';

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
  'more-model-not-listed': ['warning', 'moreModelNotListed', 'chooseModel'],
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

/** A URL rule's finding as a diagnosis of the URL step: fixing the URL is what it asks. */
export function urlDiagnosis(f: EndpointFinding): Diagnosis {
  return {
    code: `url:${f.code}`,
    step: 'url',
    severity: f.severity,
    cause: f.cause,
    fix: f.fix,
    detail: `URL rule ${f.code}`,
    action: 'fixUrl',
  };
}

export function healthOf(severity: Severity): Health {
  return severity === 'error' ? 'failing' : severity === 'warning' ? 'degraded' : 'ok';
}
