// What the user pasted into the "Pool API key" field, named before any request is sent: a Pool key
// (sk-cxp-<12 hex>-<43 base64url>) or one of the things people paste instead.
import { ANY_SPACE, EDGE_SPACE, SPACE_RUNS, SPACES_AND_QUOTES } from '../text/pastedSpace';
import type { Severity } from '../url/endpoint';
import { POOL_KEY_PATTERN, maskKey } from './keyShape';
import { msg, type Msg } from '../text/messages';
import { decodeEscapes } from './redact';

export type KeyKind =
  | 'pool-key'
  | 'not-text'
  | 'empty'
  | 'too-long'
  | 'bearer-header'
  | 'env-assignment'
  | 'quoted'
  | 'url'
  | 'mcp-token'
  | 'inner-whitespace'
  | 'other-provider-key'
  | 'oauth-token'
  | 'wrong-shape';

export interface KeyAnalysis {
  readonly ok: boolean;
  readonly kind: KeyKind;
  /** 'info' when the key is fine (maybe after trimming), otherwise why it cannot be used. */
  readonly severity: Severity;
  readonly cause: Msg;
  readonly fix: Msg;
  /** The Pool key to store and send, when ok. */
  readonly key?: string;
  /** A certain repair (e.g. the key inside "Bearer …"): a secret, never log or show it. */
  readonly correction?: string;
}

