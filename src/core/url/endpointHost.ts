// The scheme and host rules of the Custom Request URL: how the scheme is written, and which hosts may
// get the key over plain http. Plain http only goes to the three names VS Code's proxy agent always
// connects to directly (localhost, 127.0.0.1, ::1): for any other loopback spelling a configured
// proxy may carry the request, and it could read the `Authorization: Bearer` key on the way.
import { finding, fixTo, type EndpointFinding } from './endpointFinding';

/** Answers whether a URL is valid, for rules that offer a correction only when it is certain. */
export type Validates = (url: string, fullUrl: boolean) => boolean;

const SCHEME_PREFIX = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const HOST_LIKE = /^(\[[0-9a-fA-F:.]+\]|[\p{L}\p{N}._-]+)(:\d{1,5})?(\/.*)?$/u;
// The proxy agent's own list (@vscode/proxy-agent, useProxySettings), as the URL parser writes them.
const DIRECT_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
// ::ffff:127.x.y.z, as typed or as the URL parser writes it ([::ffff:7f00:1]).
const MAPPED_LOOPBACK = /^\[?::ffff:(?:7f[0-9a-f]{2}:[0-9a-f]{1,4}|127\.\d{1,3}\.\d{1,3}\.\d{1,3})\]?$/;

/** Any name or address of this machine's loopback interface, however it is spelled. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.+$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '[::1]' ||
    h === '::1' ||
    IPV4_LOOPBACK.test(h) ||
    MAPPED_LOOPBACK.test(h)
  );
}

/** Only these loopback names are always reached directly, never through a proxy. */
export function isDirectHost(hostname: string): boolean {
  return DIRECT_HOSTS.has(hostname.toLowerCase());
}

/** Which hosts may be used at all, and which only over https. `rawPath` is the path as typed. */
export function hostFindings(url: URL, scheme: string, rawPath: string, fullUrl: boolean): EndpointFinding[] {
  const findings: EndpointFinding[] = [];
  const port = url.port ? `:${url.port}` : '';
  const unspecified = url.hostname === '0.0.0.0' || url.hostname === '[::]';
  if (unspecified) {
    findings.push(
      finding('unspecified-host', 'error', 'unspecifiedHost', { host: url.hostname }, [
        fixTo(`${scheme}://localhost${port}${rawPath}`, fullUrl, 'useLocalhost'),
      ]),
    );
  }
  if (scheme !== 'http' || unspecified || isDirectHost(url.hostname)) return findings;
  if (isLoopbackHost(url.hostname)) {
    findings.push(
      finding('loopback-alias', 'error', 'loopbackAlias', { host: url.hostname }, [
        fixTo(`http://localhost${port}${rawPath}`, fullUrl, 'useLocalhost'),
      ]),
    );
  } else {
    // An explicit port usually serves plain HTTP only, so https on it is a guess, not a correction.
    const corrections = url.port === '' ? [fixTo(`https://${url.host}${rawPath}`, fullUrl, 'useHttps')] : [];
    findings.push(finding('insecure-http', 'error', 'insecureHttp', { host: url.hostname }, corrections));
  }
  return findings;
}

/** How the scheme is written: missing, malformed ("https:/x"), doubled, or not a web scheme. */
export function checkSchemeSyntax(value: string, fullUrl: boolean, validates: Validates): EndpointFinding | undefined {
  const scheme = SCHEME_PREFIX.exec(value)?.[1]?.toLowerCase();
  // "https://http://pool/v1": pasted twice, or a scheme typed in front of a full URL.
  const rest = value.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '');
  if (rest !== value && /[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(rest)) {
    const last = value.slice(value.search(/https?:\/\/(?!.*https?:\/\/)/i));
    const certain = last !== value && /^https?:\/\//i.test(last) && validates(last, fullUrl);
    return finding(
      'doubled-scheme',
      'error',
      'doubledScheme',
      certain ? [fixTo(last, fullUrl, 'dropFirstScheme')] : [],
    );
  }
  if (scheme === 'http' || scheme === 'https') {
    if (!/^[a-zA-Z]+:\/\/[^/]/.test(value)) {
      const rest = value.slice(scheme.length + 1).replace(/^[/\\]*/, '');
      const candidate = `${scheme}://${rest}`;
      const certain = rest !== '' && validates(candidate, fullUrl);
      return finding(
        'malformed-scheme',
        'error',
        'malformedScheme',
        { scheme },
        certain ? [fixTo(candidate, fullUrl, 'repairScheme')] : [],
      );
    }
    return undefined;
  }
  // "localhost:4000/v1" parses as scheme "localhost:"; "pool.example.com/v1" has no scheme at all.
  const withoutSlashes = value.replace(/^\/\//, '');
  // HOST_LIKE never matches "scheme://…": a ":" in it is followed by port digits.
  if (HOST_LIKE.test(withoutSlashes)) {
    const hostname = withoutSlashes.split(/[/:]/)[0] ?? '';
    const bracketed = withoutSlashes.startsWith('[')
      ? withoutSlashes.slice(0, withoutSlashes.indexOf(']') + 1)
      : hostname;
    const guess = isLoopbackHost(bracketed) ? 'http' : 'https';
    const candidate = `${guess}://${withoutSlashes}`;
    const certain = hostname.includes('.') || isLoopbackHost(bracketed);
    return finding(
      'missing-scheme',
      'error',
      'missingScheme',
      { scheme: guess },
      certain ? [fixTo(candidate, fullUrl, 'addScheme')] : [],
    );
  }
  if (scheme !== undefined && !value.includes('://')) {
    return finding('bad-scheme', 'error', 'badScheme', { scheme });
  }
  return undefined;
}
