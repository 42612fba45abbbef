// The shape of a Pool API key and its masked form: shared by the key rules and by redaction.

export const POOL_KEY_PATTERN = /^sk-cxp-([0-9a-f]{12})-([A-Za-z0-9_-]{43})$/;

/**
 * The masked form shown instead of a key. A Pool key shows its whole id part ("sk-cxp-0123456789ab-…"),
 * which tells two keys apart and is not secret; never a character of its secret part. Anything else
 * shaped like a key shows at most its first 4 id characters.
 */
export function maskKey(key: string): string {
  const whole = /^sk-cxp-([0-9a-f]{12})-/.exec(key);
  if (whole) return `sk-cxp-${whole[1]}-…`;
  const match = /^sk-cxp-([0-9a-f]{4})/.exec(key);
  return match ? `sk-cxp-${match[1]}…` : '…';
}
