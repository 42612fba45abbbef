// Trae's "Custom Request URL" and its "Full URL" switch: every way users get them wrong, each as a
// finding with a cause, a fix and (only where it is certain) a corrected value; from a valid input,
// the pool's /v1 base and the exact URL Trae will call.
import { msg, type MessageArgs, type MessageId, type Msg } from './messages';

export type Severity = 'error' | 'warning' | 'info';

export type EndpointCode =
  | 'not-text'
  | 'too-long'
  | 'empty'
  | 'surrounding-whitespace'
  | 'quoted'
  | 'inner-whitespace'
  | 'missing-scheme'
  | 'malformed-scheme'
  | 'doubled-scheme'
  | 'not-a-url'
  | 'bad-scheme'
  | 'credentials'
  | 'path-characters'
  | 'query-or-fragment'
  | 'unspecified-host'
  | 'insecure-http'
  | 'trailing-slash'
  | 'empty-segment'
  | 'path-case'
  | 'admin-ui'
  | 'mcp-surface'
  | 'codex-cli-surface'
  | 'responses-surface'
  | 'realtime-surface'
  | 'models-path'
  | 'missing-v1'
  | 'double-v1'
  | 'unexpected-path'
  | 'full-url-off-chat-path'
  | 'full-url-on-base-path';

/** A one-click fix: the whole new pair of values, so applying it can never half-apply. */
export interface Correction {
  readonly url: string;
  readonly fullUrl: boolean;
  readonly label: Msg;
}

export interface EndpointFinding {
  readonly code: EndpointCode;
  readonly severity: Severity;
  readonly cause: Msg;
  readonly fix: Msg;
  readonly corrections: readonly Correction[];
}

export interface PoolEndpoint {
  /** scheme://host[:port] of the pool: the only place the key may be sent. */
  readonly origin: string;
  /** host[:port], for display. */
  readonly host: string;
  readonly loopback: boolean;
  /** The pool's OpenAI-compatible base, e.g. https://pool.example.com/v1 (no trailing slash). */
  readonly apiBase: string;
  readonly fullUrl: boolean;
  /** The canonical value to type into Trae's Custom Request URL for this Full URL setting. */
  readonly traeUrl: string;
  /** The URL Trae will POST chat requests to, from the value exactly as entered. */
  readonly traeCallUrl: string;
  readonly modelsUrl: string;
  readonly usageUrl: string;
}

export interface EndpointAnalysis {
  /** The value as given, trimmed of stray whitespace and quotes (never the raw unknown). */
  readonly input: string;
  readonly fullUrl: boolean;
  readonly ok: boolean;
  readonly findings: readonly EndpointFinding[];
  readonly endpoint?: PoolEndpoint;
}

