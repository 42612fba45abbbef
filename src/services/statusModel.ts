// What the status bar shows, decided without the editor: one indicator from the newest connection check,
// a check running, the schedule, and a Trae-shaped finding that still holds; and the problems its
// tooltip names, worst first. The editor layer (src/editor/statusBar.ts) only paints this.
import { healthOfReport, type CheckMode, type CheckReport } from '../core/check/checkReport';
import type { Diagnosis } from '../core/check/diagnosis';
import type { PublishedCheck } from './checkService';
import type { TraeFinding } from './traeFindings';

export type Indicator = 'notSetUp' | 'checking' | 'healthy' | 'degraded' | 'failing' | 'off';

export interface StatusInputs {
  readonly last: PublishedCheck | undefined;
  readonly running: { readonly mode: CheckMode } | undefined;
  readonly scheduleEnabled: boolean;
  readonly finding: TraeFinding | undefined;
}

export function indicatorOf(report: CheckReport): Exclude<Indicator, 'checking' | 'off'> {
  const health = healthOfReport(report);
  return health === 'ok' ? 'healthy' : health;
}

/** What the connection checks alone say. */
export function checkIndicator(inputs: StatusInputs): Indicator {
  const { last, running } = inputs;
  // A background re-check keeps showing the last answer; an explicit one (or the first) spins.
  if (running && (!last || running.mode === 'full')) return 'checking';
  if (last) return indicatorOf(last.report);
  return inputs.scheduleEnabled ? 'checking' : 'off';
}

/**
 * The indicator: the checks' answer, made worse by a Trae-shaped finding that holds (an error fails,
 * a warning degrades). A finding is news about Trae's chat now; the free checks cannot clear it.
 */
export function statusIndicator(inputs: StatusInputs): Indicator {
  const base = checkIndicator(inputs);
  const finding = inputs.finding;
  if (!finding || base === 'checking' || base === 'notSetUp') return base;
  const fromTrae = finding.report.verdict === 'error' ? 'failing' : 'degraded';
  return base === 'failing' || fromTrae === 'failing' ? 'failing' : 'degraded';
}

/** The problems the tooltip names: the checks' first one (unless they pass), then the Trae-shaped finding's. */
export function statusProblems(inputs: StatusInputs): Diagnosis[] {
  const base = checkIndicator(inputs);
  if (base === 'checking') return [];
  const fromChecks = base !== 'healthy' ? inputs.last?.report.diagnoses.find((d) => d.severity !== 'info') : undefined;
  const fromTrae = inputs.finding?.report.diagnoses.find((d) => d.severity !== 'info');
  return [fromChecks, fromTrae].filter((d): d is Diagnosis => d !== undefined);
}
