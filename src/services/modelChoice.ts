// Which model a command checks when the saved setup has several (issue 24.5): the items of the quick pick,
// in plain Node so the unit tests cover them. The main model comes first and is the one Enter takes, so a
// user who types Enter keeps today's one-step flow; with one model there is nothing to ask.
import { modelKey, modelSetOf } from '../core/trae/modelSet';
import { msg, type Msg } from '../core/text/messages';
import type { ConnectionSettings } from './ports';

export type ModelChoice =
  | {
      readonly kind: 'model';
      /** The Model ID as saved (the pool's spelling). */
      readonly model: string;
      readonly main: boolean;
      /** "main model" beside the main one. */
      readonly description?: Msg;
    }
  /** "Another Model ID…": the user types one (Explain a Trae Error's 984 is about the value in Trae). */
  | { readonly kind: 'other'; readonly label: Msg; readonly detail: Msg };

/** The saved set, main model first, each model once. */
export function modelsOf(settings: Pick<ConnectionSettings, 'model' | 'moreModels'>): string[] {
  const set = modelSetOf([settings.model, ...(settings.moreModels ?? [])]);
  return set.ok ? [...set.ids] : [settings.model.trim()].filter((id) => id !== '');
}

/**
 * The quick pick's items, or none when there is nothing to ask (one model, or none). `other`: an item that
 * lets the user type a Model ID instead.
 */
export function modelChoices(
  settings: Pick<ConnectionSettings, 'model' | 'moreModels'>,
  options: { readonly other?: boolean } = {},
): ModelChoice[] {
  const models = modelsOf(settings);
  if (models.length < 2) return [];
  const choices: ModelChoice[] = models.map((model, i) =>
    i === 0
      ? { kind: 'model', model, main: true, description: msg('ui.pickModel.main') }
      : { kind: 'model', model, main: false },
  );
  if (options.other)
    choices.push({ kind: 'other', label: msg('ui.pickModel.other'), detail: msg('ui.explain.modelIdPrompt') });
  return choices;
}

/** The saved connection with `model` as the one checked; the other models of the set stay its further ones. */
export function withModel<T extends ConnectionSettings>(settings: T, model: string): T {
  const others = modelsOf(settings).filter((id) => modelKey(id) !== modelKey(model));
  return { ...settings, model, moreModels: others };
}

/** Whether `model` is the saved setup's main model (its check is the one the status bar shows). */
export function isMainModel(settings: Pick<ConnectionSettings, 'model'>, model: string): boolean {
  return modelKey(model) === modelKey(settings.model);
}
