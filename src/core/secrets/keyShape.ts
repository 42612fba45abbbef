// The shape of a Pool API key and its masked form: shared by the key rules and by redaction.
import { sha256Hex } from './sha256';

export const POOL_KEY_PATTERN = /^sk-cxp-([0-9a-f]{12})-([A-Za-z0-9_-]{43})$/;

/** How many hex characters of the key's SHA-256 name it beside its id part. */
const FINGERPRINT_LENGTH = 6;

/**
 * The masked form shown instead of a key. A Pool key shows its whole id part and a short one-way
 * fingerprint, as SSH names keys ("sk-cxp-0123456789ab-… SHA256:3f9a1c"): two keys with the same id part
 * are told apart, and no character of the secret part is shown. Anything else shaped like a key shows at
 * most its first 4 id characters.
 */
export function maskKey(key: string): string {
  const whole = /^sk-cxp-([0-9a-f]{12})-/.exec(key);
  if (whole) return `sk-cxp-${whole[1]}-… ${keyFingerprint(key)}`;
  const match = /^sk-cxp-([0-9a-f]{4})/.exec(key);
  return match ? `sk-cxp-${match[1]}…` : '…';
}

/** "SHA256:3f9a1c": the first hex characters of the SHA-256 of the whole key. */
export function keyFingerprint(key: string): string {
  return `SHA256:${sha256Hex(key).slice(0, FINGERPRINT_LENGTH)}`;
}
