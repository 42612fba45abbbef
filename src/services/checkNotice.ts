// What the notification after Check Connection says and which buttons it offers, decided without the
// editor. A check that works while a Trae-shaped finding holds says in one sentence why the status bar
// stays red (or yellow), and offers the check that clears it first; a notice that offers the Trae-shaped
// check says that it uses a little quota (its button is too short to say it).
import type { CheckReport } from '../core/check/checkReport';
import { msg, type Msg } from '../core/text/messages';
import { actionOf, type StatusAction } from './statusModel';
import type { TraeFinding } from './traeFindings';

/** A notification button, by what it does. */
export type NoticeAction = StatusAction | 'showLog' | 'copyDiagnostics';

export interface CheckNotice {
  readonly severity: 'info' | 'warning' | 'error';
  /** Its sentences, in order. */
  readonly text: readonly Msg[];
  /** Its buttons, the one that clears the status bar first. */
  readonly actions: readonly NoticeAction[];
}

/** More buttons than this do not fit a notification's row: their labels are cut. */
export const MAX_NOTICE_BUTTONS = 3;

export function checkNotice(report: CheckReport, finding: TraeFinding | undefined): CheckNotice {
  const first = report.diagnoses.find((d) => d.severity !== 'info');
  const holds = finding
    ? msg(finding.report.verdict === 'error' ? 'ui.check.traeHolds' : 'ui.check.traeHoldsWarning')
    : undefined;
  if (report.verdict === 'ok' || !first) {
    const works = msg('ui.check.ok', {
      model: report.facts.servedModel ?? report.target.model,
      answer: report.facts.answer ?? '',
      ms: report.durationMs,
    });
    return holds
      ? { severity: 'info', text: [works, holds], actions: ['traeCheck', 'showLog'] }
      : { severity: 'info', text: [works, msg('ui.check.traeOffer')], actions: ['traeCheck', 'openWizard', 'showLog'] };
  }
  const failed = report.verdict === 'error';
  const said = msg(failed ? 'ui.check.failed' : 'ui.check.warning', { cause: first.cause, fix: first.fix });
  // A check that fails explains the red itself; one that works with a problem may be outdone by the finding.
  const why = !failed && holds ? holds : first.step === 'chat' ? msg('ui.check.traeOffer') : undefined;
  const own = actionOf(first.action);
  const actions: NoticeAction[] = [
    // "Check Connection" again would only repeat what was just found: what clears it is outside the editor.
    ...(own === 'checkConnection' ? [] : [own]),
    ...(why ? ['traeCheck' as const] : []),
    'showLog',
    'copyDiagnostics',
  ];
  return {
    severity: failed ? 'error' : 'warning',
    text: why ? [said, why] : [said],
    actions: actions.slice(0, MAX_NOTICE_BUTTONS),
  };
}
