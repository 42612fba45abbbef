// Step 3's models for Trae, in the page: one main model and up to 19 more, one Add Model entry each. Ids
// that differ only in case are one model (modelKey); a 21st is refused with a sentence; the main model is
// never also a further one. The "Chosen for Trae" list says which models the pool no longer offers and keeps
// them until the user removes them. Names are text, isolated for bidi, never markup.
import { MAX_MODELS, modelKey } from '../../core/trae/modelSet';
import type { ModelView, WizardView } from '../../wizard/protocol/protocolViews';
import type { LocalDraft } from '../stepContract';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';
import { announce, setText } from '../ui';

/** The further models as the page holds them: each once, never the main model. */
export function furtherOf(local: LocalDraft): string[] {
  const main = modelKey(local.modelId);
  const seen = new Set<string>();
  return (local.moreModels ?? []).filter((id) => {
    const key = modelKey(id);
    if (key === '' || key === main || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many models Trae gets from the draft: the main model (once typed or chosen) and the further ones. */
export function countOf(local: LocalDraft): number {
  return (local.modelId.trim() === '' ? 0 : 1) + furtherOf(local).length;
}

/** Adds a further model; 'full' when the set already holds Trae's 20 (nothing changes then). */
export function addFurther(local: LocalDraft, id: string): 'added' | 'already' | 'full' {
  const key = modelKey(id);
  const further = furtherOf(local);
  if (key === modelKey(local.modelId) || further.some((m) => modelKey(m) === key)) return 'already';
  if (further.length >= MAX_MODELS - 1) return 'full';
  local.moreModels = [...further, id];
  return 'added';
}

export function removeFurther(local: LocalDraft, id: string): void {
  local.moreModels = furtherOf(local).filter((m) => modelKey(m) !== modelKey(id));
}

/**
 * Makes `id` the main model. A further model that becomes the main one swaps places with the old main model
 * (nothing leaves the set); a model from outside the set replaces the main model, as with one model.
 */
export function makeMain(local: LocalDraft, id: string): void {
  const old = local.modelId.trim();
  const further = furtherOf(local);
  const at = further.findIndex((m) => modelKey(m) === modelKey(id));
  if (at >= 0) {
    if (old !== '') further[at] = old;
    else further.splice(at, 1);
  }
  local.modelId = id;
  local.moreModels = further;
}

export interface ChosenActions {
  remove(id: string): void;
  makeMain(id: string): void;
}

/** "Chosen for Trae (n of 20)": the set, main model first, each further one with Make main and Remove. */
export class ChosenList {
  readonly #title = h('h3', { id: 'chosen-title', tabindex: -1 });
  readonly #list = h('ol', { id: 'chosen-list', className: 'chosen-list' });
  readonly #refused = h('p', { id: 'chosen-refused', className: 'error', role: 'alert', hidden: true });
  readonly #gone = h('p', { id: 'chosen-gone', className: 'warning' });
  readonly element = h(
    'section',
    { id: 'chosen', className: 'chosen', 'aria-labelledby': 'chosen-title' },
    this.#title,
    h('p', { className: 'muted' }, tr('ui.wizard.model.chosenIntro')),
    this.#list,
    this.#refused,
    this.#gone,
  );
  #signature = '';
  /** The models said to be gone, so each is announced once when the pool drops it. */
  #saidGone = new Set<string>();

  constructor(private readonly actions: ChosenActions) {}

  /** A 21st model was not added: said next to the set, and to screen readers, with what to do. */
  refuse(id: string): void {
    this.#refused.hidden = false;
    setText(this.#refused, tr('ui.wizard.model.tooMany', { max: MAX_MODELS, model: id }));
  }

  update(local: LocalDraft, view: WizardView, named: (id: string) => ModelView | undefined): void {
    const main = local.modelId.trim();
    const further = furtherOf(local);
    if (countOf(local) < MAX_MODELS) this.#refused.hidden = true;
    const offNow = new Set((view.model.notOffered ?? []).map(modelKey));
    // The main model's own line says more (step 3's check); here it is marked like the others.
    const mainGone = main !== '' && view.draft.modelId === local.modelId && view.model.match === 'none';
    const gone = further.filter((id) => offNow.has(modelKey(id)));
    const signature = JSON.stringify([main, further, gone, mainGone, further.map((id) => named(id)?.name)]);
    this.element.hidden = main === '' && further.length === 0;
    if (signature === this.#signature) return;
    this.#signature = signature;
    setText(this.#title, tr('ui.wizard.model.chosenTitle', { count: countOf(local), max: MAX_MODELS }));
    replaceChildren(
      this.#list,
      main !== '' && this.#item(main, named(main), mainGone, true),
      ...further.map((id) => this.#item(id, named(id), offNow.has(modelKey(id)), false)),
    );
    const models = gone.map((id) => `"${id}"`).join(', ');
    this.#gone.hidden = gone.length === 0;
    replaceChildren(this.#gone, ...(gone.length > 0 ? [icon('warning'), ' ', noteOf(models)] : []));
    const newlyGone = gone.filter((id) => !this.#saidGone.has(modelKey(id)));
    this.#saidGone = new Set(gone.map(modelKey));
    if (newlyGone.length > 0) announce(noteOf(models), 700);
  }

  #item(id: string, model: ModelView | undefined, gone: boolean, isMain: boolean): HTMLElement {
    const name = model && model.name.toLowerCase() !== id.toLowerCase() ? model.name : undefined;
    return h(
      'li',
      { className: gone ? 'chosen-item gone' : 'chosen-item' },
      h('code', { className: 'model-id', title: id }, h('bdi', {}, id)),
      name !== undefined && h('bdi', { className: 'muted model-name-small', title: name }, name),
      isMain && h('span', { className: 'badge' }, tr('ui.wizard.model.isMain')),
      gone && h('span', { className: 'badge warning' }, tr('ui.wizard.model.notOffered')),
      !isMain &&
        h(
          'span',
          { className: 'chosen-actions' },
          // A model the pool no longer offers is not offered as the main one (Trae's chat with it fails): only Remove.
          !gone &&
            h(
              'button',
              {
                type: 'button',
                className: 'secondary',
                'aria-label': tr('ui.wizard.model.makeMainName', { model: id }),
                onclick: () => this.actions.makeMain(id),
              },
              tr('ui.wizard.model.makeMain'),
            ),
          h(
            'button',
            {
              type: 'button',
              className: 'secondary',
              'aria-label': tr('ui.wizard.model.removeName', { model: id }),
              onclick: () => this.#remove(id),
            },
            tr('ui.wizard.model.remove'),
          ),
        ),
    );
  }

  #remove(id: string): void {
    this.actions.remove(id);
    // The button pressed is gone: focus goes to the set's title, not to the page's top.
    this.#title.focus();
  }
}

function noteOf(models: string): string {
  return tr('ui.wizard.model.notOfferedNote', { models });
}
