// Step 4's "Test every model" as the page sees it: the set (main model first), what it costs, and one row per
// model (answer, time, finding), clamped to LIMITS. Only for a set of more than one model. No `vscode`.
import type { CheckReport } from '../../core/check/checkReport';
import { msg, type Msg } from '../../core/text/messages';
import { draftModels, everyModelCost, type ModelTestRow } from '../checks/everyModel';
import { clip, take } from '../protocol/clamp';
import { LIMITS } from '../protocol/limits';
import type { EveryModelView } from '../protocol/protocolViews';
import type { Draft } from '../state/stateTypes';

type Row = EveryModelView['rows'][number];

/** The section, or undefined for a set of one model (the test above is the whole story). */
export function everyModelView(
  draft: Draft,
  rows: readonly ModelTestRow[] | undefined,
  r: (m: Msg) => string,
): EveryModelView | undefined {
  const models = draftModels(draft);
  if (models.length < 2) return undefined;
  const busy = rows?.some((row) => row.status === 'waiting' || row.status === 'running') ?? false;
  return {
    models: take(models, LIMITS.moreModels + 1).map((m) => clip(m, LIMITS.id)),
    cost: r(everyModelCost(models.length)),
    status: busy ? 'running' : rows ? 'done' : 'idle',
    rows: take(rows ?? [], LIMITS.moreModels + 1).map((row) => rowView(row, r)),
  };
}

function rowView(row: ModelTestRow, r: (m: Msg) => string): Row {
  const base = { model: clip(row.model, LIMITS.id), status: row.status };
  const report = row.report;
  if (row.status !== 'done' || !report) return base;
  return {
    ...base,
    verdict: report.verdict,
    ...(report.facts.answer !== undefined ? { answer: clip(report.facts.answer, LIMITS.text) } : {}),
    durationMs: report.durationMs,
    finding: clip(r(findingOf(report)), LIMITS.text),
  };
}

/** "works", or the worst problem's cause. */
function findingOf(report: CheckReport): Msg {
  const worst = report.diagnoses.find((d) => d.severity !== 'info');
  return report.verdict === 'ok' || !worst ? msg('ui.wizard.every.works') : worst.cause;
}
