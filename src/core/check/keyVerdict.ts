// What a free check (the keyed model list) says about the key it ran with: the pool accepted it (it
// listed models), rejected it (a 401 about the key itself), or nothing certain (the pool could not be
// reached, the URL is wrong, another error came first).
import type { CheckReport } from './checkReport';
import type { Diagnosis } from './diagnosis';

export type KeyVerdict = 'accepted' | 'rejected' | 'unknown';

/** The pool's own answers about a key (the contract's 401 rows). */
const KEY_REJECTIONS: ReadonlySet<string> = new Set(['api_key_missing', 'api_key_disabled', 'api_key_expired']);

export function keyVerdictOf(report: CheckReport): KeyVerdict {
  if (report.facts.models !== undefined) return 'accepted';
  return keyRejection(report) ? 'rejected' : 'unknown';
}

/** The diagnosis that says why the pool refused the key, if it did. */
export function keyRejection(report: CheckReport): Diagnosis | undefined {
  return report.diagnoses.find((d) => KEY_REJECTIONS.has(d.code));
}

/** Why the key could not be judged (the first problem of the check), if it could not. */
export function firstProblem(report: CheckReport): Diagnosis | undefined {
  return report.diagnoses.find((d) => d.severity === 'error');
}
