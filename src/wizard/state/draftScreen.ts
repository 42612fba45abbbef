// A Pool key or token typed or pasted into the URL or a model field is never kept in the draft (so never
// stored, persisted or sent): the field keeps the value it had before, and the user is told. A model past
// Trae's 20 is refused, said with its name. No `vscode`.
import { holdsSecret } from '../../core/secrets/poolKey';
import { MAX_MODELS, modelKey, moreModelsOf } from '../../core/trae/modelSet';
import { msg } from '../../core/text/messages';
import type { NoticeBoard } from './notices';
import type { Draft } from './stateTypes';

export function screenDraft(next: Draft, fallback: Draft, notices: NoticeBoard): Draft {
  let { url, modelId } = next;
  if (holdsSecret(url)) {
    url = holdsSecret(fallback.url) ? '' : fallback.url;
    notices.say('secretInUrl', 'error', msg('ui.wizard.notice.secretInUrl'));
  }
  if (holdsSecret(modelId)) {
    modelId = holdsSecret(fallback.modelId) ? '' : fallback.modelId;
    notices.say('secretInModel', 'error', msg('ui.wizard.notice.secretInModel'));
  }
  // A further model that holds a secret is dropped (moreModelsOf drops it too), said like the model field.
  const more = next.moreModels ?? fallback.moreModels ?? [];
  if (more.some(holdsSecret)) notices.say('secretInModel', 'error', msg('ui.wizard.notice.secretInModel'));
  const kept = more.filter((m) => !holdsSecret(m));
  const refused = pastTheLimit(modelId, kept);
  if (refused !== undefined) {
    notices.say('modelsTooMany', 'error', msg('ui.wizard.model.tooMany', { max: MAX_MODELS, model: refused }));
  }
  // Kept as a setup keeps them: each model once (the main model not again), at most 19.
  const set = moreModelsOf(modelId, kept);
  return { url, fullUrl: next.fullUrl, modelId, ...(set.length > 0 ? { moreModels: set } : {}) };
}

/** The first further model that would make the set larger than Trae's 20 (the rest of the set is kept). */
export function pastTheLimit(main: string, more: readonly string[]): string | undefined {
  const kept = moreModelsOf(main, more);
  if (kept.length < MAX_MODELS - 1) return undefined;
  const keys = new Set([modelKey(main), ...kept.map(modelKey)]);
  return more.map((m) => m.trim()).find((m) => m !== '' && !keys.has(modelKey(m)));
}