export const LOCAL_DEFAULT_URL = 'http://localhost:4000/v1';
export const CHAT_COMPLETIONS_SUFFIX = '/chat/completions';
const MAX_URL_LENGTH = 2048;
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['<', '>'],
];
// Whitespace plus the invisible characters that ride along with copy and paste.
const SPACE_CHARS = '\\s\\u00a0\\u200b\\u200c\\u200d\\u2060\\ufeff';
const EDGE_SPACE = new RegExp(`^[${SPACE_CHARS}]+|[${SPACE_CHARS}]+$`, 'g');
const ANY_SPACE = new RegExp(`[${SPACE_CHARS}]`);
const ALL_SPACE = new RegExp(`[${SPACE_CHARS}]+`, 'g');
const SCHEME_PREFIX = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const HOST_LIKE = /^(\[[0-9a-fA-F:.]+\]|[\p{L}\p{N}._-]+)(:\d{1,5})?(\/.*)?$/u;
// What a pool's path (an optional reverse-proxy prefix, then /v1) is made of: letters, digits,
// "-._~", the harmless sub-delimiters and %XX escapes. Anything else ("@", ":", "\\", quotes,
// brackets, a stray "%") is pasted text, and parsers disagree about it: "/x@evil.com/v1" reads as
// a path here but may read as a sign-in to evil.com elsewhere, so the key must not go there.
const PATH_CHARACTER = /[\p{L}\p{N}\-._~!$&()*+,;=/]|%[0-9a-fA-F]{2}/uy;
const ADMIN_SEGMENTS = new Set(['admin', 'login', 'logout', 'observatory', 'dashboard']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '[::1]' ||
    h === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

export function analyzeEndpoint(rawInput: unknown, rawFullUrl: unknown): EndpointAnalysis {
  const fullUrl = rawFullUrl === true;
  if (typeof rawInput !== 'string') {
    return failed('', fullUrl, finding('not-text', 'error', 'notText'));
  }
  if (rawInput.length > MAX_URL_LENGTH) {
    return failed('', fullUrl, finding('too-long', 'error', 'tooLong', { length: rawInput.length, max: MAX_URL_LENGTH }));
  }

  const findings: EndpointFinding[] = [];
  let value = rawInput.replace(EDGE_SPACE, '');
  if (value === '') {
    return failed('', fullUrl, finding('empty', 'error', 'empty', { url: LOCAL_DEFAULT_URL }));
  }
  if (value !== rawInput) {
    findings.push(
      finding('surrounding-whitespace', 'info', 'whitespace', [
        fixTo(value, fullUrl, 'trim'),
      ]),
    );
  }
  const unquoted = stripQuotes(value);
  if (unquoted !== value) {
    value = unquoted;
    findings.push(
      finding('quoted', 'warning', 'quoted', [
        fixTo(value, fullUrl, 'removeQuotes'),
      ]),
    );
  }
  if (value === '') {
    return failed('', fullUrl, finding('empty', 'error', 'empty', { url: LOCAL_DEFAULT_URL }));
  }
  if (ANY_SPACE.test(value)) {
    const squeezed = value.replace(ALL_SPACE, '');
    const certain = analyzeEndpoint(squeezed, fullUrl).findings.every((f) => f.severity !== 'error');
    return failed(
      value,
      fullUrl,
      ...findings,
      finding(
        'inner-whitespace',
        'error',
        'innerWhitespace',
        certain ? [fixTo(squeezed, fullUrl, 'removeSpaces')] : [],
      ),
    );
  }

  const schemeProblem = checkSchemeSyntax(value, fullUrl);
  if (schemeProblem) return failed(value, fullUrl, ...findings, schemeProblem);

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return failed(value, fullUrl, ...findings, finding('not-a-url', 'error', 'notUrl', { value: shorten(value), url: LOCAL_DEFAULT_URL }));
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return failed(value, fullUrl, ...findings, finding('bad-scheme', 'error', 'badScheme', { scheme }));
  }
  if (url.hostname === '') {
    return failed(value, fullUrl, ...findings, finding('not-a-url', 'error', 'notUrl', { value: shorten(value), url: LOCAL_DEFAULT_URL }));
  }

  const origin = `${scheme}://${url.host}`;
  const rawPath = pathOf(value);

  if (url.username !== '' || url.password !== '') {
    findings.push(
      finding('credentials', 'error', 'credentials', [
        fixTo(origin + rawPath, fullUrl, 'removeCredentials'),
      ]),
    );
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    findings.push(
      finding('query-or-fragment', 'error', 'query', [
        fixTo(origin + rawPath, fullUrl, 'removeQuery'),
      ]),
    );
  }
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') {
    findings.push(
      finding('unspecified-host', 'error', 'unspecifiedHost', { host: url.hostname }, [
        fixTo(`${scheme}://localhost${url.port ? `:${url.port}` : ''}${rawPath}`, fullUrl, 'useLocalhost'),
      ]),
    );
  }
  const loopback = isLoopbackHost(url.hostname) || url.hostname === '0.0.0.0' || url.hostname === '[::]';
  if (scheme === 'http' && !loopback) {
    // An explicit port usually serves plain HTTP only, so https on it is a guess, not a correction.
    const corrections = url.port === '' ? [fixTo(`https://${url.host}${rawPath}`, fullUrl, 'useHttps')] : [];
    findings.push(finding('insecure-http', 'error', 'insecureHttp', { host: url.hostname }, corrections));
  }

  const strange = strangePathCharacters(rawPath);
  if (strange.length > 0) {
    // A backslash is a slash typed the Windows way: replacing it is certain when nothing else is off.
    const slashed = origin + rawPath.replace(/\\/g, '/');
    const certain = strange.every((c) => c === '\\') && analyzeEndpoint(slashed, fullUrl).ok;
    findings.push(
      finding('path-characters', 'error', 'pathCharacters', { chars: strange.map((c) => `"${c}"`).join(' ') }, certain ? [fixTo(slashed, fullUrl, 'useSlashes')] : []),
    );
    return { input: value, fullUrl, ok: false, findings };
  }

  const pathResult = analyzePath(origin, rawPath, fullUrl);
  findings.push(...pathResult.findings);

  const ok = findings.every((f) => f.severity !== 'error');
  if (!ok || pathResult.prefix === undefined) return { input: value, fullUrl, ok: false, findings };

  const apiBase = origin + pathResult.prefix + '/v1';
  const asEntered = origin + rawPath;
  const endpoint: PoolEndpoint = {
    origin,
    host: url.host,
    loopback,
    apiBase,
    fullUrl,
    traeUrl: fullUrl ? apiBase + CHAT_COMPLETIONS_SUFFIX : apiBase,
    traeCallUrl: fullUrl ? asEntered : asEntered + CHAT_COMPLETIONS_SUFFIX,
    modelsUrl: apiBase + '/models',
    usageUrl: apiBase + '/usage',
  };
  return { input: value, fullUrl, ok: true, findings, endpoint };
}

