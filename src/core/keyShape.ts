// The shape of a Pool API key and its masked form: shared by the key rules and by redaction.

export const POOL_KEY_PATTERN = /^sk-cxp-([0-9a-f]{12})-([A-Za-z0-9_-]{43})$/;

/** The masked form shown instead of a key: "sk-cxp-abcd…". Never more than the first 4 id chars. */
export function maskKey(key: string): string {
  const match = /^sk-cxp-([0-9a-f]{4})/.exec(key);
  return match ? `sk-cxp-${match[1]}…` : '…';
}