// Secret shapes anywhere in a text (the same as redaction's), for fields that must never hold one.
const POOL_KEY_IN_TEXT = /sk-cxp-[0-9a-f]{4,}-[A-Za-z0-9_-]{8,}/i;
const MCP_TOKEN_IN_TEXT = /mcp-cxp-[0-9a-f]{4,}-[A-Za-z0-9_-]{8,}/i;
const BEARER_IN_TEXT = /\bbearer\s+[^\s"'`,;]{8,}|\bauthorization\s*:/i;
const MAX_KEY_LENGTH = 512;
const MORE_SPECIFIC: ReadonlySet<KeyKind> = new Set(['mcp-token', 'other-provider-key', 'oauth-token', 'url']);

export function analyzeKey(raw: unknown): KeyAnalysis {
  if (typeof raw !== 'string') return problem('not-text', 'key.notText.cause', 'key.notText.fix');
  if (raw.length > MAX_KEY_LENGTH) {
    return problem('too-long', 'key.tooLong.cause', 'key.tooLong.fix', { length: raw.length });
  }
  const value = raw.replace(EDGE_SPACE, '');
  if (value === '') return problem('empty', 'key.empty.cause', 'key.empty.fix');
  if (POOL_KEY_PATTERN.test(value)) {
    const trimmed = value !== raw;
    return {
      ok: true,
      kind: 'pool-key',
      severity: 'info',
      cause: msg(trimmed ? 'key.okTrimmed.cause' : 'key.ok.cause', { masked: maskKey(value) }),
      fix: msg('key.ok.fix'),
      key: value,
    };
  }

  const bearer = /^(?:authorization\s*:\s*)?bearer\s+(.*)$/is.exec(value);
  if (bearer || /^authorization\s*:/i.test(value)) {
    return withCorrection('bearer-header', 'key.bearer.cause', 'key.bearer.fix', bearer?.[1]);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(www\.|localhost[:/]|127\.0\.0\.1[:/])/i.test(value)) {
    return problem('url', 'key.url.cause', 'key.url.fix');
  }
  const assignment = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*[=:]\s*(.+)$/s.exec(value);
  if (assignment) return withCorrection('env-assignment', 'key.assignment.cause', 'key.assignment.fix', assignment[1]);
  const quoted = /^(["'`\u201c\u2018])(.*)(["'`\u201d\u2019])$/s.exec(value);
  if (quoted) return withCorrection('quoted', 'key.quoted.cause', 'key.quoted.fix', quoted[2]);
  if (/^mcp-cxp-/i.test(value)) return problem('mcp-token', 'key.mcp.cause', 'key.mcp.fix');
  if (ANY_SPACE.test(value)) {
    const squeezed = value.replace(SPACE_RUNS, '');
    const correction = POOL_KEY_PATTERN.test(squeezed) ? squeezed : undefined;
    return {
      ...problem('inner-whitespace', 'key.innerWhitespace.cause', 'key.innerWhitespace.fix'),
      ...(correction ? { correction } : {}),
    };
  }
  if (/^sk-cxp-/i.test(value)) return wrongShape(value);
  if (/^(sk-|sess-|rk-)/.test(value))
    return problem('other-provider-key', 'key.otherProvider.cause', 'key.otherProvider.fix');
  if (/^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)) {
    return problem('oauth-token', 'key.oauth.cause', 'key.oauth.fix');
  }
  return problem('wrong-shape', 'key.wrongShape.cause', 'key.wrongShape.fix', { length: value.length });
}

/**
 * Whether a value meant for another field (the Pool URL, the model id, their settings) holds a secret:
 * a Pool key (also with spaces or quotes inside, or percent-encoded), an MCP token, or an
 * Authorization / Bearer value. Real URLs and model ids never match.
 */
/**
 * A field's text that is on its way to being a secret: it starts like a key ("sk-"), an MCP token or a
 * "Bearer"/"Authorization:" line. No URL or model id starts so; while typed, it is never kept or sent.
 */
export function startsLikeSecret(value: unknown): boolean {
  return typeof value === 'string' && /^[\s"'`]*(sk-|mcp-cxp|bearer\s|authorization\s*:)/i.test(value);
}

/** A field holds a secret, whole or being typed (a key's prefix anywhere is enough): never kept, never sent. */
export function holdsSecret(value: unknown): boolean {
  return (
    startsLikeSecret(value) ||
    (typeof value === 'string' && /sk-cxp-|mcp-cxp-/i.test(value)) ||
    detectPastedSecret(value) !== undefined
  );
}

/** The Pool key inside a pasted text (a "Bearer …" line, quotes, a URL around it), if there is one. */
export function extractPoolKey(text: string): string | undefined {
  const inside = /sk-cxp-[0-9a-f]{12}-[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  if (inside) return inside;
  const analysis = analyzeKey(text);
  return analysis.ok ? analysis.key : analysis.correction;
}

export function detectPastedSecret(value: unknown): 'pool-key' | 'mcp-token' | 'bearer' | undefined {
  if (typeof value !== 'string') return undefined;
  const forms = [value, value.replace(SPACES_AND_QUOTES, ''), decodeEscapes(value)];
  if (forms.some((form) => POOL_KEY_IN_TEXT.test(form))) return 'pool-key';
  if (forms.some((form) => MCP_TOKEN_IN_TEXT.test(form))) return 'mcp-token';
  if (BEARER_IN_TEXT.test(value) || BEARER_IN_TEXT.test(forms[2]!)) return 'bearer';
  return undefined;
}

function wrongShape(value: string): KeyAnalysis {
  const parts = value.slice('sk-cxp-'.length).split('-');
  const id = parts[0] ?? '';
  const secret = parts.slice(1).join('-');
  // Reached only for /^sk-cxp-/i: any other case of the prefix ("SK-", "Sk-", "sk-CXP-") is what is off.
  if (!value.startsWith('sk-cxp-')) {
    return problem('wrong-shape', 'key.prefixCase.cause', 'key.prefixCase.fix');
  }
  if (!/^[0-9a-f]{12}$/.test(id)) {
    return problem('wrong-shape', 'key.badId.cause', 'key.badId.fix', { length: id.length });
  }
  if (secret.length !== 43) {
    return problem('wrong-shape', 'key.badSecretLength.cause', 'key.badSecretLength.fix', { length: secret.length });
  }
  return problem('wrong-shape', 'key.badSecretChars.cause', 'key.badSecretChars.fix');
}

function withCorrection(
  kind: KeyKind,
  cause: Parameters<typeof msg>[0],
  fix: Parameters<typeof msg>[0],
  inner: string | undefined,
): KeyAnalysis {
  const candidate = inner === undefined ? undefined : analyzeKey(inner);
  // "Bearer mcp-cxp-…": what is inside matters more than the wrapping.
  if (candidate && !candidate.ok && MORE_SPECIFIC.has(candidate.kind)) return candidate;
  const correction = candidate?.ok ? candidate.key : candidate?.correction;
  return { ...problem(kind, cause, fix), ...(correction ? { correction } : {}) };
}

function problem(
  kind: KeyKind,
  cause: Parameters<typeof msg>[0],
  fix: Parameters<typeof msg>[0],
  args?: Record<string, string | number>,
): KeyAnalysis {
  return { ok: false, kind, severity: 'error', cause: msg(cause, args), fix: msg(fix, args) };
}