/**
 * Applies the first correction of each error until the value is valid or no certain correction is
 * left: the wizard's "fix all". Returns undefined when nothing certain can be done.
 */
export function suggestCorrection(input: unknown, fullUrl: unknown): { url: string; fullUrl: boolean } | undefined {
  let current = { url: typeof input === 'string' ? input : '', fullUrl: fullUrl === true };
  for (let round = 0; round < 12; round++) {
    const analysis = analyzeEndpoint(current.url, current.fullUrl);
    const next = analysis.findings.find((f) => f.severity !== 'info' && f.corrections.length > 0)?.corrections[0];
    if (!next) {
      const unchanged = current.url === input && current.fullUrl === (fullUrl === true);
      return analysis.ok && !unchanged ? current : undefined;
    }
    current = { url: next.url, fullUrl: next.fullUrl };
  }
  return undefined;
}

interface PathResult {
  readonly findings: EndpointFinding[];
  /** The path before /v1 ('' at the root, '/prefix' behind a reverse proxy) when /v1 was found. */
  readonly prefix?: string;
}

function analyzePath(origin: string, rawPath: string, fullUrl: boolean): PathResult {
  const findings: EndpointFinding[] = [];
  const segments = rawPath.split('/').filter((s) => s !== '');
  const lower = segments.map((s) => s.toLowerCase());
  const rebuild = (parts: readonly string[], full: boolean) =>
    origin + (parts.length ? '/' + parts.join('/') : '') + (full ? CHAT_COMPLETIONS_SUFFIX : '');

  // Surfaces that answer with something else than the chat completions API.
  const surface = findSurface(lower);
  if (surface) {
    const prefix = segments.slice(0, surface.at);
    const base = [...prefix, 'v1'];
    findings.push(
      finding(surface.code, 'error', surface.name, [
        fixTo(rebuild(base, fullUrl), fullUrl, 'useV1'),
      ]),
    );
    return { findings };
  }

  const v1 = lower.indexOf('v1');
  if (v1 === -1) {
    const chatAt = indexOfPair(lower, 'chat', 'completions');
    const prefix = chatAt >= 0 ? segments.slice(0, chatAt) : segments;
    const missing = finding('missing-v1', 'error', 'missingV1', [fixTo(rebuild([...prefix, 'v1'], fullUrl), fullUrl, 'addV1')]);
    // At the root it is the admin UI: say so.
    findings.push(segments.length === 0 ? { ...missing, cause: msg('endpoint.missingV1Root.cause') } : missing);
    return { findings };
  }

  let last = v1;
  while (lower[last + 1] === 'v1') last++;
  const prefix = segments.slice(0, v1);
  const base = [...prefix, 'v1'];
  if (last > v1) {
    findings.push(
      finding('double-v1', 'error', 'doubleV1', [
        fixTo(rebuild(base, fullUrl), fullUrl, 'singleV1'),
      ]),
    );
  }
  const apiWords = new Set(['v1', 'chat', 'completions']);
  if (segments.slice(v1).some((s, i) => s !== lower[v1 + i] && apiWords.has(lower[v1 + i]!))) {
    findings.push(
      finding('path-case', 'error', 'pathCase', [
        fixTo(rebuild(base, fullUrl), fullUrl, 'lowercasePath'),
      ]),
    );
  }

  const after = lower.slice(last + 1);
  const tail = after.join('/');
  if (tail === '') {
    if (fullUrl) {
      findings.push(
        finding('full-url-on-base-path', 'error', 'fullUrlOnBase', [
          fixTo(rebuild(base, true), true, 'appendChat'),
          fixTo(rebuild(base, false), false, 'turnFullUrlOff'),
        ]),
      );
    }
  } else if (tail === 'chat/completions') {
    if (!fullUrl) {
      findings.push(
        finding('full-url-off-chat-path', 'error', 'fullUrlOffChat', [
          fixTo(rebuild(base, false), false, 'removeChat'),
          fixTo(rebuild(base, true), true, 'turnFullUrlOn'),
        ]),
      );
    }
  } else if (after[0] === 'responses') {
    findings.push(finding('responses-surface', 'error', 'responses', [fixTo(rebuild(base, fullUrl), fullUrl, 'useV1')]));
  } else if (after[0] === 'realtime') {
    findings.push(finding('realtime-surface', 'error', 'realtime', [fixTo(rebuild(base, fullUrl), fullUrl, 'useV1')]));
  } else if (after[0] === 'models') {
    findings.push(finding('models-path', 'error', 'modelsPath', [fixTo(rebuild(base, fullUrl), fullUrl, 'useV1')]));
  } else {
    findings.push(
      finding('unexpected-path', 'error', 'unexpectedPath', { path: '/' + segments.slice(last + 1).join('/') }, [
        fixTo(rebuild(base, fullUrl), fullUrl, 'useV1'),
      ]),
    );
  }

  // Slashes last: they are only worth a warning when nothing worse is wrong with the path.
  if (findings.length === 0) {
    const collapsed = rebuild(segments, false);
    if (/\/\/./.test(rawPath)) {
      findings.push(
        finding('empty-segment', 'warning', 'emptySegment', [
          fixTo(collapsed, fullUrl, 'collapseSlashes'),
        ]),
      );
    } else if (rawPath.endsWith('/')) {
      findings.push(
        finding('trailing-slash', 'warning', 'trailingSlash', [
          fixTo(collapsed, fullUrl, 'removeTrailingSlash'),
        ]),
      );
    }
  }
  return { findings, prefix: prefix.length ? '/' + prefix.join('/') : '' };
}

