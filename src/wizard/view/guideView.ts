// The Trae guide for the wizard's draft: Trae's Add Model dialog built from the core guide data (the
// draft is saved and checked when the Trae step is open), in the chosen label language, clamped for the
// protocol.
import { findModel } from '../../core/check/matching';
import { msg, type Msg } from '../../core/text/messages';
import type { TraeField, TraeRow } from '../../core/trae/guideRows';
import { dialogFields, guideAsText } from '../../core/trae/guideText';
import { buildTraeGuide, type GuideLanguage, type TraeGuide } from '../../core/trae/traeGuide';
import type { GuideTarget } from '../protocol/protocol';
import { LIMITS } from '../protocol/limits';
import type { GuideFieldView, GuideView } from '../protocol/protocolViews';
import type { WizardState } from '../state/state';
import { clip } from '../protocol/clamp';

const BEFORE = ['signIn', 'openDialog', 'chooseTab', 'fillRequired', 'openAdvanced', 'addModel'];

export function guideFor(state: WizardState, language: GuideLanguage): TraeGuide | undefined {
  const endpoint = state.analysis.endpoint;
  const id = state.draft.modelId.trim();
  if (!endpoint || id === '') return undefined;
  const listed = findModel(state.checks.current('list')?.facts.models ?? [], id);
  return buildTraeGuide({ endpoint, model: listed ?? { id }, language });
}

export function guideView(guide: TraeGuide, render: (m: Msg) => string): GuideView {
  const r = (m: Msg) => clip(render(m), LIMITS.text);
  const label = (s: string) => clip(s, LIMITS.label);
  const field = (f: TraeField): GuideFieldView => ({
    id: f.id,
    label: label(f.label),
    title: label(f.title),
    kind: f.kind,
    value: clip(f.value, LIMITS.url),
    on: f.on === true,
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    note: r(f.note),
    ...(f.reason ? { reason: r(f.reason) } : {}),
  });
  const row = (x: TraeRow) => ({
    layout: x.layout,
    ...(x.layout === 'pair' ? { label: label(x.label) } : {}),
    fields: x.fields.map(field),
  });
  const instruction = (s: TraeGuide['steps'][number]) => ({ id: s.id, title: r(s.title), body: r(s.body) });
  const d = guide.dialog;
  const adapted = d.advanced.rows.some((x) => x.fields.some((f) => f.reason));
  return {
    tabs: d.tabs.map((t) => ({ label: label(t.label), chosen: t.chosen })),
    required: d.required.map(row),
    advanced: {
      label: label(d.advanced.label),
      hint: r(
        msg(adapted ? 'ui.wizard.trae.advancedMust' : 'ui.wizard.trae.advancedHint', { advanced: d.advanced.label }),
      ),
      rows: d.advanced.rows.map(row),
    },
    addButton: label(d.addButton),
    beforeAdding: guide.steps.filter((s) => BEFORE.includes(s.id)).map(instruction),
    afterAdding: d.afterAdding.map(instruction),
    workingWhen: r(d.workingWhen),
    // The check that decides a code costs quota unless it only reads the list or reaches the pool.
    errors: guide.traeErrors.map((e) => ({
      key: String(e.key),
      ...(e.shown ? { shown: label(e.shown) } : {}),
      title: r(e.title),
      meaning: r(e.meaning),
      fix: r(e.fix),
      costsQuota: e.decidedBy !== 'modelListed' && e.decidedBy !== 'reachability',
    })),
  };
}

export function guideTextFor(
  guide: TraeGuide,
  what: GuideTarget,
  render: (m: Msg) => string,
  keyPlaceholder: string,
): string | undefined {
  if (what === 'all') return guideAsText(guide, render, keyPlaceholder);
  return dialogFields(guide.dialog).find((f) => f.id === what)?.value;
}
