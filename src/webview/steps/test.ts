// Step 4, Connection test: the documented chat check through exactly the URL Trae will call (it costs
// a little quota, so it runs only when asked), the opt-in Trae-shaped check, and Save, which writes
// only what passed for exactly these values.
import type { MessageId } from '../../core/text/messages';
import type { ReportView, WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, icon, replaceChildren, type IconName } from '../dom';
import { tr } from '../strings';
import { Actions, announce, ProblemList, setText } from '../ui';
import { isReachable, stepTitle } from './common';
import { everyModelSection } from './everyModel';

/** The label of each row of the check's report. */
const ROW_LABELS: Record<ReportView['rows'][number]['id'], MessageId> = {
  url: 'ui.wizard.test.stepUrl',
  key: 'ui.wizard.test.stepKey',
  models: 'ui.wizard.test.stepModels',
  chat: 'ui.wizard.test.stepChat',
  usage: 'ui.wizard.test.stepUsage',
};
const STATUS_ICONS: Record<string, IconName> = { pass: 'pass', warn: 'warning', fail: 'error', skipped: 'skipped' };
const VERDICT: Record<ReportView['verdict'], [string, MessageId]> = {
  ok: ['pass', 'ui.wizard.test.pass'],
  warning: ['warning', 'ui.wizard.test.warn'],
  error: ['error', 'ui.wizard.test.fail'],
};

export function mountTest(ctx: AppContext): StepModule {
  const run = h('button', { type: 'button', className: 'primary', id: 'run-test' });
  const cancel = h('button', { type: 'button', className: 'secondary', id: 'cancel-test' }, tr('ui.wizard.cancel'));
  const running = h('p', { role: 'status', className: 'running' });
  const result = h('div', { id: 'test-result' });
  const problems = new ProblemList(ctx, 'test-problems');
  const savedNote = h('p', { className: 'stored', id: 'saved-note' });
  const traeRun = h(
    'button',
    { type: 'button', className: 'secondary', id: 'run-trae-check' },
    tr('ui.wizard.test.traeRun'),
  );
  const traeCancel = h('button', { type: 'button', className: 'secondary' }, tr('ui.wizard.cancel'));
  const traeResult = h('div', { id: 'trae-result' });
  const traeProblems = new ProblemList(ctx, 'trae-problems');
  const every = everyModelSection(ctx);
  const actions = new Actions(ctx, 'model', { label: 'ui.wizard.test.saveAndContinue', run: () => void save() });
  let drawnReport = '';
  let drawnTrae = '';
  let lastStatus = '';

  const fail = (e: unknown) => ctx.showFailure(e);
  run.addEventListener('click', () => ctx.act('runTest', {}));
  cancel.addEventListener('click', () => ctx.rpc.send('cancel', { what: 'test' }));
  traeRun.addEventListener('click', () => {
    const model = every.traeModel();
    ctx.act('runTraeCheck', model !== undefined ? { model } : {});
  });
  traeCancel.addEventListener('click', () => ctx.rpc.send('cancel', { what: 'trae' }));

  async function save(): Promise<void> {
    try {
      await ctx.rpc.request('save', {});
      announce(tr('ui.wizard.test.saved'));
    } catch (error) {
      fail(error);
    }
  }

  function update(v: WizardView): void {
    const t = v.test;
    const busy = t.status === 'running';
    setText(run, tr(t.report ? 'ui.wizard.test.again' : 'ui.wizard.test.run'));
    run.hidden = busy;
    cancel.hidden = !busy;
    running.hidden = !busy;
    setText(running, busy ? tr('ui.wizard.test.running') : '');
    if (t.status !== lastStatus) {
      lastStatus = t.status;
      if (t.status === 'done' && t.report) announce(tr(VERDICT[t.report.verdict][1]));
    }
    const signature = JSON.stringify(t.report ?? null);
    if (signature !== drawnReport) {
      drawnReport = signature;
      replaceChildren(result, t.report && reportBody(t.report));
    }
    problems.update(t.report?.problems ?? []);
    savedNote.hidden = !t.savedNote;
    replaceChildren(savedNote, ...(t.savedNote ? [icon('pass'), ' ', t.savedNote] : []));
    const trae = t.trae;
    traeRun.hidden = trae.status === 'running';
    traeCancel.hidden = trae.status !== 'running';
    const traeSignature = JSON.stringify([trae.status, trae.report ?? null]);
    if (traeSignature !== drawnTrae) {
      drawnTrae = traeSignature;
      replaceChildren(
        traeResult,
        trae.status === 'running' && h('p', { role: 'status', className: 'running' }, tr('ui.wizard.test.traeRunning')),
        trae.report &&
          h(
            'p',
            { className: `verdict ${VERDICT[trae.report.verdict][0]}`, id: 'trae-verdict' },
            icon(VERDICT[trae.report.verdict][0] as IconName),
            ' ',
            tr(
              trae.report.verdict === 'ok'
                ? 'ui.wizard.test.traePass'
                : trae.report.verdict === 'warning'
                  ? 'ui.wizard.test.traeWarn'
                  : 'ui.wizard.test.traeFail',
            ),
            ' ',
            h('span', { className: 'muted' }, tr('ui.wizard.test.ms', { ms: trae.report.durationMs })),
            trae.report.model !== undefined && ' ',
            trae.report.model !== undefined && tr('ui.wizard.test.traeOn', { model: trae.report.model }),
          ),
        trae.report &&
          trae.report.lines.length > 0 &&
          h('ul', { className: 'plain' }, ...trae.report.lines.map((l) => h('li', {}, l))),
      );
    }
    traeProblems.update(trae.report?.problems ?? []);
    every.update(t.every);
    if (t.savedNote && !v.dirty && !t.report) {
      if (actions.next) setText(actions.next, tr('ui.wizard.test.continue'));
      actions.set(isReachable(v, 'trae'));
    } else {
      if (actions.next) setText(actions.next, tr('ui.wizard.test.saveAndContinue'));
      actions.set(t.canSave && !busy, t.canSave || busy ? '' : tr('ui.wizard.test.saveHint'));
    }
    actions.run = t.savedNote && !v.dirty && !t.report ? () => ctx.goTo('trae') : () => void save();
  }

  const element = h(
    'div',
    {},
    stepTitle('test'),
    h('p', {}, tr('ui.wizard.test.intro')),
    savedNote,
    h('div', { className: 'actions' }, run, cancel),
    running,
    result,
    problems.element,
    every.element,
    h('h3', {}, tr('ui.wizard.test.traeTitle')),
    h('p', { className: 'muted' }, tr('ui.wizard.test.traeIntro')),
    every.traePicker,
    h('div', { className: 'actions' }, traeRun, traeCancel),
    traeResult,
    traeProblems.element,
    actions.element,
  );
  return { element, update: (v) => update(v) };
}

