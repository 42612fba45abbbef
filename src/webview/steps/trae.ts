// Step 5, Set up Trae: Trae's own Add Model dialog, drawn the way Trae lays it out (the ways in, the
// Custom Config tab, the four required rows with their switches on the same row, then Advanced
// Settings as it looks once opened (Trae starts it collapsed), then Add Model), each field with its value
// and a Copy button, in Trae's or Trae CN's labels. "Copy all as text" follows the same order. Next comes
// right after the Copy buttons; Trae's error codes follow it, folded. With several models the dialog holds
// only the rows that are the same for every model, and one card per model follows (traeCards.ts).
import type { GuideView, WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';
import { Actions, announce, copyButton } from '../ui';
import { traeErrors } from './traeErrors';
import { instructionList, isReachable, stepTitle } from './common';
import { modelCards, openedCards } from './traeCards';
import { rowElements, type FieldCopy, type Row } from './traeRows';

export function mountTrae(ctx: AppContext): StepModule {
  const body = h('div', { id: 'trae-body' });
  const actions = new Actions(ctx, 'test', { label: 'ui.wizard.next', run: () => ctx.goTo('confirm') });
  const codes = h('div', { id: 'trae-codes' });
  let drawn = '';
  /** "2 of 3 added in Trae" as last drawn: a tick's new count is said once, not on every redraw. */
  let progress: string | undefined;
  const element = h('div', {}, stepTitle('trae'), body, actions.element, codes);

  return {
    element,
    update(view: WizardView) {
      actions.set(isReachable(view, 'confirm'));
      const signature = JSON.stringify([view.guide, view.language, view.keyForTrae]);
      if (signature === drawn) return;
      drawn = signature;
      const guide = view.guide;
      if (!guide) {
        replaceChildren(codes);
        return replaceChildren(body, h('p', {}, tr('ui.wizard.trae.incomplete')));
      }
      // Redrawn only when the guide itself changed (language, values): focus goes back where it was, and
      // the error codes stay open if the user had opened them.
      const focused = document.activeElement?.id;
      const open = codes.querySelector('details')?.open === true;
      const opened = openedCards(body);
      if (progress !== undefined && guide.models && guide.models.progress !== progress) announce(guide.models.progress);
      progress = guide.models?.progress;
      replaceChildren(
        body,
        languageSwitch(ctx, view),
        instructionList(guide.beforeAdding, 'trae-steps'),
        dialog(ctx, guide, view),
        ...modelCards(ctx, view, guide, opened),
        h(
          'div',
          { className: 'actions' },
          copyButton(tr('ui.wizard.trae.all'), () => ctx.rpc.request('copy', { what: 'all' }).then(() => undefined), {
            text: tr('ui.wizard.trae.all'),
            id: 'copy-all',
          }),
        ),
        h('p', { className: 'working-when' }, icon('info'), ' ', guide.workingWhen),
      );
      replaceChildren(codes, traeErrors(ctx, guide, { open }));
      if (focused) document.getElementById(focused)?.focus();
    },
  };
}

function languageSwitch(ctx: AppContext, view: WizardView): HTMLElement {
  return h(
    'fieldset',
    { className: 'language' },
    h('legend', {}, tr('ui.wizard.trae.labels')),
    ...(['en', 'zh-cn'] as const).map((lang) =>
      h(
        'label',
        {},
        h('input', {
          type: 'radio',
          name: 'language',
          id: `language-${lang}`,
          value: lang,
          checked: view.language === lang,
          onchange: () => ctx.rpc.send('setLanguage', { language: lang }),
        }),
        tr(lang === 'en' ? 'ui.wizard.trae.labelsEn' : 'ui.wizard.trae.labelsCn'),
      ),
    ),
  );
}

/** With several models: only the rows that are the same for every model (the cards hold the others). */
function shared(guide: GuideView): (row: Row) => boolean {
  const card = guide.models?.cards[0];
  const ids = new Set(card ? [...card.required, ...card.advanced].flatMap((r) => r.fields.map((f) => f.id)) : []);
  return (row) => !row.fields.some((f) => ids.has(f.id));
}

function dialog(ctx: AppContext, guide: GuideView, view: WizardView): HTMLElement {
  const copy: FieldCopy = { copy: (f) => () => ctx.rpc.request('copy', { what: f.id }).then(() => undefined) };
  const keep = shared(guide);
  const rows = (list: readonly Row[]) => rowElements(list.filter(keep), view, copy);
  const models = guide.models;
  return h(
    'div',
    { className: 'trae-dialog', role: 'group', 'aria-label': tr('ui.wizard.trae.dialogLabel'), id: 'trae-dialog' },
    models && h('h3', { className: 'shared-title', id: 'trae-shared' }, tr('ui.wizard.trae.cards.sharedTitle')),
    models && h('p', { className: 'section-hint', id: 'trae-cards-intro' }, models.intro),
    h(
      'div',
      { className: 'trae-tabs', 'aria-hidden': 'true' },
      ...guide.tabs.map((t) => h('span', { className: t.chosen ? 'trae-tab chosen' : 'trae-tab' }, t.label)),
    ),
    h(
      'p',
      { className: 'visually-hidden' },
      tr('ui.wizard.trae.tabChosen', { tab: guide.tabs.find((t) => t.chosen)?.label ?? '' }),
    ),
    h(
      'section',
      { className: 'trae-section required', 'aria-label': tr('ui.wizard.trae.requiredLabel') },
      ...rows(guide.required),
    ),
    h(
      'section',
      { className: 'trae-section advanced', 'aria-labelledby': 'trae-advanced' },
      // Drawn opened, as the user will see it once they click it; Trae shows it collapsed until then.
      h(
        'h3',
        { id: 'trae-advanced' },
        icon('chevronDown'),
        ' ',
        guide.advanced.label,
        ' ',
        h('span', { className: 'muted collapsed-note' }, tr('ui.wizard.trae.advancedCollapsed')),
      ),
      h('p', { className: 'section-hint', id: 'advanced-hint' }, models ? models.sharedAdvanced : guide.advanced.hint),
      ...rows(guide.advanced.rows),
    ),
    // A drawing of Trae's button, not a button: outlined, never filled like one of ours, and said so.
    !models &&
      h(
        'div',
        { className: 'trae-add' },
        h('span', { className: 'trae-add-button', 'aria-hidden': 'true' }, guide.addButton),
        h('p', { className: 'section-hint' }, tr('ui.wizard.trae.addHint', { button: guide.addButton })),
      ),
  );
}