interface Surface {
  readonly at: number;
  readonly code: EndpointCode;
  readonly name: EndpointName;
}

function findSurface(lower: readonly string[]): Surface | undefined {
  if (lower.length > 0 && ADMIN_SEGMENTS.has(lower[0]!)) {
    return { at: 0, code: 'admin-ui', name: 'adminUi' };
  }
  const mcp = lower.indexOf('mcp');
  if (mcp >= 0 && lower.indexOf('v1') === -1) {
    return { at: mcp, code: 'mcp-surface', name: 'mcp' };
  }
  const backend = indexOfPair(lower, 'backend-api', 'codex');
  if (backend >= 0 || lower.includes('backend-api')) {
    return { at: backend >= 0 ? backend : lower.indexOf('backend-api'), code: 'codex-cli-surface', name: 'codexCli' };
  }
  return undefined;
}

function checkSchemeSyntax(value: string, fullUrl: boolean): EndpointFinding | undefined {
  const scheme = SCHEME_PREFIX.exec(value)?.[1]?.toLowerCase();
  // "https://http://pool/v1": pasted twice, or a scheme typed in front of a full URL.
  const rest = value.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '');
  if (rest !== value && /[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(rest)) {
    const last = value.slice(value.search(/https?:\/\/(?!.*https?:\/\/)/i));
    const certain = last !== value && /^https?:\/\//i.test(last) && analyzeEndpoint(last, fullUrl).ok;
    return finding('doubled-scheme', 'error', 'doubledScheme', certain ? [fixTo(last, fullUrl, 'dropFirstScheme')] : []);
  }
  if (scheme === 'http' || scheme === 'https') {
    if (!/^[a-zA-Z]+:\/\/[^/]/.test(value)) {
      const rest = value.slice(scheme.length + 1).replace(/^[/\\]*/, '');
      const candidate = `${scheme}://${rest}`;
      const certain = rest !== '' && analyzeEndpoint(candidate, fullUrl).ok;
      return finding('malformed-scheme', 'error', 'malformedScheme', { scheme }, certain ? [fixTo(candidate, fullUrl, 'repairScheme')] : []);
    }
    return undefined;
  }
  // "localhost:4000/v1" parses as scheme "localhost:"; "pool.example.com/v1" has no scheme at all.
  const withoutSlashes = value.replace(/^\/\//, '');
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value) && HOST_LIKE.test(withoutSlashes)) {
    const hostname = (withoutSlashes.split(/[/:]/)[0] ?? '').toLowerCase();
    const bracketed = withoutSlashes.startsWith('[') ? withoutSlashes.slice(0, withoutSlashes.indexOf(']') + 1) : hostname;
    const guess = isLoopbackHost(bracketed) ? 'http' : 'https';
    const candidate = `${guess}://${withoutSlashes}`;
    const certain = hostname.includes('.') || isLoopbackHost(bracketed);
    return finding('missing-scheme', 'error', 'missingScheme', { scheme: guess }, certain ? [fixTo(candidate, fullUrl, 'addScheme')] : []);
  }
  if (scheme !== undefined && !value.includes('://')) {
    return finding('bad-scheme', 'error', 'badScheme', { scheme });
  }
  return undefined;
}

