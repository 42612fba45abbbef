// The pieces of the wizard's view that several steps share: a diagnosis or URL finding as a problem in the
// user's language (with the step that fixes it), a check report as rows, a Trae-shaped turn as a line,
// the pool's model list, and "Trae says …" findings. Every value clamped to LIMITS. No `vscode`.
import type { CheckReport } from '../../core/check/checkReport';
import type { Diagnosis } from '../../core/check/diagnosis';
import type { ModelInfo } from '../../core/pool/poolClient';
import { msg, type Msg } from '../../core/text/messages';
import type { TraeTurnReport } from '../../core/check/traeShaped/traeCheck';
import type { EndpointFinding } from '../../core/url/endpoint';
import type { TraeErrorFinding } from '../../services/traeErrorCheck';
import { clip, take, type Render } from '../protocol/clamp';
import type { ExplainView } from '../protocol/protocol';
import { LIMITS } from '../protocol/limits';
import type { GuideView, ModelListView, ProblemView, ReportView } from '../protocol/protocolViews';
import { STEP_NAMES, type StepName } from '../protocol/steps';
import type { WizardState } from '../state/state';

/** A context length the view can show: a positive safe integer, or nothing. */
function tokens(n: number | undefined): number | undefined {
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Which wizard step fixes a diagnosis (none when it is the step the user is on). */
function stepFor(d: Diagnosis, here: StepName): StepName | undefined {
  let step: StepName | undefined;
  if (d.action === 'fixUrl' || d.step === 'url') step = 'url';
  else if (d.action === 'setApiKey' || d.step === 'key') step = 'key';
  else if (d.action === 'chooseModel') step = 'model';
  return step === here ? undefined : step;
}

export function problemOf(d: Diagnosis, here: StepName, r: Render): ProblemView {
  const goTo = stepFor(d, here);
  return { severity: d.severity, cause: r(d.cause), fix: r(d.fix), ...(goTo ? { goTo } : {}) };
}

export function problemsOf(list: readonly Diagnosis[], here: StepName, r: Render): ProblemView[] {
  return take(list, LIMITS.problems).map((d) => problemOf(d, here, r));
}

/** What the probe found besides the URL's own findings (said once, above); a stored key is not asked for again. */
export function reachProblems(state: WizardState, r: Render): ProblemView[] {
  const found = (state.checks.current('reach')?.diagnoses ?? []).filter((d) => !d.code.startsWith('url:'));
  const stored = state.key.kind === 'stored';
  const said = found.map((d) => (stored && d.code === 'pool-found' ? { ...d, fix: msg('ui.wizard.url.keyKept') } : d));
  return problemsOf(said, 'url', r);
}

/**
 * A step's ✓: its checks passed, so the next step opens. Arriving at step 5 or 6 checks nothing: both wait for Trae's
 * own request to reach the pool (saved setup, stored key), and step 5 for every card ticked "Added in Trae".
 */
export function stepDone(
  state: WizardState,
  name: StepName,
  confirmed: boolean,
  models?: GuideView['models'],
): boolean {
  if (name === 'trae' || name === 'confirm') {
    const allAdded = name === 'confirm' || (models?.cards.every((c) => c.added) ?? true);
    return state.reachable(name) && confirmed && allAdded;
  }
  const next = STEP_NAMES[STEP_NAMES.indexOf(name) + 1];
  return next !== undefined && state.reachable(next);
}

export function findingOf(f: EndpointFinding, r: Render): ProblemView {
  return {
    severity: f.severity,
    cause: r(f.cause),
    fix: r(f.fix),
    corrections: take(f.corrections, LIMITS.corrections).map((c) => ({
      url: clip(c.url, LIMITS.url),
      fullUrl: c.fullUrl,
      label: r(c.label),
    })),
  };
}

export function reportOf(report: CheckReport, r: Render): ReportView {
  return {
    verdict: report.verdict,
    durationMs: report.durationMs,
    rows: take(report.steps, LIMITS.reportRows).map((s) => ({ id: s.id, status: s.status, durationMs: s.durationMs })),
    problems: problemsOf(report.diagnoses, 'test', r),
    ...(report.facts.answer !== undefined ? { answer: clip(report.facts.answer, LIMITS.text) } : {}),
    ...(report.facts.servedModel !== undefined ? { servedModel: clip(report.facts.servedModel, LIMITS.id) } : {}),
  };
}

/** One line per streamed turn: time to first token, frames, whether it ended with [DONE]. */
export function turnLine(t: TraeTurnReport, render: Render): string {
  if (t.timeToFirstTokenMs === undefined) {
    return render(msg('ui.wizard.test.traeTurnNoToken', { turn: t.turn, status: t.status ?? '—' }));
  }
  const done = render(msg(t.done ? 'ui.wizard.test.traeDone' : 'ui.wizard.test.traeNoDone'));
  const args = { turn: t.turn, ttft: t.timeToFirstTokenMs, frames: t.dataFrames, ms: t.durationMs, done };
  return render(msg('ui.wizard.test.traeTurn', args));
}

/** The pool's list for the model step, sent on its own (it can be large) when it changes. */
export function buildModelList(state: WizardState, token: number, render: Render): ModelListView {
  const report = state.checks.current('list');
  const models: readonly ModelInfo[] = report?.facts.models ?? [];
  const shown = take(models, LIMITS.models);
  const skipped = (report?.diagnoses ?? []).filter((d) => d.code === 'models-skipped').map((d) => render(d.cause));
  const cut = models.length - shown.length;
  const notes = [...skipped, ...(cut > 0 ? [render(msg('ui.wizard.model.cut', { count: cut }))] : [])];
  return {
    token,
    models: shown.map((m) => {
      const contextLength = tokens(m.contextLength);
      return {
        id: clip(m.id, LIMITS.id),
        name: clip(m.displayName, LIMITS.name),
        images: m.supportsImages,
        ...(contextLength !== undefined ? { contextLength } : {}),
      };
    }),
    ...(notes.length > 0 ? { note: clip(notes.join(' '), LIMITS.text) } : {}),
  };
}

/** What "Trae says …" found, in the user's language. */
export function explainView(finding: TraeErrorFinding, render: Render): ExplainView {
  const r = (m: Msg) => clip(render(m), LIMITS.text);
  return {
    verdict: finding.verdict,
    lines: take(finding.lines, LIMITS.explainLines).map(r),
    problems: take(finding.problems, LIMITS.problems).map((d) => ({
      severity: d.severity,
      cause: r(d.cause),
      fix: r(d.fix),
    })),
  };
}
