// Step 3, Model: the pool's own list for this key (any size: a filter finds one among a thousand), the
// main model's id as Trae's Model ID field will hold it, checked against the list as you type, and more
// models for Trae ("Also in Trae", up to 20 in all; modelChoice.ts). Names are text, isolated for bidi,
// never markup.
import { MAX_MODELS, modelKey } from '../../core/trae/modelSet';
import { EXAMPLE_MODEL_ID } from '../../core/trae/traeValues';
import { LIMITS } from '../../wizard/protocol/limits';
import type { ModelListView, ModelView, WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, replaceChildren } from '../dom';
import { tr } from '../strings';
import { Actions, announce, ProblemList, setText } from '../ui';
import { checkLine, isReachable, stepTitle } from './common';
import { SecretGuard } from '../secretGuard';
import { addFurther, ChosenList, countOf, furtherOf, makeMain, removeFurther } from './modelChoice';

/** At most this many options are drawn; the filter narrows the rest. */
const SHOWN = 150;

export function mountModel(ctx: AppContext): StepModule {
  const status = h('div', { id: 'models-status' });
  const age = h('p', { className: 'muted', id: 'models-age', hidden: true });
  const problems = new ProblemList(ctx, 'models-problems');
  const refresh = h(
    'button',
    {
      type: 'button',
      className: 'secondary',
      id: 'refresh-models',
      onclick: () => ctx.act('recheck', { what: 'models' }),
    },
    tr('ui.wizard.model.refresh'),
  );
  const filter = h('input', {
    id: 'model-filter',
    type: 'search',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-controls': 'model-options',
    placeholder: tr('ui.wizard.model.filterPlaceholder'),
  });
  // A filter that hides models can always be seen and cleared, however short the list became since.
  const clearButton = (id: string) =>
    h(
      'button',
      { type: 'button', className: 'secondary', id, onclick: clearFilter },
      tr('ui.wizard.model.clearFilter'),
    );
  const clearInRow = clearButton('clear-filter');
  const filterRow = h(
    'div',
    { className: 'filter-row' },
    h('label', { for: 'model-filter' }, tr('ui.wizard.model.filter')),
    filter,
    clearInRow,
  );
  const legend = h('legend', {});
  const options = h('div', { id: 'model-options', className: 'model-options' });
  const more = h('p', { className: 'muted', id: 'models-more' });
  const noMatch = h('p', { id: 'models-none' }, tr('ui.wizard.model.noMatch'), ' ', clearButton('clear-filter-none'));
  const note = h('p', { className: 'muted', id: 'models-note' });
  const list = h('fieldset', { className: 'models' }, legend, options, more, noMatch, note);
  const input = h('input', {
    id: 'model',
    type: 'text',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': 'model-check',
    maxlength: LIMITS.id,
    placeholder: EXAMPLE_MODEL_ID,
  });
  const check = h('p', { id: 'model-check' });
  const guard = new SecretGuard(ctx, 'model');
  const actions = new Actions(ctx, 'key', { label: 'ui.wizard.next', run: () => ctx.goTo('test') });
  let models: ModelListView | undefined;
  let view: WizardView | undefined;
  let drawn = '';
  let shownVersion = -1;
  /** The rows drawn now (at most SHOWN), so marking the set never searches the page. */
  let rows: { id: string; radio: HTMLInputElement; also: HTMLInputElement; alsoText: HTMLElement }[] = [];
  /** The list by model key, built once per list (a chosen model's name, whatever the filter shows). */
  let byKey = { token: -1, map: new Map<string, ModelView>() };
  const chosen = new ChosenList({
    remove: (id) => {
      removeFurther(ctx.local, id);
      changed(tr('ui.wizard.model.removed', { model: id, count: countOf(ctx.local), max: MAX_MODELS }));
    },
    makeMain: (id) => choose(id),
  });

  function changed(said?: string): void {
    ctx.draftChanged();
    markChosen();
    if (said) announce(said);
  }

  /** The main model (a radio, or Make main): a further model it was swaps places with the old main model. */
  function choose(id: string): void {
    makeMain(ctx.local, id);
    input.value = id;
    guard.lastGood = id;
    changed(tr('ui.wizard.model.mainNow', { model: id }));
  }

  function toggleAlso(id: string, box: HTMLInputElement): void {
    if (!box.checked) {
      removeFurther(ctx.local, id);
      return changed(tr('ui.wizard.model.removed', { model: id, count: countOf(ctx.local), max: MAX_MODELS }));
    }
    if (addFurther(ctx.local, id) === 'full') {
      box.checked = false;
      return chosen.refuse(id);
    }
    changed(tr('ui.wizard.model.added', { model: id, count: countOf(ctx.local), max: MAX_MODELS }));
  }

  function named(id: string): ModelView | undefined {
    if (byKey.token !== models?.token) {
      byKey = { token: models?.token ?? -1, map: new Map((models?.models ?? []).map((m) => [modelKey(m.id), m])) };
    }
    return byKey.map.get(modelKey(id));
  }

  function markChosen(): void {
    const main = modelKey(ctx.local.modelId);
    const further = new Set(furtherOf(ctx.local).map(modelKey));
    for (const row of rows) {
      const key = modelKey(row.id);
      const isMain = main !== '' && key === main;
      row.radio.checked = isMain;
      row.also.checked = isMain || further.has(key);
      row.also.disabled = isMain;
      const label = tr(isMain ? 'ui.wizard.model.isMainName' : 'ui.wizard.model.alsoName', { model: row.id });
      if (row.also.getAttribute('aria-label') !== label) row.also.setAttribute('aria-label', label);
      setText(row.alsoText, tr(isMain ? 'ui.wizard.model.isMain' : 'ui.wizard.model.also'));
    }
    if (view) chosen.update(ctx.local, view, named);
  }

  function clearFilter(): void {
    filter.value = '';
    draw();
    // The row hides again for a short list: focus goes to the list instead of being lost.
    const target = filterRow.hidden ? (options.querySelector<HTMLInputElement>('input[type=radio]') ?? filter) : filter;
    target.focus();
    announce(tr('ui.wizard.model.filterCleared', { count: models?.models.length ?? 0 }));
  }

  function draw(): void {
    const all = models?.models ?? [];
    const needle = filter.value.trim().toLowerCase();
    const matching =
      needle === ''
        ? all
        : all.filter((m) => m.id.toLowerCase().includes(needle) || m.name.toLowerCase().includes(needle));
    filterRow.hidden = all.length <= 12 && filter.value === '';
    clearInRow.hidden = filter.value === '';
    const signature = `${models?.token}|${needle}`;
    if (signature === drawn) return markChosen();
    drawn = signature;
    setText(legend, tr('ui.wizard.model.legend', { count: all.length }));
    rows = [];
    replaceChildren(options, ...matching.slice(0, SHOWN).map((m, i) => row(m, i)));
    setText(more, matching.length > SHOWN ? tr('ui.wizard.model.more', { count: matching.length - SHOWN }) : '');
    more.hidden = more.textContent === '';
    noMatch.hidden = needle === '' || matching.length > 0;
    setText(note, models?.note ?? '');
    note.hidden = !models?.note;
    if (needle !== '') announce(tr('ui.wizard.model.matches', { count: matching.length }), 500);
    markChosen();
  }

  /** One model: its name, id and badges choose it as the main model; its own box puts it in Trae as well. */
  function row(m: ModelView, i: number): HTMLElement {
    const radio = h('input', {
      type: 'radio',
      name: 'model',
      value: m.id,
      id: `model-${i}`,
      onchange: () => choose(m.id),
    });
    const also = h('input', { type: 'checkbox', value: m.id, id: `also-${i}` });
    also.addEventListener('change', () => toggleAlso(m.id, also));
    const alsoText = h('span', {}, tr('ui.wizard.model.also'));
    rows.push({ id: m.id, radio, also, alsoText });
    return h(
      'div',
      { className: 'model-option' },
      h(
        'label',
        { className: 'model-main' },
        radio,
        h('bdi', { className: 'model-name', title: m.name }, m.name),
        h('code', { className: 'model-id', title: m.id }, h('bdi', {}, m.id)),
        h(
          'span',
          { className: m.images ? 'badge' : 'badge muted' },
          tr(m.images ? 'ui.wizard.model.images' : 'ui.wizard.model.textOnly'),
        ),
        m.contextLength !== undefined &&
          h(
            'span',
            { className: 'muted' },
            tr('ui.wizard.model.context', { tokens: m.contextLength.toLocaleString() }),
          ),
      ),
      h('label', { className: 'model-also' }, also, alsoText),
    );
  }

  input.addEventListener('input', () => {
    if (guard.check(input)) return;
    ctx.local.modelId = input.value;
    ctx.draftChanged();
    markChosen();
  });
  filter.addEventListener('input', draw);

  function update(v: WizardView): void {
    view = v;
    if (shownVersion !== ctx.local.basedOn) {
      shownVersion = ctx.local.basedOn;
      input.value = ctx.local.modelId;
      guard.lastGood = ctx.local.modelId;
    }
    const m = v.model;
    // A refresh keeps showing the list it replaces, said to be old (listAge).
    const loaded = (m.listStatus === 'done' || m.listAge !== undefined) && models?.token === m.listToken;
    checkLine(
      status,
      loaded || m.listStatus === 'running' ? m.listStatus : 'running',
      m.problems.every((p) => p.severity !== 'error'),
      tr('ui.wizard.model.loaded', { count: models?.models.length ?? 0 }),
      'ui.wizard.model.loading',
      'ui.wizard.model.loading',
    );
    setText(age, m.listAge ?? '');
    age.hidden = m.listAge === undefined;
    problems.update(m.problems);
    list.hidden = !loaded || (models?.models.length ?? 0) === 0;
    if (loaded) draw();
    const current = v.draft.modelId === ctx.local.modelId;
    const summary = current ? (m.summary ?? (ctx.local.modelId.trim() === '' ? tr('ui.wizard.model.choose') : '')) : '';
    setText(check, summary);
    check.className =
      !current || ctx.local.modelId.trim() === ''
        ? 'muted'
        : m.match === 'exact'
          ? 'ok'
          : m.match === 'case'
            ? 'info'
            : m.match === 'none'
              ? 'error'
              : 'muted';
    if (!loaded) markChosen();
    const reachable = isReachable(v, 'test') && current;
    actions.set(reachable, reachable ? '' : tr('ui.wizard.model.nextHint'));
  }

  const element = h(
    'div',
    {},
    stepTitle('model'),
    h('p', {}, tr('ui.wizard.model.intro')),
    h('p', { className: 'muted' }, tr('ui.wizard.model.introMore', { max: MAX_MODELS })),
    status,
    age,
    problems.element,
    refresh,
    filterRow,
    list,
    h('label', { for: 'model' }, tr('ui.wizard.model.label')),
    input,
    guard.element,
    check,
    chosen.element,
    actions.element,
  );
  return {
    element,
    update(v, list) {
      models = list;
      update(v);
    },
  };
}
