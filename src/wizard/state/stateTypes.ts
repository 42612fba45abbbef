// The wizard state's vocabulary: its steps and the check that feeds each, the draft, what each check
// finds, notices, and the small pure helpers about drafts. No I/O and no `vscode`.
import type { CheckReport } from '../../core/check/checkReport';
import type { Diagnosis } from '../../core/check/diagnosis';
import type { Severity } from '../../core/url/endpoint';
import type { Msg } from '../../core/text/messages';
import type { TraeCheckReport } from '../../core/check/traeShaped/traeCheck';
import type { ConnectionSettings } from '../../services/ports';
import { moreModelsOf } from '../../core/trae/modelSet';
import { tidyEndpointUrl } from '../../core/url/endpointTidy';
import { LIMITS } from '../protocol/limits';
import { STEP_NAMES, type StepName } from '../protocol/steps';

/** Where the wizard keeps its step and an unsaved draft between sessions (globalState; never a key). */
export const STATE_KEY = 'codexPooler.wizard';
/** What an earlier version stored (it could hold a key pasted into the URL field): removed on open. */
export const LEGACY_STATE_KEY = 'codexPooler.wizardDraft';
export const REACH_DELAY_MS = 300;
/** A model list older than this is refreshed when the wizard opens, and said to be old until then. */
export const LIST_FRESH_MS = 60_000;

/** The wizard's checks, in the order they run. */
export const CHECK_KINDS = ['reach', 'list', 'test', 'trae'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/**
 * Which check feeds which step, written once: `reach` (free, no key) decides the URL step; `list` (the
 * keyed model list, free) decides the key and the model steps; `test` (the chat check) and `trae` (the
 * Trae-shaped check), both costing a little quota and run only when asked, belong to the test step.
 */
export const STEP_CHECKS: { readonly [S in StepName]: readonly CheckKind[] } = {
  url: ['reach'],
  key: ['list'],
  model: ['list'],
  test: ['test', 'trae'],
  trae: [],
  confirm: [],
};

/** What the user is setting up: Trae's Custom Request URL, its Full URL switch and the Model IDs. */
export interface Draft {
  readonly url: string;
  readonly fullUrl: boolean;
  /** The main model: Check Connection and the test chat use it. */
  readonly modelId: string;
  /** More models, one Add Model entry each in Trae (absent: none). */
  readonly moreModels?: readonly string[];
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

/** A result and when it was found (clock milliseconds). */
export interface Found<T> {
  readonly result: T;
  readonly at: number;
}

export type Phase<T> =
  | { readonly status: 'idle' }
  /** Running for `token`; `previous`: what was found for the same inputs before, shown until the new answer. */
  | { readonly status: 'running'; readonly token: string; readonly previous?: Found<T> }
  | ({ readonly status: 'done'; readonly token: string } & Found<T>);

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

export const NOTICE_IDS = [
  'modelCase',
  'keyCleared',
  'keyChanged',
  'keyChangedMeanwhile',
  'settingsChanged',
  'secretInUrl',
  'secretInModel',
  'modelsTooMany',
  'saved',
  'linkReplaced',
  'linkSame',
  'poolStopped',
] as const;
export type NoticeId = (typeof NOTICE_IDS)[number];

export function isNoticeId(id: string): id is NoticeId {
  return (NOTICE_IDS as readonly string[]).includes(id);
}

export interface Notice {
  readonly id: NoticeId;
  readonly severity: Severity;
  readonly message: Msg;
}

export interface StateInit {
  readonly saved: Draft;
  readonly key: KeyInfo;
  /** What an earlier session left in storage (untrusted: checked here). */
  readonly persisted?: {
    readonly step?: unknown;
    readonly draft?: unknown;
    readonly link?: unknown;
    readonly chosen?: unknown;
    readonly added?: unknown;
  };
  /** The newest published check of the saved settings, the key it ran with, and when it finished. */
  readonly lastCheck?: { readonly report: CheckReport; readonly keyFingerprint?: string; readonly at: number };
  /** The clock results are timed with (wall-clock milliseconds; tests pass their own). */
  readonly now?: () => number;
}

export function stepIndex(step: StepName): number {
  return STEP_NAMES.indexOf(step);
}

/**
 * The draft as the settings and the checks name its values: the URL in its tidy form (no trailing slash,
 * quotes or spaces around it) when that is all the rules find, so what is tested is what is saved and given to Trae.
 */
export function connectionOf(d: Draft): ConnectionSettings {
  const baseUrl = tidyEndpointUrl(d.url, d.fullUrl)?.url ?? d.url;
  return { baseUrl, fullUrl: d.fullUrl, model: d.modelId, moreModels: moreOf(d) };
}

/** Drafts are immutable: their further models are screened once (the view asks for them many times). */
const screenedMore = new WeakMap<Draft, readonly string[]>();

/** The further models as a setup keeps them: trimmed, each once (not the main model again), at most 19. */
export function moreOf(d: Draft): string[] {
  let more = screenedMore.get(d);
  if (more === undefined) {
    more = moreModelsOf(d.modelId, d.moreModels ?? []);
    screenedMore.set(d, more);
  }
  return [...more];
}

export function sameDraft(a: Draft, b: Draft): boolean {
  const more = (d: Draft) => moreOf(d).join('\n');
  return (
    a.url.trim() === b.url.trim() &&
    a.fullUrl === b.fullUrl &&
    a.modelId.trim() === b.modelId.trim() &&
    more(a) === more(b)
  );
}

export function normalize(d: Draft): Draft {
  return withMore({ url: d.url.trim(), fullUrl: d.fullUrl, modelId: d.modelId.trim() }, moreOf(d));
}

/** A draft with its further models, or without the field when there are none (a one-model draft as before). */
function withMore(d: Draft, more: readonly string[]): Draft {
  return more.length > 0 ? { ...d, moreModels: more } : d;
}

/** A draft an earlier session stored (untrusted; its model id was called `model` before 0.1.0's layout). */
export function readDraft(raw: unknown): Draft | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { url, fullUrl, modelId, model, moreModels } = raw as Record<string, unknown>;
  const id = modelId ?? model;
  if (typeof url !== 'string' || typeof fullUrl !== 'boolean' || typeof id !== 'string') return undefined;
  const main = id.slice(0, LIMITS.id);
  return withMore({ url: url.slice(0, LIMITS.url), fullUrl, modelId: main }, moreModelsOf(main, moreModels));
}
