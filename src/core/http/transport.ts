// The one seam between the pool client and the network: tests inject their own, the editor uses the
// Node one (which the editor's proxy support patches). Nothing here follows redirects.

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** One deadline for connect + headers + body. */
  readonly timeoutMs: number;
  /** The body is cut off (and the request fails) beyond this many bytes. */
  readonly maxBodyBytes: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** A request whose answer is read as it arrives (server-sent events). */
export interface StreamRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Deadline for connect + response headers. */
  readonly timeoutMs: number;
  /** The longest silence allowed between two chunks of the body (and before the first): 'stalled' beyond it. */
  readonly idleTimeoutMs: number;
  /** Deadline for the whole exchange, headers to last byte: a server dripping bytes cannot hold it open. */
  readonly totalTimeoutMs: number;
  /** The body is cut off (and the stream fails) beyond this many bytes in total. */
  readonly maxBodyBytes: number;
  readonly signal?: AbortSignal;
}

/** One piece of a body as it arrived: decoded text (never a split UTF-8 sequence) and when. */
export interface StreamChunk {
  readonly text: string;
  /** Arrival time, on the transport's clock (performance.now() unless it was given another). */
  readonly at: number;
}

export interface StreamResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body, chunk by chunk; iterate it once. A failure while reading (stall, cap, cut-off, cancel,
   * deadline) is thrown from the iteration as a TransportError; leaving the loop early closes the request.
   */
  readonly body: AsyncIterable<StreamChunk>;
}

export type StreamTransport = (request: StreamRequest) => Promise<StreamResponse>;

export type TransportReason =
  | 'timeout'
  | 'cancelled'
  | 'refused'
  | 'dns'
  | 'reset'
  | 'cut-off'
  /** A stream stopped sending within its idle deadline (StreamTransport only). */
  | 'stalled'
  | 'too-large'
  | 'unreachable'
  | 'tls-self-signed'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls-untrusted'
  | 'tls-other'
  | 'proxy'
  | 'other';

/** Where the request was when it failed: connecting, waiting for headers, or reading the body. */
export type RequestPhase = 'connect' | 'headers' | 'body';

/** Marks a TransportError in the symbol registry, which every bundle of the extension shares. */
const TRANSPORT_ERROR = Symbol.for('codex-pooler.TransportError');

/**
 * A request that got no usable answer. The transport (built at activation) and the code that reads its errors
 * (the check, in its own bundle) each hold a copy of this class, so `instanceof` asks for the registry mark.
 */
export class TransportError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && TRANSPORT_ERROR in value;
  }

  readonly [TRANSPORT_ERROR] = true;

  constructor(
    readonly reason: TransportReason,
    readonly phase: RequestPhase,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

const TLS_SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const TLS_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Maps a Node/OpenSSL error code (and message, for proxy agents that only set one) to a reason. */
export function classifyNetworkError(code: string | undefined, message: string): TransportReason {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return 'dns';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return 'reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return 'unreachable';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timeout';
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return 'tls-expired';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return 'tls-hostname';
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return 'tls-other';
    default:
      break;
  }
  if (code && TLS_SELF_SIGNED.has(code)) return 'tls-self-signed';
  if (code && TLS_UNTRUSTED.has(code)) return 'tls-untrusted';
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return 'tls-other';
  if (/proxy/i.test(message)) return 'proxy';
  if (/socket hang up/i.test(message)) return 'reset';
  return 'other';
}
