// What the status bar shows, decided without the editor: one indicator from the newest connection check,
// a check running, the schedule, and a Trae-shaped finding that still holds; and the problems its
// tooltip names, worst first. The editor layer (src/editor/statusBar.ts) only paints this.
import { healthOfReport, type CheckMode, type CheckReport } from '../core/check/checkReport';
import type { Diagnosis, NextAction } from '../core/check/diagnosis';
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

/** The one click that clears a state that is not green, by what it does (the editor names and runs it). */
export type StatusAction =
  | 'openWizard'
  | 'setApiKey'
  | 'checkConnection'
  | 'traeCheck'
  | 'openProxySettings'
  | 'openTimeoutSetting'
  | 'configureRuntimeArguments'
  | 'moveSecret';

/** What a diagnosis's next action is, as a click; what only the pool or its operator can fix: check again after. */
export function actionOf(next: NextAction): StatusAction {
  switch (next) {
    case 'setApiKey':
      return 'setApiKey';
    case 'fixUrl':
    case 'chooseModel':
    case 'openWizard':
      return 'openWizard';
    case 'checkProxy':
      return 'openProxySettings';
    case 'raiseTimeout':
      return 'openTimeoutSetting';
    case 'fixKeyStore':
      return 'configureRuntimeArguments';
    case 'moveSecret':
      return 'moveSecret';
    default:
      return 'checkConnection';
  }
}

/**
 * The one action that clears the state shown: none when healthy or while a check runs (it ends by itself).
 * A bar the Trae-shaped finding made worse than the checks alone is cleared by a Trae-shaped check that
 * passes; otherwise the checks' own problem comes first.
 */
export function clearingAction(inputs: StatusInputs): StatusAction | undefined {
  const shown = statusIndicator(inputs);
  if (shown === 'healthy' || shown === 'checking') return undefined;
  if (shown === 'notSetUp') return 'openWizard';
  if (shown === 'off') return 'checkConnection';
  const base = checkIndicator(inputs);
  if (inputs.finding && base !== shown) return 'traeCheck';
  const first = inputs.last?.report.diagnoses.find((d) => d.severity !== 'info');
  return first ? actionOf(first.action) : 'checkConnection';
}
