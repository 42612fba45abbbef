// A Pool key or token typed or pasted into the URL or a model field is never kept in the draft (so never
// stored, persisted or sent): the field keeps the value it had before, and the user is told. No `vscode`.
import { holdsSecret } from '../../core/secrets/poolKey';
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
  return { url, fullUrl: next.fullUrl, modelId, ...(kept.length > 0 ? { moreModels: kept } : {}) };
}
