// Step 5, Set up Trae: Trae's own Add Model dialog, drawn the way Trae lays it out (the required rows
// with their switches, then Advanced Settings, which Trae keeps collapsed, then Add Model), each field
// with the value to enter and a Copy button, in Trae's or Trae CN's labels.
import type { GuideFieldView, GuideView, WizardView } from '../../wizard/protocol';
import type { AppContext, StepModule } from '../app';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';
import { Actions, copyButton } from '../ui';
import { stepTitle } from './common';

export function mountTrae(ctx: AppContext): StepModule {
  const body = h('div', { id: 'trae-body' });
  const actions = new Actions(ctx, 'test', { label: 'ui.wizard.next', run: () => ctx.goTo('chat') });
  let drawn = '';
  const element = h('div', {}, stepTitle('trae'), body, actions.element);

  return {
    element,
    update(view: WizardView) {
      const signature = JSON.stringify([view.guide, view.language, view.keyForTrae]);
      actions.set(view.steps.find((s) => s.name === 'chat')!.reachable);
      if (signature === drawn) return;
      drawn = signature;
      const guide = view.guide;
      if (!guide) return replaceChildren(body, h('p', {}, tr('ui.wizard.trae.incomplete')));
      // Redrawn only when the guide itself changed (language, values): focus stays where it was.
      const focused = document.activeElement?.id;
      replaceChildren(body, languageSwitch(ctx, view), steps(guide.before, 'trae-before'), dialog(ctx, guide, view), h('div', { className: 'actions' }, copyButton(tr('ui.wizard.trae.all'), () => ctx.rpc.request('copy', { what: 'all' }).then(() => undefined), { text: tr('ui.wizard.trae.all'), id: 'copy-all' })), errors(guide));
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
      h('label', {}, h('input', { type: 'radio', name: 'language', id: `language-${lang}`, value: lang, checked: view.language === lang, onchange: () => ctx.rpc.send('setLanguage', { language: lang }) }), tr(lang === 'en' ? 'ui.wizard.trae.labelsEn' : 'ui.wizard.trae.labelsCn')),
    ),
  );
}

export function steps(list: GuideView['before'], id: string): HTMLElement {
  return h('ol', { className: 'guide', id }, ...list.map((g) => h('li', { 'data-guide-step': g.id }, h('strong', {}, g.title), ' ', g.body)));
}

function dialog(ctx: AppContext, guide: GuideView, view: WizardView): HTMLElement {
  const sections = guide.sections.map((section) =>
    h(
      'section',
      { className: `trae-section ${section.id}`, 'aria-labelledby': `trae-section-${section.id}` },
      h('h3', { id: `trae-section-${section.id}` }, section.id === 'advanced' && icon('chevron'), section.title),
      section.hint && h('p', { className: 'muted section-hint' }, section.hint),
      ...section.rows.map((row) => h('div', { className: `trae-row fields-${row.length}` }, ...row.map((f) => field(ctx, f, view)))),
    ),
  );
  return h('div', { className: 'trae-dialog', role: 'group', 'aria-label': tr('ui.wizard.trae.dialogLabel') }, ...sections, h('div', { className: 'trae-add' }, h('span', { className: 'trae-add-button' }, guide.addButton)));
}

function field(ctx: AppContext, f: GuideFieldView, view: WizardView): HTMLElement {
  const copy = () => ctx.rpc.request('copy', { what: f.id as never }).then(() => undefined);
  const missingKey = f.kind === 'secret' && view.keyForTrae === 'missing';
  return h(
    'div',
    { className: `trae-field kind-${f.kind}`, 'data-field': f.id },
    h('div', { className: 'trae-label' }, f.label),
    h('div', { className: 'trae-value' }, value(f, view), !missingKey && copyButton(f.label, copy)),
    h('p', { className: 'muted note' }, f.note),
    f.reason && h('p', { className: 'reason' }, icon('info'), ' ', f.reason),
  );
}

function value(f: GuideFieldView, view: WizardView): HTMLElement {
  if (f.kind === 'secret') {
    return view.keyForTrae === 'stored' ? h('span', { className: 'value' }, tr('ui.wizard.trae.keyStored')) : h('span', { className: 'value warning' }, icon('warning'), ' ', tr('ui.wizard.trae.keyMissing'));
  }
  if (f.kind === 'switch') {
    return h('span', { className: `value toggle ${f.on ? 'on' : 'off'}`, role: 'img', 'aria-label': `${f.label}: ${f.value}` }, h('span', { className: 'knob', 'aria-hidden': 'true' }), f.value);
  }
  return h('code', { className: 'value' }, h('bdi', {}, f.value));
}

function errors(guide: GuideView): HTMLElement | false {
  if (guide.errors.length === 0) return false;
  return h(
    'section',
    { className: 'trae-errors', 'aria-labelledby': 'trae-errors-title' },
    h('h3', { id: 'trae-errors-title' }, tr('ui.wizard.trae.errorsTitle')),
    h('dl', {}, ...guide.errors.flatMap((e) => [h('dt', {}, h('code', {}, e.shown)), h('dd', {}, e.meaning, ' ', e.fix)])),
  );
}
