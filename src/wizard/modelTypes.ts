// The wizard model's vocabulary: its steps, the draft, what each check finds, notices, and the small
// pure helpers about drafts. No I/O and no `vscode`.
import type { CheckReport } from '../core/check/checkReport';
import type { Diagnosis } from '../core/check/diagnosis';
import type { Severity } from '../core/url/endpoint';
import type { Msg } from '../core/text/messages';
import type { TraeCheckReport } from '../core/trae/traeCheck';

export const STEP_NAMES = ['url', 'key', 'model', 'test', 'trae', 'chat'] as const;
export type StepName = (typeof STEP_NAMES)[number];
export type CheckKind = 'reach' | 'list' | 'test' | 'trae';

export interface Draft {
  readonly url: string;
  readonly fullUrl: boolean;
  readonly model: string;
}

/** What the free, unauthenticated probe of step 1 found. */
export interface ReachResult {
  readonly ok: boolean;
  readonly diagnoses: readonly Diagnosis[];
  readonly durationMs: number;
}

/** The streaming, two-turn check shaped like Trae's own requests (opt-in; costs quota). */
export type TraeResult = TraeCheckReport;

export interface Results {
  reach: ReachResult;
  list: CheckReport;
  test: CheckReport;
  trae: TraeResult;
}

export type Phase<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly token: string }
  | { readonly status: 'done'; readonly token: string; readonly result: T };

export type KeyInfo =
  | { readonly kind: 'none' }
  | { readonly kind: 'stored'; readonly masked: string; readonly fingerprint: string }
  | { readonly kind: 'unavailable'; readonly detail: string };

/**
 * A new key the pool rejected (or could not check) while a working key is stored: it was not stored.
 * The host keeps the key itself in memory only; this is what the page may show (masked id parts).
 */
export interface PendingKey {
  readonly candidate: string;
  readonly kept: string;
  readonly verdict: 'rejected' | 'unknown';
  readonly reason?: Msg;
}

export type NoticeId =
  'modelCase' | 'keyCleared' | 'keyChanged' | 'settingsChanged' | 'secretInUrl' | 'secretInModel' | 'saved';

export interface Notice {
  readonly id: NoticeId;
  readonly severity: Severity;
  readonly message: Msg;
}

export interface ModelInit {
  readonly saved: Draft;
  readonly key: KeyInfo;
  /** What an earlier session left in storage (untrusted: checked here). */
  readonly persisted?: { readonly step?: unknown; readonly draft?: unknown };
  /** The newest published check of the saved settings, and the key it ran with. */
  readonly lastCheck?: { readonly report: CheckReport; readonly keyFingerprint?: string };
}

export type Refusal = { readonly refused: Msg };

export function stepIndex(step: StepName): number {
  return STEP_NAMES.indexOf(step);
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return a.url.trim() === b.url.trim() && a.fullUrl === b.fullUrl && a.model.trim() === b.model.trim();
}

export function normalize(d: Draft): Draft {
  return { url: d.url.trim(), fullUrl: d.fullUrl, model: d.model.trim() };
}

export function readDraft(raw: unknown): Draft | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { url, fullUrl, model } = raw as Record<string, unknown>;
  if (typeof url !== 'string' || typeof fullUrl !== 'boolean' || typeof model !== 'string') return undefined;
  return { url: url.slice(0, 4096), fullUrl, model: model.slice(0, 256) };
}
