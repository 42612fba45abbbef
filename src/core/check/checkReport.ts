// What one connection check reports: the target as read from the settings, each step's status, the
// diagnoses worst first and the facts learned; and what a report means for the status bar.
import type { PoolEndpoint, Severity } from '../url/endpoint';
import type { ModelInfo, SkippedModel } from '../pool/modelList';
import type { CheckStepId, Diagnosis, Health } from './diagnosis';
import type { UsageSummary } from './usage';

/** 'background' is free (model list only); 'full' also sends the chat check, which costs quota. */
export type CheckMode = 'background' | 'full';
export type Verdict = 'ok' | 'warning' | 'error';
export type StepStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export interface CheckStep {
  readonly id: CheckStepId;
  readonly status: StepStatus;
  readonly durationMs: number;
}

export interface CheckFacts {
  readonly models?: readonly ModelInfo[];
  /** Entries of the pool's list that were left out, each with its reason (never fatal). */
  readonly modelsSkipped?: readonly SkippedModel[];
  /** Entries after the first MAX_MODELS, not read. */
  readonly modelsTruncated?: number;
  readonly modelListed?: boolean;
  readonly chosenModel?: ModelInfo;
  /** The further models, each found in the list (with what it says of it) or not. */
  readonly moreModels?: readonly MoreModelFact[];
  readonly answer?: string;
  readonly servedModel?: string;
  readonly finishReason?: string;
  readonly usage?: UsageSummary;
  /** Duration of the model list request: the status bar's latency. */
  readonly latencyMs?: number;
}

/** A further model of the setup, as the model list has it. */
export type MoreModelFact =
  | { readonly id: string; readonly listed: true; readonly info: ModelInfo }
  | { readonly id: string; readonly listed: false };

export interface CheckTarget {
  readonly baseUrl: string;
  readonly fullUrl: boolean;
  readonly model: string;
  /** The further models checked in the same list (absent: none). */
  readonly moreModels?: readonly string[];
  readonly endpoint?: PoolEndpoint;
  readonly keyMasked?: string;
}

export interface CheckReport {
  readonly mode: CheckMode;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly verdict: Verdict;
  /** False when no key is stored yet: the status bar says "not set up" instead of "failing". */
  readonly configured: boolean;
  readonly target: CheckTarget;
  readonly steps: readonly CheckStep[];
  /** Worst first. */
  readonly diagnoses: readonly Diagnosis[];
  readonly facts: CheckFacts;
}

/**
 * What a report means for the status bar: not set up (no key, or no model yet), or
 * the health of the pool: failing whenever Trae's chat cannot succeed now, degraded when it works but
 * something needs attention, ok only when the check passed.
 */
export function healthOfReport(report: CheckReport): Health | 'notSetUp' {
  if (!report.configured) return 'notSetUp';
  // A store that cannot be read, or a key in a setting, is a problem to fix now, set up or not.
  if (report.diagnoses.some((d) => d.code === 'key-store-unavailable' || d.code === 'secret-in-setting'))
    return 'failing';
  // No model chosen yet: the setup is not finished (the wizard leads on), whatever else is wrong.
  if (report.diagnoses.some((d) => d.code === 'model-missing')) return 'notSetUp';
  return report.verdict === 'ok' ? 'ok' : report.verdict === 'warning' ? 'degraded' : 'failing';
}

/** A step passes unless one of its diagnoses is a warning (warn) or an error (fail). */
export function statusOf(severities: readonly Severity[]): StepStatus {
  if (severities.includes('error')) return 'fail';
  if (severities.includes('warning')) return 'warn';
  return 'pass';
}
