// Quota at a glance: the limits of GET /v1/usage that apply to the chosen model, the tightest one, and
// the diagnoses they call for (used up: failing, with the reset time; nearly used up: a warning).
import { diagnosis, type Diagnosis } from './diagnosis';
import { inertText } from './inertText';
import type { Usage } from './schemas';

export interface LimitSummary {
  readonly type: string;
  readonly window?: string;
  readonly max: number;
  readonly remaining: number;
  readonly resetAt?: string;
}

export interface UsageSummary {
  readonly requestCount: number;
  readonly totalTokens: number;
  readonly exhaustedLimits: readonly LimitSummary[];
  /** The limit with the smallest share left that applies to the chosen model, if any. */
  readonly tightest?: LimitSummary;
}

/** Below this share left, a limit is worth a warning before it runs out. */
export const LIMIT_NEAR_SHARE = 0.1;

export function summarizeUsage(usage: Usage, model: string): { summary: UsageSummary; found: Diagnosis[] } {
  const limits = [...usage.limits, ...(usage.upstream_limits ?? [])]
    .filter((l) => !l.model_filter || model === '' || l.model_filter.trim().toLowerCase() === model.trim().toLowerCase())
    .flatMap((l): LimitSummary[] => {
      if (typeof l.max_value !== 'number' || !(l.max_value > 0)) return [];
      const remaining = typeof l.remaining_value === 'number' ? l.remaining_value : l.max_value - (l.current_value ?? 0);
      // Text from the pool: inert (no control or text-direction characters) and short.
      return [{ type: inertText(l.limit_type.slice(0, 60)), ...(l.limit_window ? { window: inertText(l.limit_window.slice(0, 30)) } : {}), max: l.max_value, remaining: Math.max(0, remaining), ...(l.reset_at ? { resetAt: inertText(l.reset_at.slice(0, 40)) } : {}) }];
    });
  const exhausted = limits.filter((l) => l.remaining <= 0);
  const tightest = [...limits].sort((a, b) => a.remaining / a.max - b.remaining / b.max)[0];
  const name = (l: LimitSummary) => (l.window ? `${l.type} (${l.window})` : l.type);
  const found = exhausted.map((l) =>
    diagnosis('limit-reached', 'usage', `limit ${l.type} exhausted`, {
      args: { limit: name(l), resetAt: l.resetAt ?? '' },
      ...(l.resetAt ? {} : { fix: 'diag.limitReachedNoReset.fix' }),
    }),
  );
  if (found.length === 0 && tightest && tightest.remaining / tightest.max < LIMIT_NEAR_SHARE) {
    found.push(diagnosis('limit-near', 'usage', `limit ${tightest.type} nearly used`, { args: { limit: name(tightest), remaining: tightest.remaining, max: tightest.max, resetAt: tightest.resetAt ?? '' }, ...(tightest.resetAt ? {} : { fix: 'diag.limitNearNoReset.fix' }) }));
  }
  const summary: UsageSummary = { requestCount: usage.request_count, totalTokens: usage.total_tokens, exhaustedLimits: exhausted, ...(tightest ? { tightest } : {}) };
  return { summary, found };
}
