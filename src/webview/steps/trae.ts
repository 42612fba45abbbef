// Step 5, Set up Trae: Trae's own Add Model dialog, drawn the way Trae lays it out (the ways in, the
// Custom Config tab, the four required rows with their switches on the same row, then Advanced
// Settings as it looks once opened (Trae starts it collapsed), then Add Model), each field with its value
// and a Copy button, in Trae's or Trae CN's labels. "Copy all as text" follows the same order. Next comes
// right after the Copy buttons; Trae's error codes follow it, folded.
import { KEY_ON_CLIPBOARD_SECONDS } from '../../wizard/protocol/limits';
import type { GuideFieldView, GuideView, WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';
import { Actions, copyButton } from '../ui';
import { traeErrors } from './traeErrors';
import { instructionList, isReachable, stepTitle } from './common';

type Row = GuideView['required'][number];

export function mountTrae(ctx: AppContext): StepModule {
  const body = h('div', { id: 'trae-body' });
  const actions = new Actions(ctx, 'test', { label: 'ui.wizard.next', run: () => ctx.goTo('confirm') });
  const codes = h('div', { id: 'trae-codes' });
  let drawn = '';
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
      replaceChildren(
        body,
        languageSwitch(ctx, view),
        instructionList(guide.beforeAdding, 'trae-steps'),
        dialog(ctx, guide, view),
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

function dialog(ctx: AppContext, guide: GuideView, view: WizardView): HTMLElement {
  const rows = (list: readonly Row[]) =>
    list.map((row) =>
      h(
        'div',
        { className: `trae-row ${row.layout}` },
        row.label && h('div', { className: 'trae-row-label' }, row.label),
        h('div', { className: 'trae-row-fields' }, ...row.fields.map((f, i) => field(ctx, f, view, row, i))),
      ),
    );
  return h(
    'div',
    { className: 'trae-dialog', role: 'group', 'aria-label': tr('ui.wizard.trae.dialogLabel'), id: 'trae-dialog' },
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
      h('p', { className: 'section-hint', id: 'advanced-hint' }, guide.advanced.hint),
      ...rows(guide.advanced.rows),
    ),
    // A drawing of Trae's button, not a button: outlined, never filled like one of ours, and said so.
    h(
      'div',
      { className: 'trae-add' },
      h('span', { className: 'trae-add-button', 'aria-hidden': 'true' }, guide.addButton),
      h('p', { className: 'section-hint' }, tr('ui.wizard.trae.addHint', { button: guide.addButton })),
    ),
  );
}

function field(ctx: AppContext, f: GuideFieldView, view: WizardView, row: Row, index: number): HTMLElement {
  const copy = () => ctx.rpc.request('copy', { what: f.id }).then(() => undefined);
  // A switch is turned, not typed: nothing to copy. The key is copied by the host, if one is stored.
  const copyable = f.kind !== 'switch' && !(f.kind === 'secret' && view.keyForTrae === 'missing');
  const required = ['apiFormat', 'requestUrl', 'modelId', 'apiKey'].includes(f.id);
  const side = row.layout === 'withSwitch' && index === 1 ? ' side' : '';
  return h(
    'div',
    { className: `trae-field kind-${f.kind}${side}`, 'data-field': f.id, 'data-label': f.label },
    h(
      'div',
      { className: 'trae-label' },
      required && h('span', { className: 'required', 'aria-hidden': 'true' }, '*'),
      f.label,
      required && h('span', { className: 'visually-hidden' }, ` (${tr('ui.wizard.trae.required')})`),
      f.maxLength !== undefined &&
        h('span', { className: 'muted limit' }, ` ${tr('ui.wizard.trae.limit', { max: f.maxLength })}`),
    ),
    h('div', { className: 'trae-value' }, value(f, view), copyable && copyButton(f.title, copy, copyName(f))),
    h('p', { className: 'muted note' }, f.note),
    f.reason && h('p', { className: 'reason' }, icon('info'), ' ', f.reason),
  );
}

/** The key's Copy says, in its tooltip and accessible name, that the key leaves the clipboard again. */
function copyName(f: GuideFieldView): { name?: string } {
  if (f.kind !== 'secret') return {};
  return { name: tr('ui.wizard.trae.copyKey', { field: f.title, seconds: KEY_ON_CLIPBOARD_SECONDS }) };
}

function value(f: GuideFieldView, view: WizardView): HTMLElement {
  if (f.kind === 'secret') {
    return view.keyForTrae === 'stored'
      ? h('span', { className: 'value' }, tr('ui.wizard.trae.keyStored', { seconds: KEY_ON_CLIPBOARD_SECONDS }))
      : h('span', { className: 'value warning' }, icon('warning'), ' ', tr('ui.wizard.trae.keyMissing'));
  }
  if (f.kind === 'switch') {
    return h(
      'span',
      { className: `value toggle ${f.on ? 'on' : 'off'}`, role: 'img', 'aria-label': `${f.title}: ${f.value}` },
      h('span', { className: 'knob', 'aria-hidden': 'true' }),
      f.value,
    );
  }
  return h('code', { className: 'value' }, h('bdi', {}, f.value));
}
