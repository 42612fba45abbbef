// Quota at a glance: the limits of GET /v1/usage that apply to the chosen model, the tightest one, and
// the diagnoses they call for (used up: failing, with the reset time; nearly used up: a warning).
import { diagnosis, type Diagnosis } from './diagnosis';
import { inertText } from '../text/inertText';
import { msg, type Msg } from '../text/messages';
import type { Usage } from '../pool/schemas';

export interface LimitSummary {
  readonly type: string;
  readonly window?: string;
  /** Its name in words: "5-hour request limit", "daily token limit". */
  readonly name: Msg;
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
    .filter(
      (l) => !l.model_filter || model === '' || l.model_filter.trim().toLowerCase() === model.trim().toLowerCase(),
    )
    .flatMap((l): LimitSummary[] => {
      if (typeof l.max_value !== 'number' || !(l.max_value > 0)) return [];
      const remaining =
        typeof l.remaining_value === 'number' ? l.remaining_value : l.max_value - (l.current_value ?? 0);
      // Text from the pool: inert (no control or text-direction characters) and short.
      const type = inertText(l.limit_type.slice(0, 60));
      const window = l.limit_window ? inertText(l.limit_window.slice(0, 30)) : undefined;
      return [
        {
          type,
          ...(window ? { window } : {}),
          name: limitName(type, window),
          max: l.max_value,
          remaining: Math.max(0, remaining),
          ...(l.reset_at ? { resetAt: inertText(l.reset_at.slice(0, 40)) } : {}),
        },
      ];
    });
  const exhausted = limits.filter((l) => l.remaining <= 0);
  const tightest = [...limits].sort((a, b) => a.remaining / a.max - b.remaining / b.max)[0];
  const found = exhausted.map((l) =>
    diagnosis('limit-reached', 'usage', `limit ${l.type} exhausted`, {
      args: { limit: l.name, resetAt: l.resetAt ?? '' },
      ...(l.resetAt ? {} : { fix: 'diag.limitReachedNoReset.fix' }),
    }),
  );
  if (found.length === 0 && tightest && tightest.remaining / tightest.max < LIMIT_NEAR_SHARE) {
    found.push(
      diagnosis('limit-near', 'usage', `limit ${tightest.type} nearly used`, {
        args: {
          limit: tightest.name,
          remaining: tightest.remaining,
          max: tightest.max,
          resetAt: tightest.resetAt ?? '',
        },
        ...(tightest.resetAt ? {} : { fix: 'diag.limitNearNoReset.fix' }),
      }),
    );
  }
  const summary: UsageSummary = {
    requestCount: usage.request_count,
    totalTokens: usage.total_tokens,
    exhaustedLimits: exhausted,
    ...(tightest ? { tightest } : {}),
  };
  return { summary, found };
}

// What the pool calls its limits (limit_type, limit_window in GET /v1/usage) in words of their own.
const TYPE_WORDS: Readonly<Record<string, Msg>> = {
  request_count: msg('limit.type.requests'),
  requests: msg('limit.type.requests'),
  total_tokens: msg('limit.type.tokens'),
  tokens: msg('limit.type.tokens'),
  credits: msg('limit.type.credits'),
  percent: msg('limit.type.usage'),
};
const WINDOW_WORDS: Readonly<Record<string, Msg>> = {
  minute: msg('limit.window.minute'),
  hourly: msg('limit.window.hourly'),
  daily: msg('limit.window.daily'),
  weekly: msg('limit.window.weekly'),
  monthly: msg('limit.window.monthly'),
};

/** "5-hour request limit", "daily token limit", "“odd_type” limit": never the pool's raw words run together. */
export function limitName(type: string, window: string | undefined): Msg {
  const typeWords = TYPE_WORDS[type.trim().toLowerCase()] ?? msg('limit.type.other', { name: type });
  const windowWords = window === undefined ? undefined : windowName(window);
  return windowWords
    ? msg('limit.name', { window: windowWords, type: typeWords })
    : msg('limit.nameNoWindow', { type: typeWords });
}

function windowName(window: string): Msg | undefined {
  const key = window.trim().toLowerCase();
  if (WINDOW_WORDS[key]) return WINDOW_WORDS[key];
  const span = /^(\d{1,4})\s*([mhdw])$/.exec(key);
  if (!span) return key === '' || key === 'unknown' ? undefined : msg('limit.window.other', { name: window });
  const n = Number(span[1]);
  const unit = span[2] as 'm' | 'h' | 'd' | 'w';
  if (unit === 'd' && n === 1) return WINDOW_WORDS['daily'];
  if (unit === 'd' && n === 7) return WINDOW_WORDS['weekly'];
  if (unit === 'w' && n === 1) return WINDOW_WORDS['weekly'];
  const id = (
    { m: 'limit.window.minutes', h: 'limit.window.hours', d: 'limit.window.days', w: 'limit.window.weeks' } as const
  )[unit];
  return msg(id, { n });
}
