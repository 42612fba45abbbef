// Step 4, for a setup of several models: "Test every model" (the cost said first, sent only on a second
// click, a table of model, answer, time and finding, Cancel stops what is left) and the model the
// Trae-shaped check runs on (a select, the main model first). Hidden for a set of one model.
import type { MessageId } from '../../core/text/messages';
import type { EveryModelView } from '../../wizard/protocol/protocolViews';
import type { AppContext } from '../stepContract';
import { h, icon, replaceChildren, type IconName } from '../dom';
import { tr } from '../strings';
import { announce, setText } from '../ui';

const VERDICT_ICONS: Record<string, IconName> = { ok: 'pass', warning: 'warning', error: 'error' };
const STATUS_TEXT: Record<string, MessageId> = {
  waiting: 'ui.wizard.every.waiting',
  running: 'ui.wizard.every.testing',
  cancelled: 'ui.wizard.every.cancelled',
};

export interface EveryModelSection {
  readonly element: HTMLElement;
  /** The model the Trae-shaped check runs on (undefined: the main model, for a set of one). */
  readonly traeModel: () => string | undefined;
  /** The select beside the Trae-shaped check's button. */
  readonly traePicker: HTMLElement;
  update(every: EveryModelView | undefined): void;
}

export function everyModelSection(ctx: AppContext): EveryModelSection {
  const run = h('button', { type: 'button', className: 'secondary', id: 'run-every' }, tr('ui.wizard.every.run'));
  const cost = h('p', { id: 'every-cost', role: 'status' });
  const confirm = h('button', { type: 'button', className: 'primary', id: 'confirm-every' });
  const back = h('button', { type: 'button', className: 'secondary' }, tr('ui.wizard.cancel'));
  const cancel = h('button', { type: 'button', className: 'secondary', id: 'cancel-every' }, tr('ui.wizard.cancel'));
  const asking = h('div', { className: 'actions', hidden: true }, confirm, back);
  const table = h('div', { id: 'every-result' });
  const select = h('select', { id: 'trae-model' });
  const traePicker = h('label', { hidden: true }, tr('ui.wizard.test.traeModel'), ' ', select);
  let drawn = '';
  let models = '';
  let lastStatus = '';

  // The cost first: nothing is sent until the second click.
  run.addEventListener('click', () => {
    asking.hidden = false;
    cost.hidden = false;
    confirm.focus();
  });
  back.addEventListener('click', () => {
    asking.hidden = true;
    cost.hidden = true;
    run.focus();
  });
  confirm.addEventListener('click', () => {
    asking.hidden = true;
    cost.hidden = true;
    ctx.act('testEveryModel', {});
  });
  cancel.addEventListener('click', () => ctx.rpc.send('cancel', { what: 'every' }));

  const element = h(
    'section',
    { id: 'every-model', hidden: true },
    h('h3', {}, tr('ui.wizard.every.title')),
    h('p', { className: 'muted' }, tr('ui.wizard.every.intro')),
    h('div', { className: 'actions' }, run, cancel),
    cost,
    asking,
    table,
  );

  function update(every: EveryModelView | undefined): void {
    element.hidden = !every;
    traePicker.hidden = !every;
    if (!every) return;
    const busy = every.status === 'running';
    run.hidden = busy;
    cancel.hidden = !busy;
    if (busy) asking.hidden = true;
    setText(cost, every.cost);
    if (asking.hidden) cost.hidden = true;
    setText(confirm, tr('ui.wizard.every.confirm'));
    if (every.status !== lastStatus) {
      if (lastStatus !== '' && every.status === 'running') announce(tr('ui.wizard.every.running'));
      lastStatus = every.status;
    }
    const signature = JSON.stringify(every.rows);
    if (signature !== drawn) {
      drawn = signature;
      replaceChildren(table, every.rows.length > 0 && rowsTable(every.rows));
    }
    const names = every.models.join('\n');
    if (names !== models) {
      models = names;
      const keep = select.value;
      replaceChildren(select, ...every.models.map((m) => h('option', { value: m }, m)));
      select.value = every.models.includes(keep) ? keep : (every.models[0] ?? '');
    }
  }

  return { element, traePicker, traeModel: () => (traePicker.hidden ? undefined : select.value), update };
}

function rowsTable(rows: EveryModelView['rows']): HTMLElement {
  const head = ['ui.wizard.every.model', 'ui.wizard.every.answer', 'ui.wizard.every.time', 'ui.wizard.every.finding'];
  return h(
    'table',
    { className: 'steps-table', id: 'every-table' },
    h('caption', { className: 'visually-hidden' }, tr('ui.wizard.every.caption')),
    h('thead', {}, h('tr', {}, ...head.map((id) => h('th', { scope: 'col' }, tr(id as MessageId))))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('code', {}, h('bdi', {}, row.model))),
          h('td', {}, row.answer !== undefined ? h('q', {}, h('bdi', {}, row.answer || '∅')) : '—'),
          h(
            'td',
            { className: 'num' },
            row.durationMs !== undefined ? tr('ui.wizard.test.ms', { ms: row.durationMs }) : '—',
          ),
          h(
            'td',
            {},
            row.verdict ? icon(VERDICT_ICONS[row.verdict]!) : '',
            row.verdict ? ' ' : '',
            row.finding ?? tr(STATUS_TEXT[row.status] ?? 'ui.wizard.every.waiting'),
          ),
        ),
      ),
    ),
  );
}
