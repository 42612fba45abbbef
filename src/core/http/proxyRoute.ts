// Whether a request to the pool goes through a proxy, decided the way VS Code's proxy agent
// (@vscode/proxy-agent, useProxySettings) decides for extensions, and said only as far as it is
// certain: localhost, 127.0.0.1 and ::1 always go direct; then http.noProxy, or NO_PROXY when
// http.noProxy is empty (the agent uses one or the other, never both); then http.proxy, then
// HTTPS_PROXY / HTTP_PROXY; with none of them the editor asks the system (a system proxy or a PAC
// script), which this code cannot see.

export type ProxyRoute =
  | { readonly kind: 'direct' }
  /** scheme://host[:port] of the proxy, never its credentials. */
  | { readonly kind: 'proxy'; readonly proxy: string }
  /** No explicit proxy applies, but a system proxy or PAC script may. */
  | { readonly kind: 'unknown' };

export interface ProxySettings {
  /** The http.proxy setting (not the environment). */
  readonly proxy?: string;
  /** The http.noProxy setting (not NO_PROXY). */
  readonly noProxy?: readonly string[];
  /** http.proxySupport: 'off' sends everything direct. */
  readonly support?: string;
  /** The extension host's environment: https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY, no_proxy, NO_PROXY. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Whether the editor asks the system for a proxy when none is configured: true on the desktop,
   * false in a remote extension host unless http.useLocalProxyConfiguration is on. Default true.
   */
  readonly systemProxy?: boolean;
}

// The agent compares the hostname as Node's legacy parser writes it: lower case, IPv6 without brackets.
const ALWAYS_DIRECT = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);
const PROXY_SCHEMES = new Set(['http', 'https', 'socks', 'socks4', 'socks4a', 'socks5', 'socks5h']);

export function proxyRouteFor(url: string, settings: ProxySettings): ProxyRoute {
  if (settings.support === 'off') return { kind: 'direct' };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { kind: 'unknown' };
  }
  const host = target.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (ALWAYS_DIRECT.has(host)) return { kind: 'direct' };
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const env = settings.env ?? {};
  const configured = (settings.noProxy ?? []).map((entry) => entry.trim().toLowerCase());
  const bypass =
    configured.length > 0 ? configured : (env['no_proxy'] || env['NO_PROXY'] || '').trim().toLowerCase().split(',');
  if (bypasses(bypass, host, port)) return { kind: 'direct' };
  const proxy =
    proxyName(settings.proxy) ??
    proxyName(env['https_proxy'] || env['HTTPS_PROXY'] || env['http_proxy'] || env['HTTP_PROXY']);
  if (proxy) return { kind: 'proxy', proxy };
  return settings.systemProxy === false ? { kind: 'direct' } : { kind: 'unknown' };
}

/** For the log and the diagnostics text. */
export function describeRoute(route: ProxyRoute): string {
  if (route.kind === 'proxy') return `through the proxy ${route.proxy}`;
  return route.kind === 'direct' ? 'direct (no proxy)' : 'no proxy configured; a system proxy or PAC script may apply';
}

/** The agent's rule: "*" bypasses all; else "name[:port]" matches the host and its subdomains. */
function bypasses(entries: readonly string[], host: string, port: string): boolean {
  if (entries.includes('*')) return true;
  return entries.some((entry) => {
    const [name = '', entryPort] = entry.trim().split(':', 2);
    if (name === '') return false;
    const domain = name.startsWith('.') ? name : `.${name}`;
    return `.${host}`.endsWith(domain) && (!entryPort || entryPort === port);
  });
}

/** A proxy setting the agent accepts (scheme://…), as scheme://host[:port] without credentials or path. */
function proxyName(setting: string | undefined): string | undefined {
  const value = (setting ?? '').trim();
  const at = value.indexOf('://');
  if (at === -1) return undefined;
  const scheme = value.slice(0, at).toLowerCase();
  if (!PROXY_SCHEMES.has(scheme)) return undefined;
  const authority = value.slice(at + 3).split(/[/?#]/, 1)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  return hostPort === '' ? undefined : `${scheme}://${hostPort}`;
}
