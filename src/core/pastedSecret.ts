// TEMPORARY (replaced by detectPastedSecret in poolKey.ts when the security branch lands).
export function detectPastedSecret(value: unknown): 'pool-key' | 'mcp-token' | 'bearer' | undefined {
  if (typeof value !== 'string') return undefined;
  if (/sk-cxp-[0-9a-f]{12}-[A-Za-z0-9_-]{20,}/i.test(value)) return 'pool-key';
  if (/mcp-cxp-[0-9a-f]{12}-[A-Za-z0-9_-]{20,}/i.test(value)) return 'mcp-token';
  if (/^\s*(authorization\s*:\s*)?bearer\s+\S{8,}/i.test(value)) return 'bearer';
  return undefined;
}
