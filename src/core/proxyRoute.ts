// Whether a request to the pool goes through the editor's proxy, by the rules VS Code's proxy agent
// applies to extensions: localhost is always direct, then "no proxy" entries, then the proxy. Used to
// name the proxy in a diagnosis only when the request really went through it.

export interface ProxySettings {
  /** http.proxy, or HTTPS_PROXY / HTTP_PROXY from the environment. */
  readonly proxy?: string;
  /** http.noProxy entries and NO_PROXY from the environment. */
  readonly noProxy: readonly string[];
  /** http.proxySupport: 'off' sends everything direct. */
  readonly support?: string;
}

// The agent's own direct list (@vscode/proxy-agent resolveProxy): these names never use a proxy.
const ALWAYS_DIRECT = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1']);

/** The proxy (scheme://host:port, never its credentials) a request to `url` goes through, if any. */
export function proxyRouteFor(url: string, settings: ProxySettings): string | undefined {
  if (!settings.proxy || settings.support === 'off') return undefined;
  let target: URL;
  let proxy: URL;
  try {
    target = new URL(url);
    proxy = new URL(settings.proxy);
  } catch {
    return undefined;
  }
  const host = target.hostname.toLowerCase();
  if (ALWAYS_DIRECT.has(host)) return undefined;
  if (settings.noProxy.some((entry) => matchesNoProxy(entry, host, target.port))) return undefined;
  return `${proxy.protocol}//${proxy.host}`;
}

/** NO_PROXY semantics: "*", an exact host, a domain suffix (".example.com" or "example.com"), optional ":port". */
function matchesNoProxy(entry: string, host: string, port: string): boolean {
  const trimmed = entry.trim().toLowerCase();
  if (trimmed === '') return false;
  if (trimmed === '*') return true;
  const [name = '', entryPort] = trimmed.startsWith('[') ? [trimmed.slice(0, trimmed.indexOf(']') + 1), trimmed.split(']:')[1]] : trimmed.split(':');
  if (entryPort && entryPort !== port) return false;
  const domain = name.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}
