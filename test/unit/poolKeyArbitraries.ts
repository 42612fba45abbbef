// The two halves of a generated Pool key, sk-cxp-<id>-<secret> (POOL_KEY_PATTERN), for the property tests.
import fc from 'fast-check';

/** The id part: 12 lowercase hex characters. */
export const keyIdPart = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 });

/** The secret part: 43 URL-safe base64 characters. */
export const keySecretPart = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'),
  minLength: 43,
  maxLength: 43,
});
