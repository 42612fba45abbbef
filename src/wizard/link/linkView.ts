// Step 1 when the draft came from a setup link: the host it points at, big and plain; whether it is
// held (nothing sent there yet); the saved pool's host when the link names another; what it filled in, and
// which models it adds or removes. Clamped to LIMITS; names inert. No `vscode`.
import { inertText } from '../../core/text/inertText';
import { msg, type Msg } from '../../core/text/messages';
import { modelKey } from '../../core/trae/modelSet';
import { analyzeEndpoint } from '../../core/url/endpoint';
import { LIMITS } from '../protocol/limits';
import type { WizardView } from '../protocol/protocolViews';
import type { WizardState } from '../state/state';
import { moreOf, type Draft } from '../state/stateTypes';
import { clip, take, type Render } from '../protocol/clamp';

export function linkSection(state: WizardState, r: Render): { link?: NonNullable<WizardView['link']> } {
  const link = state.link;
  if (!link) return {};
  const saved = analyzeEndpoint(state.saved.url, state.saved.fullUrl).endpoint;
  const { url, fullUrl, modelId } = state.draft;
  // Each value as the link has it; where it differs from the saved setup, what it replaces.
  const savedDraft = state.saved;
  const onOff = (on: boolean) => msg(on ? 'ui.wizard.url.on' : 'ui.wizard.url.off');
  const model = (id: string) => (id.trim() === '' ? msg('ui.wizard.link.noModel') : id.trim());
  const change = (from: string | Msg, to: string | Msg, same: boolean): string | Msg =>
    same ? to : msg('ui.wizard.link.changed', { from, to });
  const values = msg('ui.wizard.link.values', {
    url: change(savedDraft.url, url, !saved || savedDraft.url.trim() === url.trim()),
    fullUrl: change(onOff(savedDraft.fullUrl), onOff(fullUrl), !saved || savedDraft.fullUrl === fullUrl),
    model: change(model(savedDraft.modelId), model(modelId), !saved || savedDraft.modelId.trim() === modelId.trim()),
  });
  return {
    link: {
      host: clip(link.host, LIMITS.label),
      held: !link.released,
      ...(saved && saved.origin !== link.origin ? { savedHost: clip(saved.host, LIMITS.label) } : {}),
      same: saved?.origin === link.origin,
      values: r(values),
      ...modelsPart(state.draft, saved ? state.saved : undefined),
    },
  };
}

type LinkModels = NonNullable<NonNullable<WizardView['link']>['models']>;

/** The link's models and how they differ from the saved ones (none when nothing usable is saved). */
export function modelsPart(draft: Draft, saved: Draft | undefined): { models?: LinkModels } {
  const linked = modelsOf(draft);
  const kept = saved ? modelsOf(saved) : [];
  // One model on each side: the values line ("Model: b (instead of a)") says it all, as before.
  if (linked.length < 2 && kept.length < 2) return {};
  const missingFrom = (ids: readonly string[]) => (id: string) =>
    !ids.some((other) => modelKey(other) === modelKey(id));
  const shown = (ids: readonly string[]) =>
    take(ids, LIMITS.moreModels + 1).map((id) => clip(inertText(id), LIMITS.id));
  return {
    models: {
      ids: shown(linked),
      added: shown(saved ? linked.filter(missingFrom(kept)) : []),
      removed: shown(kept.filter(missingFrom(linked))),
    },
  };
}

/** A draft's models, the main one first (none when it has no main model). */
function modelsOf(d: Draft): string[] {
  const main = d.modelId.trim();
  return main === '' ? [] : [main, ...moreOf(d)];
}
