// The rows of Trae's Add Model dialog as step 5 draws them (the dialog itself and each model's card): Trae's
// label, the value to enter, a Copy button (the key's is copied by the host, never shown), the note and the
// reason a value was fitted to the model.
import { KEY_ON_CLIPBOARD_SECONDS } from '../../wizard/protocol/limits';
import type { GuideFieldView, GuideView, WizardView } from '../../wizard/protocol/protocolViews';
import { h, icon } from '../dom';
import { tr } from '../strings';
import { copyButton } from '../ui';

export type Row = GuideView['required'][number];

/** What a field's Copy button copies, and its accessible name (a card's names say which model). */
export interface FieldCopy {
  readonly copy: (f: GuideFieldView) => () => Promise<void>;
  readonly label?: (f: GuideFieldView) => string;
}

export function rowElements(list: readonly Row[], view: WizardView, how: FieldCopy): HTMLElement[] {
  return list.map((row) =>
    h(
      'div',
      { className: `trae-row ${row.layout}` },
      row.label && h('div', { className: 'trae-row-label' }, row.label),
      h('div', { className: 'trae-row-fields' }, ...row.fields.map((f, i) => field(f, view, row, i, how))),
    ),
  );
}

function field(f: GuideFieldView, view: WizardView, row: Row, index: number, how: FieldCopy): HTMLElement {
  // A switch is turned, not typed: nothing to copy. The key is copied by the host, if one is stored.
  const copyable = f.kind !== 'switch' && !(f.kind === 'secret' && view.keyForTrae === 'missing');
  const required = ['apiFormat', 'requestUrl', 'modelId', 'apiKey'].includes(f.id);
  const side = row.layout === 'withSwitch' && index === 1 ? ' side' : '';
  const label = how.label?.(f);
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
    h(
      'div',
      { className: 'trae-value' },
      value(f, view),
      copyable && copyButton(f.title, how.copy(f), label ? { name: label } : copyName(f)),
    ),
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