function reportBody(report: ReportView): HTMLElement {
  const [cls, text] = VERDICT[report.verdict];
  const rows = report.rows.map((row) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, tr(ROW_LABELS[row.id])),
      h('td', {}, icon(STATUS_ICONS[row.status]!), ' ', tr(`ui.wizard.test.status.${row.status}`)),
      h('td', { className: 'num' }, row.durationMs ? tr('ui.wizard.test.ms', { ms: row.durationMs }) : '—'),
    ),
  );
  return h(
    'div',
    {},
    h(
      'p',
      { className: `verdict ${cls}`, id: 'verdict' },
      icon(cls as IconName),
      ' ',
      tr(text),
      ' ',
      h('span', { className: 'muted' }, tr('ui.wizard.test.ms', { ms: report.durationMs })),
    ),
    h(
      'table',
      { className: 'steps-table' },
      h('caption', { className: 'visually-hidden' }, tr('ui.wizard.test.stepsCaption')),
      h('tbody', {}, ...rows),
    ),
    report.answer !== undefined &&
      h('p', { id: 'answer' }, tr('ui.wizard.test.answer'), ' ', h('q', {}, h('bdi', {}, report.answer || '∅'))),
    report.servedModel !== undefined &&
      h('p', {}, tr('ui.wizard.test.servedBy'), ' ', h('code', {}, h('bdi', {}, report.servedModel))),
  );
}
