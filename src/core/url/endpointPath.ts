// The path rules of the Custom Request URL: the pool's /v1 base (after an optional reverse-proxy
// prefix), the surfaces that are not the chat completions API, the Full URL switch against the path,
// and the characters no pool path has.
import { finding, fixTo, type EndpointCode, type EndpointFinding, type EndpointName } from './endpointFinding';
import { msg } from '../text/messages';

// What a pool's path (an optional reverse-proxy prefix, then /v1) is made of: letters, digits,
// "-._~", the harmless sub-delimiters and %XX escapes. Anything else ("@", ":", "\\", quotes,
// brackets, a stray "%") is pasted text, and parsers disagree about it: "/x@evil.com/v1" reads as
// a path here but may read as a sign-in to evil.com elsewhere, so the key must not go there.
const PATH_CHARACTER = /[\p{L}\p{N}\-._~!$&()*+,;=/]|%[0-9a-fA-F]{2}/uy;
export const CHAT_COMPLETIONS_SUFFIX = '/chat/completions';
const ADMIN_SEGMENTS = new Set(['admin', 'login', 'logout', 'observatory', 'dashboard']);

export interface PathResult {
  readonly findings: EndpointFinding[];
  /** The path before /v1 ('' at the root, '/prefix' behind a reverse proxy) when /v1 was found. */
  readonly prefix?: string;
}

export function analyzePath(origin: string, rawPath: string, fullUrl: boolean): PathResult {
  const findings: EndpointFinding[] = [];
  const segments = rawPath.split('/').filter((s) => s !== '');
  const lower = segments.map((s) => s.toLowerCase());
  // Every rebuilt path has at least its v1 segment.
  const rebuild = (parts: readonly string[], full: boolean) =>
    origin + '/' + parts.join('/') + (full ? CHAT_COMPLETIONS_SUFFIX : '');

  // Surfaces that answer with something else than the chat completions API.
  const surface = findSurface(lower);
  if (surface) {
    const prefix = segments.slice(0, surface.at);
    const base = [...prefix, 'v1'];
    findings.push(finding(surface.code, 'error', surface.name, [fixTo(rebuild(base, fullUrl), fullUrl, 'useV1')]));
    return { findings };
  }

  const v1 = lower.indexOf('v1');
  if (v1 === -1) {
    const chatAt = indexOfPair(lower, 'chat', 'completions');
    const prefix = chatAt >= 0 ? segments.slice(0, chatAt) : segments;
    const missing = finding('missing-v1', 'error', 'missingV1', [
      fixTo(rebuild([...prefix, 'v1'], fullUrl), fullUrl, 'addV1'),
    ]);
    // At the root it is the admin UI: say so.
    findings.push(segments.length === 0 ? { ...missing, cause: msg('endpoint.missingV1Root.cause') } : missing);
    return { findings };
  }

  let last = v1;
  while (lower[last + 1] === 'v1') last++;
  const prefix = segments.slice(0, v1);
  const base = [...prefix, 'v1'];
  if (last > v1) {
    findings.push(finding('double-v1', 'error', 'doubleV1', [fixTo(rebuild(base, fullUrl), fullUrl, 'singleV1')]));
  }
  const apiWords = new Set(['v1', 'chat', 'completions']);
  if (segments.slice(v1).some((s, i) => s !== lower[v1 + i] && apiWords.has(lower[v1 + i]!))) {
    findings.push(finding('path-case', 'error', 'pathCase', [fixTo(rebuild(base, fullUrl), fullUrl, 'lowercasePath')]));
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
    findings.push(
      finding('responses-surface', 'error', 'responses', [fixTo(rebuild(base, fullUrl), fullUrl, 'useV1')]),
    );
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
        finding('empty-segment', 'warning', 'emptySegment', [fixTo(collapsed, fullUrl, 'collapseSlashes')]),
      );
    } else if (rawPath.endsWith('/')) {
      findings.push(
        finding('trailing-slash', 'warning', 'trailingSlash', [fixTo(collapsed, fullUrl, 'removeTrailingSlash')]),
      );
    }
  }
  return { findings, prefix: prefix.length ? '/' + prefix.join('/') : '' };
}

/** The distinct characters of the path that a pool URL never has, in order of appearance. */
export function strangePathCharacters(path: string): string[] {
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
export function pathOf(value: string): string {
  const afterScheme = value.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '');
  // The URL parser ends the host at a backslash too ("http://localhost\v1" is host localhost).
  const slash = afterScheme.search(/[/\\?#]/);
  if (slash === -1) return '';
  const rest = afterScheme.slice(slash);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
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
  // From the first backend-api on: a prefix that kept one would be refused again.
  const backend = lower.indexOf('backend-api');
  return backend >= 0 ? { at: backend, code: 'codex-cli-surface', name: 'codexCli' } : undefined;
}

function indexOfPair(list: readonly string[], first: string, second: string): number {
  for (let i = 0; i + 1 < list.length; i++) if (list[i] === first && list[i + 1] === second) return i;
  return -1;
}
