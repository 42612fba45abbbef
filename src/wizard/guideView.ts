// The Trae guide for the wizard's model: built from the core guide data for the draft (which is saved
// and checked when the Trae step is open), in the chosen label language.
import { findModel } from '../core/check';
import type { Msg } from '../core/messages';
import { buildTraeGuide, guideAsText, type GuideLanguage, type TraeGuide } from '../core/traeGuide';
import type { WizardModel } from './model';
import { LIMITS, type CopyTarget, type GuideView } from './protocol';
import { clip } from './view';

export function guideFor(model: WizardModel, language: GuideLanguage): TraeGuide | undefined {
  const endpoint = model.analysis.endpoint;
  const id = model.draft.model.trim();
  if (!endpoint || id === '') return undefined;
  const listed = findModel(model.current('list')?.facts.models ?? [], id);
  return buildTraeGuide({ endpoint, model: listed ?? { id }, language });
}

export function guideView(guide: TraeGuide, render: (m: Msg) => string): GuideView {
  const r = (m: Msg) => clip(render(m), LIMITS.text);
  const field = (id: string) => guide.fields.find((f) => f.id === id);
  const row = (...ids: string[]) =>
    ids.flatMap((id) => {
      const f = field(id);
      return f ? [{ id: f.id, label: clip(f.label, LIMITS.label), kind: f.kind, value: clip(f.value, LIMITS.url), on: f.value === guide.labels.on, note: r(f.note) }] : [];
    });
  return {
    sections: [
      { id: 'required', title: clip(guide.labels.customConfig, LIMITS.label), rows: [row('apiFormat'), row('requestUrl', 'fullUrl'), row('modelId', 'multimodal'), row('apiKey')] },
      { id: 'advanced', title: 'Advanced Settings', rows: [row('modelSeries'), row('displayName'), row('contextInput', 'contextOutput'), row('toolCallRounds')] },
    ],
    before: guide.steps.filter((s) => ['signIn', 'openModels'].includes(s.id)).map((s) => ({ id: s.id, title: r(s.title), body: r(s.body) })),
    after: guide.steps.filter((s) => ['openPicker', 'autoModeOff', 'selectModel', 'sendTest'].includes(s.id)).map((s) => ({ id: s.id, title: r(s.title), body: r(s.body) })),
    addButton: clip(guide.labels.addModel, LIMITS.label),
    errors: guide.traeErrors.map((e) => ({ code: e.shown.split(' ')[0] ?? '', shown: clip(e.shown, LIMITS.label), meaning: r(e.meaning), fix: r(e.fix) })),
  };
}

export function guideTextFor(guide: TraeGuide, what: Exclude<CopyTarget, 'apiKey'>, render: (m: Msg) => string, keyPlaceholder: string): string | undefined {
  if (what === 'all') return guideAsText(guide, render, keyPlaceholder);
  return guide.fields.find((f) => f.id === what)?.value;
}