/** The distinct characters of the path that a pool URL never has, in order of appearance. */
function strangePathCharacters(path: string): string[] {
  const found: string[] = [];
  let at = 0;
  while (at < path.length) {
    PATH_CHARACTER.lastIndex = at;
    const match = PATH_CHARACTER.exec(path);
    if (match) {
      at += match[0].length;
      continue;
    }
    const char = String.fromCodePoint(path.codePointAt(at)!);
    if (!found.includes(char)) found.push(char);
    at += char.length;
  }
  return found;
}

/** The path exactly as typed (the URL parser would normalise "/v1/./x" and percent-encoding). */
function pathOf(value: string): string {
  const afterScheme = value.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '');
  // The URL parser ends the host at a backslash too ("http://localhost\v1" is host localhost).
  const slash = afterScheme.search(/[/\\?#]/);
  if (slash === -1) return '';
  const rest = afterScheme.slice(slash);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function stripQuotes(value: string): string {
  let current = value;
  for (let i = 0; i < 3; i++) {
    const pair = QUOTE_PAIRS.find(([open, close]) => current.length >= 2 && current.startsWith(open) && current.endsWith(close));
    if (!pair) break;
    current = current.slice(pair[0].length, current.length - pair[1].length).replace(EDGE_SPACE, '');
  }
  // A lone quote at one end is a paste accident too.
  return current.replace(/^["'`\u201c\u2018]+(?=https?:)/i, '').replace(/(?<=\S)["'`\u201d\u2019]+$/, '');
}

function indexOfPair(list: readonly string[], first: string, second: string): number {
  for (let i = 0; i + 1 < list.length; i++) if (list[i] === first && list[i + 1] === second) return i;
  return -1;
}

/** Names with both an endpoint.<name>.cause and an endpoint.<name>.fix message. */
type EndpointName = { [K in MessageId]: K extends `endpoint.${infer N}.cause` ? (`endpoint.${N}.fix` extends MessageId ? N : never) : never }[MessageId];
type FixName = { [K in MessageId]: K extends `endpoint.fix.${infer N}` ? N : never }[MessageId];

function finding(code: EndpointCode, severity: Severity, name: EndpointName, ...rest: [Correction[]?] | [MessageArgs, Correction[]?]): EndpointFinding {
  const [args, corrections] = Array.isArray(rest[0]) || rest[0] === undefined ? [undefined, rest[0] ?? []] : [rest[0], (rest[1] as Correction[] | undefined) ?? []];
  return { code, severity, cause: msg(`endpoint.${name}.cause`, args), fix: msg(`endpoint.${name}.fix`, args), corrections };
}

function fixTo(url: string, fullUrl: boolean, label: FixName): Correction {
  return { url, fullUrl, label: msg(`endpoint.fix.${label}`, { url }) };
}

function failed(input: string, fullUrl: boolean, ...findings: EndpointFinding[]): EndpointAnalysis {
  return { input, fullUrl, ok: false, findings };
}

function shorten(value: string): string {
  return value.length > 80 ? value.slice(0, 77) + '…' : value;
}
