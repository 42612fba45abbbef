// Trae's "Custom Request URL" and its "Full URL" switch: every way users get them wrong, each as a
// finding with a cause, a fix and (only where it is certain) a corrected value; from a valid input,
// the pool's /v1 base and the exact URL Trae will call. The scheme and host rules live in
// endpointHost.ts, the path rules in endpointPath.ts, the finding shapes in endpointFinding.ts.
import { ANY_SPACE, EDGE_SPACE, SPACE_RUNS } from '../text/pastedSpace';
import { finding, fixTo, type EndpointFinding } from './endpointFinding';
import { checkSchemeSyntax, hostFindings, isLoopbackHost } from './endpointHost';
import { analyzePath, CHAT_COMPLETIONS_SUFFIX, pathOf, strangePathCharacters } from './endpointPath';

export type { Correction, EndpointCode, EndpointFinding, Severity } from './endpointFinding';
export { isDirectHost, isLoopbackHost } from './endpointHost';
export { CHAT_COMPLETIONS_SUFFIX } from './endpointPath';

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
const MAX_URL_LENGTH = 2048;
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['<', '>'],
];
// ASCII and full-width sentence punctuation that no pool URL ends with.
const TRAILING_PUNCTUATION = /[,.;:)\]}\uff0c\u3002\uff1b\uff1a\uff09\u3011\u300d]+$/u;
const OTHER_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\/\/|\d)/;
const isValid = (url: string, fullUrl: boolean) => analyzeEndpoint(url, fullUrl).ok;

export function analyzeEndpoint(rawInput: unknown, rawFullUrl: unknown): EndpointAnalysis {
  const fullUrl = rawFullUrl === true;
  if (typeof rawInput !== 'string') {
    return failed('', fullUrl, finding('not-text', 'error', 'notText'));
  }
  if (rawInput.length > MAX_URL_LENGTH) {
    return failed(
      '',
      fullUrl,
      finding('too-long', 'error', 'tooLong', { length: rawInput.length, max: MAX_URL_LENGTH }),
    );
  }

  const findings: EndpointFinding[] = [];
  let value = rawInput.replace(EDGE_SPACE, '');
  if (value !== rawInput) {
    findings.push(finding('surrounding-whitespace', 'info', 'whitespace', [fixTo(value, fullUrl, 'trim')]));
  }
  const unquoted = stripQuotes(value);
  // Punctuation pasted along with the URL ("…/v1," from a sentence): every later rule reads the value without it.
  const [bare, punctuation] = stripPunctuation(unquoted);
  if (unquoted !== value) findings.push(finding('quoted', 'warning', 'quoted', [fixTo(bare, fullUrl, 'removeQuotes')]));
  if (punctuation !== '') {
    const chars = [...new Set(punctuation)].map((c) => `"${c}"`).join(' ');
    findings.push(
      finding('trailing-punctuation', 'error', 'trailingPunctuation', { chars }, [
        fixTo(bare, fullUrl, 'removePunctuation'),
      ]),
    );
  }
  value = bare;
  // Blank, or only quotes: the findings so far (trimmed, unquoted) would only distract.
  if (value === '') {
    return failed('', fullUrl, finding('empty', 'error', 'empty', { url: LOCAL_DEFAULT_URL }));
  }
  if (ANY_SPACE.test(value)) {
    const squeezed = value.replace(SPACE_RUNS, '');
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

  const schemeProblem = checkSchemeSyntax(value, fullUrl, isValid);
  if (schemeProblem) return failed(value, fullUrl, ...findings, schemeProblem);

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return failed(
      value,
      fullUrl,
      ...findings,
      finding('not-a-url', 'error', 'notUrl', { value: shorten(value), url: LOCAL_DEFAULT_URL }),
    );
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return failed(value, fullUrl, ...findings, finding('bad-scheme', 'error', 'badScheme', { scheme }));
  }
  if (url.hostname === '') {
    return failed(
      value,
      fullUrl,
      ...findings,
      finding('not-a-url', 'error', 'notUrl', { value: shorten(value), url: LOCAL_DEFAULT_URL }),
    );
  }

  const origin = `${scheme}://${url.host}`;
  const rawPath = pathOf(value);

  if (url.username !== '' || url.password !== '') {
    findings.push(
      finding('credentials', 'error', 'credentials', [fixTo(origin + rawPath, fullUrl, 'removeCredentials')]),
    );
  }
  // The parser's search and hash come only from a "?" or "#" in the value (an empty one too).
  if (/[?#]/.test(value)) {
    findings.push(finding('query-or-fragment', 'error', 'query', [fixTo(origin + rawPath, fullUrl, 'removeQuery')]));
  }
  findings.push(...hostFindings(url, scheme, rawPath, fullUrl));
  // 0.0.0.0 and [::] are refused above (unspecified-host), so they never reach an endpoint.
  const loopback = isLoopbackHost(url.hostname);

  const strange = strangePathCharacters(rawPath);
  if (strange.length > 0) {
    // A backslash is a slash typed the Windows way: replacing it is certain when nothing else is off.
    const slashed = origin + rawPath.replace(/\\/g, '/');
    const certain = strange.every((c) => c === '\\') && analyzeEndpoint(slashed, fullUrl).ok;
    findings.push(
      finding(
        'path-characters',
        'error',
        'pathCharacters',
        { chars: strange.map((c) => `"${c}"`).join(' ') },
        certain ? [fixTo(slashed, fullUrl, 'useSlashes')] : [],
      ),
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

/** The value without the punctuation (and quotes) at its end, and the punctuation removed. */
function stripPunctuation(value: string): [string, string] {
  let current = value;
  let removed = '';
  // Each round makes the value shorter, so this ends.
  for (
    let found = trailingPunctuation(current);
    found !== '' && found !== current;
    found = trailingPunctuation(current)
  ) {
    removed = found + removed;
    current = stripQuotes(current.slice(0, -found.length).replace(EDGE_SPACE, ''));
  }
  return [current, removed];
}

function trailingPunctuation(value: string): string {
  // "javascript:alert(1)" or "http:" end in their own punctuation: the scheme rules speak about those.
  if (OTHER_SCHEME.test(value)) return '';
  const found = TRAILING_PUNCTUATION.exec(value)?.[0] ?? '';
  // "http://[::1]" ends with the bracket of its host, not with punctuation.
  return value.includes('[') ? found.slice(found.lastIndexOf(']') + 1) : found;
}

function stripQuotes(value: string): string {
  let current = value;
  for (let i = 0; i < 3; i++) {
    const pair = QUOTE_PAIRS.find(
      ([open, close]) => current.length >= 2 && current.startsWith(open) && current.endsWith(close),
    );
    if (!pair) break;
    current = current.slice(pair[0].length, current.length - pair[1].length).replace(EDGE_SPACE, '');
  }
  // A lone quote at one end is a paste accident too.
  return current.replace(/^["'`\u201c\u2018]+(?=https?:)/i, '').replace(/(?<=\S)["'`\u201d\u2019]+$/, '');
}

function failed(input: string, fullUrl: boolean, ...findings: EndpointFinding[]): EndpointAnalysis {
  return { input, fullUrl, ok: false, findings };
}

function shorten(value: string): string {
  return value.length > 80 ? value.slice(0, 77) + '…' : value;
}
