// What the status bar shows, decided without the editor: one indicator from the newest connection check,
// a check running, the schedule, and a Trae-shaped finding that still holds; and the problems its
// tooltip names, worst first. The editor layer (src/editor/statusBar.ts) only paints this.
import { healthOfReport, type CheckMode, type CheckReport } from '../core/check/checkReport';
import type { Diagnosis, NextAction } from '../core/check/diagnosis';
import { ageText } from '../core/text/freshness';
import { msg, type MessageId, type Msg } from '../core/text/messages';
import type { PublishedCheck } from './checkService';
import type { ModelTest } from './modelTests';
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

/** One model in Trae as the tooltip lists it: whether the pool offers it, and its last test chat. */
export interface ModelStatus {
  readonly model: string;
  readonly main: boolean;
  /** Undefined when the last check could not read the model list. */
  readonly offered: boolean | undefined;
  readonly test?: ModelTest;
}

/** Every model of the checked setup, the main one first, from the one model list the check read. */
export function modelStatuses(
  report: CheckReport,
  lastTestOf: (model: string) => ModelTest | undefined,
): ModelStatus[] {
  const { target, facts } = report;
  const listRead = facts.models !== undefined;
  const withTest = (status: ModelStatus): ModelStatus => {
    const test = lastTestOf(status.model);
    return test ? { ...status, test } : status;
  };
  const more = (target.moreModels ?? []).map((model) =>
    withTest({
      model,
      main: false,
      offered: listRead ? (facts.moreModels?.find((m) => m.id === model)?.listed ?? false) : undefined,
    }),
  );
  if (target.model === '') return more;
  return [
    withTest({ model: target.model, main: true, offered: listRead ? facts.modelListed === true : undefined }),
    ...more,
  ];
}

/** A model's line, in parts the tooltip joins with " · ": its name, offered or not, its last test chat and its age. */
export function modelLineParts(status: ModelStatus, several: boolean, now: number): Msg[] {
  const name = msg(status.main && several ? 'ui.status.tooltip.modelMain' : 'ui.status.tooltip.model', {
    model: status.model,
  });
  const offered =
    status.offered === undefined
      ? msg('ui.status.tooltip.modelNotChecked')
      : msg(status.offered ? 'ui.status.tooltip.modelOffered' : 'ui.status.tooltip.modelNotOffered');
  if (!status.test) return [name, offered];
  const age = ageText(now - status.test.finishedAt);
  return [name, offered, msg(TEST_TEXTS[status.test.result], { age })];
}

const TEST_TEXTS = {
  passed: 'ui.status.tooltip.testPassed',
  problem: 'ui.status.tooltip.testProblem',
  failed: 'ui.status.tooltip.testFailed',
} as const satisfies Record<ModelTest['result'], MessageId>;

/** The tooltip's model lines, each in parts joined with " · " (no model chosen yet: says so, as before). */
export function modelLines(
  report: CheckReport,
  lastTestOf: (model: string) => ModelTest | undefined,
  now: number,
): Msg[][] {
  const models = modelStatuses(report, lastTestOf);
  const none = [[msg('ui.status.tooltip.model', { model: msg('ui.status.tooltip.noModel') })]];
  return [...(report.target.model === '' ? none : []), ...models.map((m) => modelLineParts(m, models.length > 1, now))];
}

/** The models for Copy Diagnostics, in English like the rest of it (times in UTC). */
export function modelDiagnosticLines(statuses: readonly ModelStatus[]): string[] {
  if (statuses.length === 0) return [];
  const offered = (s: ModelStatus) =>
    s.offered === undefined
      ? 'not checked (no model list)'
      : s.offered
        ? 'offered'
        : 'NOT offered now (Trae answers 984)';
  const tested = (s: ModelStatus) =>
    s.test ? `; last test chat ${s.test.result} at ${new Date(s.test.finishedAt).toISOString()}` : '; not tested';
  return [
    '',
    'Models in Trae (from the last check; one model list for all):',
    ...statuses.map((s) => `- ${s.model}${s.main ? ' (main)' : ''}: ${offered(s)}${tested(s)}`),
  ];
}

/** Trae's confirmation in the tooltip: under a red or yellow bar it is said as past, with no tick (none passes now). */
export function confirmedLine(indicator: Indicator, when: string): { icon: string; text: Msg } {
  const now = indicator !== 'failing' && indicator !== 'degraded';
  const id = now ? 'ui.status.tooltip.confirmed' : 'ui.status.tooltip.confirmedEarlier';
  return { icon: now ? '$(pass)' : '$(history)', text: msg(id, { when }) };
}
