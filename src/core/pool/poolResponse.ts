// Reading what came back from a pool, whatever it was: what a failure is, the body's kind, the error
// envelope compacted, a proxy's own page told from the pool's. Every string is redacted (`Clean`) before use,
// and every string kept to be shown is made inert and clipped (`shownText`), on every path (client and stream).
import type * as z from 'zod/mini';
import { clampText, inertText } from '../text/inertText';
import { redactText } from '../secrets/redact';
import type { ErrorEnvelopeSchema } from './schemas';
import { TransportError, type HttpResponse, type RequestPhase, type TransportReason } from '../http/transport';

export type BodyKind = 'json' | 'html' | 'empty' | 'text';

/** What is kept of each field of an error envelope (code, message, type, param). */
export const ERROR_FIELD_CHARS = 200;

export interface PoolErrorInfo {
  readonly code?: string;
  readonly message?: string;
  readonly type?: string;
  readonly param?: string;
}

export type PoolFailure =
  | {
      readonly kind: 'transport';
      readonly reason: TransportReason;
      readonly phase: RequestPhase;
      readonly code?: string;
      readonly detail: string;
    }
  | { readonly kind: 'redirect'; readonly status: number; readonly location?: string }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly body: BodyKind;
      readonly error?: PoolErrorInfo;
      readonly fromProxy: boolean;
    }
  | { readonly kind: 'invalid'; readonly status: number; readonly body: BodyKind; readonly detail: string }
  | { readonly kind: 'blocked'; readonly reason: 'key' | 'origin' };

/** Removes secrets from one string taken from an answer (after JSON decoding). */
export type Clean = (text: string) => string;

/** The one way to clean text from a pool: the key sent (if any) and anything secret-shaped, also encoded. */
export function cleanerFor(key: string | undefined): Clean {
  const secrets = key === undefined ? [] : [key];
  return (text) => redactText(text, secrets);
}

/**
 * Text from a pool as it may be shown: redacted first (a clip must never leave part of a secret behind; the
 * redaction is linear, so a huge string costs time, not a hazard), then inert, then clipped to `max`.
 */
export function shownText(text: string, clean: Clean, max: number): string {
  return clampText(inertText(clean(text)), max);
}

export function transportFailure(error: unknown, clean: Clean): PoolFailure {
  if (error instanceof TransportError) {
    return {
      kind: 'transport',
      reason: error.reason,
      phase: error.phase,
      ...(error.code ? { code: error.code } : {}),
      detail: shownText(error.message, clean, 300),
    };
  }
  return { kind: 'transport', reason: 'other', phase: 'connect', detail: shownText(String(error), clean, 300) };
}

type ParsedBody = { kind: 'json'; json: unknown } | { kind: Exclude<BodyKind, 'json'> };

export function parseBody(response: HttpResponse): ParsedBody {
  const text = response.body.trim();
  if (text === '') return { kind: 'empty' };
  const contentType = response.headers['content-type'] ?? '';
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body|\?xml|[a-z])/i.test(text)) return { kind: 'html' };
  try {
    return { kind: 'json', json: JSON.parse(text) };
  } catch {
    return { kind: 'text' };
  }
}

/** The error envelope's fields as they may be shown (`shownText`): the pool client's and the stream's alike. */
export function compactError(error: z.infer<typeof ErrorEnvelopeSchema>['error'], clean: Clean): PoolErrorInfo {
  const clip = (s: string | null | undefined) =>
    typeof s === 'string' && s !== '' ? shownText(s, clean, ERROR_FIELD_CHARS) : undefined;
  const code = clip(error.code);
  const message = clip(error.message);
  const type = clip(error.type);
  const param = clip(error.param);
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(type ? { type } : {}),
    ...(param ? { param } : {}),
  };
}

/** Every string in a small validated value (usage), redacted. */
export function cleanStrings<T>(value: T, clean: Clean): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => cleanStrings(v, clean)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v, clean)])) as T;
  }
  return value;
}

/** A proxy's own error page, not the pool's answer (Via / Proxy-* headers, or a proxy's Server). */
export function looksLikeProxy(response: Pick<HttpResponse, 'status' | 'headers'>): boolean {
  const h = response.headers;
  if (response.status === 407) return true;
  if (h['proxy-authenticate'] || h['proxy-agent']) return true;
  return /proxy|squid|privoxy/i.test(h['server'] ?? '');
}
