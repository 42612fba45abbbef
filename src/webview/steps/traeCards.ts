// Step 5 with several models: how many are added in Trae, then one Add Model card per model (main model
// first and open; the others folded, each keeping the state the user left it in). A card holds the rows
// whose values are its model's own, each with a Copy button that names the model, and a real checkbox
// "Added in Trae" that the host remembers for this setup. Model ids are shown as text, never as markup.
import type { GuideView, WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext } from '../stepContract';
import { h, icon } from '../dom';
import { tr } from '../strings';
import { rowElements, type FieldCopy } from './traeRows';

type Models = NonNullable<GuideView['models']>;
type Card = Models['cards'][number];

/** The cards as drawn: `opened` says which cards the user had opened or folded (by model id). */
export function modelCards(
  ctx: AppContext,
  view: WizardView,
  guide: GuideView,
  opened: ReadonlyMap<string, boolean>,
): HTMLElement[] {
  const models = guide.models;
  if (!models) return [];
  return [
    // Drawn anew with the step; a change is announced by the step (trae.ts), once.
    h('p', { className: 'cards-progress', id: 'trae-progress' }, models.progress),
    h(
      'ol',
      { className: 'trae-cards', id: 'trae-cards', 'aria-label': tr('ui.wizard.trae.cards.label') },
      ...models.cards.map((card, i) => cardElement(ctx, view, guide, card, i, opened.get(card.modelId) ?? card.main)),
    ),
  ];
}

/** Which cards are open now (read before a redraw, so a redraw keeps them as the user left them). */
export function openedCards(root: HTMLElement): Map<string, boolean> {
  const opened = new Map<string, boolean>();
  for (const card of root.querySelectorAll<HTMLElement>('.trae-card')) {
    const details = card.querySelector('details');
    const model = card.dataset['model'];
    if (details && model !== undefined) opened.set(model, details.open);
  }
  return opened;
}

function cardElement(
  ctx: AppContext,
  view: WizardView,
  guide: GuideView,
  card: Card,
  index: number,
  open: boolean,
): HTMLElement {
  const copy: FieldCopy = {
    copy: (f) => () => ctx.rpc.request('copy', { what: f.id, model: card.modelId }).then(() => undefined),
    label: (f) => tr('ui.wizard.trae.cards.copyFor', { field: f.title, model: card.modelId }),
  };
  const tick = h('input', { type: 'checkbox', id: `added-${index}`, checked: card.added });
  tick.checked = card.added;
  tick.addEventListener('change', () => ctx.act('markAdded', { model: card.modelId, added: tick.checked }));
  const element = h(
    'li',
    { className: card.added ? 'trae-card added' : 'trae-card', id: `card-${index}` },
    h(
      'details',
      { open },
      h(
        'summary',
        {},
        h('bdi', { className: 'card-model' }, card.modelId),
        card.main && h('span', { className: 'muted' }, ` (${tr('ui.wizard.trae.cards.main')})`),
        card.added &&
          h('span', { className: 'card-added-mark' }, ' ', icon('pass'), ' ', tr('ui.wizard.trae.cards.addedMark')),
        card.notOffered === true &&
          h('span', { className: 'badge warning' }, ' ', icon('warning'), ' ', tr('ui.wizard.model.notOffered')),
      ),
      ...rowElements(card.required, view, copy),
      card.advanced.length > 0 && h('h4', { className: 'card-advanced' }, guide.advanced.label),
      ...rowElements(card.advanced, view, copy),
      h('p', { className: 'muted section-hint' }, tr('ui.wizard.trae.cards.then', { button: guide.addButton })),
    ),
    h(
      'label',
      { className: 'card-tick' },
      tick,
      ' ',
      tr('ui.wizard.trae.cards.added'),
      h('span', { className: 'visually-hidden' }, ` (${card.modelId})`),
    ),
  );
  element.dataset['model'] = card.modelId;
  return element;
}
