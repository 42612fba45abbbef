// The models a user puts in Trae: one main model (the one Check Connection and the test chat use) and up to
// 19 more, one Add Model entry each. Ids that differ only in case are one model (the pool matches ids that
// way); the main model comes first; a 21st is refused with a sentence. Each entry gets values fitted to its
// model, and Display Names that Trae's 32-character box takes and that tell the entries apart. Pure.
import { holdsSecret } from '../secrets/poolKey';
import { msg, type Msg } from '../text/messages';
import {
  contextWindowFor,
  displayNameFor,
  modelName,
  multimodalFor,
  TRAE_DISPLAY_NAME_MAX,
  type ContextWindowValues,
  type DisplayNameValue,
  type GuideModel,
  type MultimodalValue,
} from './traeValues';

/** Trae entries one setup keeps: the main model and 19 more. */
export const MAX_MODELS = 20;
/** A model id's length cap (a setup link's and a setting's). */
export const MAX_MODEL_ID_LENGTH = 256;

export type ModelSetResult =
  | {
      readonly ok: true;
      /** The main model first, each model once, as given (the caller keeps the pool's spelling). */
      readonly ids: readonly string[];
      /** Ids dropped because the same model (in other casing) was already in the set. */
      readonly merged: readonly string[];
    }
  | { readonly ok: false; readonly reason: Msg };

/** One key for a model id: trimmed, case folded (the pool matches ids case-insensitively after trimming). */
export function modelKey(id: string): string {
  return id.trim().toLowerCase();
}

/** The set from ids given main first: blanks dropped, case variants merged (first wins), at most 20. */
export function modelSetOf(ids: readonly string[]): ModelSetResult {
  const seen = new Set<string>();
  const out: string[] = [];
  const merged: string[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    if (id === '') continue;
    if (id.length > MAX_MODEL_ID_LENGTH) {
      return { ok: false, reason: msg('models.set.tooLong', { max: MAX_MODEL_ID_LENGTH, length: id.length }) };
    }
    const key = modelKey(id);
    if (seen.has(key)) {
      merged.push(id);
      continue;
    }
    if (out.length === MAX_MODELS)
      return { ok: false, reason: msg('models.set.tooMany', { max: MAX_MODELS, model: id }) };
    seen.add(key);
    out.push(id);
  }
  return { ok: true, ids: out, merged };
}

/** The values of one Add Model entry, fitted to its model. */
export interface EntryValues {
  readonly modelId: string;
  readonly displayName: DisplayNameValue;
  readonly multimodal: MultimodalValue;
  readonly context: ContextWindowValues;
}

/**
 * Each model's entry, in the set's order, with Display Names unique across the set (compared without case,
 * as a person reading Trae's model picker would) and each within Trae's 32 characters. Two names that would
 * be equal are told apart by the model id, then by a number.
 */
export function entriesFor(models: readonly GuideModel[], max = TRAE_DISPLAY_NAME_MAX): EntryValues[] {
  const names = uniqueDisplayNames(models, max);
  return models.map((model, i) => ({
    modelId: model.id.trim(),
    displayName: names[i]!,
    multimodal: multimodalFor(model),
    context: contextWindowFor(model),
  }));
}

function uniqueDisplayNames(models: readonly GuideModel[], max: number): DisplayNameValue[] {
  const first = models.map((m) => displayNameFor(m, max));
  const taken = new Set<string>();
  const clashes = (value: string) => first.filter((n) => n.value.toLowerCase() === value.toLowerCase()).length > 1;
  return first.map((name, i) => {
    const model = models[i]!;
    let value = name;
    // A clash: first the id itself (it tells models apart), then a number.
    if (clashes(name.value) || taken.has(name.value.toLowerCase())) {
      const byId = displayNameFor({ id: model.id }, max);
      value = taken.has(byId.value.toLowerCase()) || clashes(byId.value) ? numbered(model, taken, max) : byId;
      value = { ...value, reason: msg('guide.displayName.clash', { value: value.value, name: modelName(model) }) };
    }
    taken.add(value.value.toLowerCase());
    return value;
  });
}

/** "<name, cut to fit> 2", the lowest number that is free. */
function numbered(model: GuideModel, taken: ReadonlySet<string>, max: number): DisplayNameValue {
  for (let n = 2; ; n++) {
    const tail = ` ${n}`;
    let cut = modelName({ id: model.id }).slice(0, Math.max(1, max - tail.length));
    if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
    const value = `${cut.trimEnd()}${tail}`;
    if (!taken.has(value.toLowerCase())) return { value, shortened: 'cut' };
  }
}

/** The further models as the user set them (untrusted): strings only, each model once, no secret, at most 19. */
export function moreModelsOf(main: string, raw: unknown): string[] {
  const seen = new Set([modelKey(main)]);
  const out: string[] = [];
  for (const value of Array.isArray(raw) ? raw : []) {
    if (typeof value !== 'string' || holdsSecret(value)) continue;
    const id = value.trim();
    if (id === '' || id.length > MAX_MODEL_ID_LENGTH || seen.has(modelKey(id))) continue;
    seen.add(modelKey(id));
    out.push(id);
    if (out.length === MAX_MODELS - 1) break;
  }
  return out;
}
