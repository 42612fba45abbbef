// The Trae guide for the wizard's draft: Trae's Add Model dialog built from the core guide data (the
// draft is saved and checked when the Trae step is open), in the chosen label language, clamped for the
// protocol.
import { findModel } from '../../core/check/matching';
import { msg, type Msg } from '../../core/text/messages';
import type { TraeField, TraeRow } from '../../core/trae/guideRows';
import { dialogFields, furtherModelsText, guideAsText } from '../../core/trae/guideText';
import { modelKey } from '../../core/trae/modelSet';
import { buildTraeGuides, type GuideLanguage, type TraeGuide } from '../../core/trae/traeGuide';
import type { GuideTarget } from '../protocol/protocol';
import { LIMITS } from '../protocol/limits';
import type { GuideFieldView, GuideView } from '../protocol/protocolViews';
import type { WizardState } from '../state/state';
import { moreOf } from '../state/stateTypes';
import { clip } from '../protocol/clamp';

const BEFORE = ['signIn', 'openDialog', 'chooseTab', 'fillRequired', 'openAdvanced', 'addModel'];

/** Trae's dialog once per model of the draft's set, main model first, each with its model's values. */
export function guidesFor(
  state: WizardState,
  language: GuideLanguage,
  only?: (id: string, index: number) => boolean,
): TraeGuide[] {
  const endpoint = state.analysis.endpoint;
  const id = state.draft.modelId.trim();
  if (!endpoint || id === '') return [];
  const listed = state.checks.current('list')?.facts.models ?? [];
  const models = [id, ...moreOf(state.draft)].map((m) => findModel(listed, m) ?? { id: m });
  return buildTraeGuides({ endpoint, models, language }, only && ((m, i) => only(m.id, i)));
}

/** The guide for one model of the set (the main model unless `model` names another); undefined if not in it. */
export function guideFor(state: WizardState, language: GuideLanguage, model?: string): TraeGuide | undefined {
  const wanted = model === undefined ? undefined : modelKey(model);
  return guidesFor(state, language, (id, i) => (wanted === undefined ? i === 0 : modelKey(id) === wanted))[0];
}

type Rendered = (m: Msg) => string;

function fieldView(f: TraeField, r: Rendered): GuideFieldView {
  const label = (s: string) => clip(s, LIMITS.label);
  return {
    id: f.id,
    label: label(f.label),
    title: label(f.title),
    kind: f.kind,
    value: clip(f.value, LIMITS.url),
    on: f.on === true,
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    note: r(f.note),
    ...(f.reason ? { reason: r(f.reason) } : {}),
  };
}

export function rowView(x: TraeRow, r: Rendered): GuideView['required'][number] {
  return {
    layout: x.layout,
    ...(x.layout === 'pair' ? { label: clip(x.label, LIMITS.label) } : {}),
    fields: x.fields.map((f) => fieldView(f, r)),
  };
}

export function guideView(guide: TraeGuide, render: (m: Msg) => string): GuideView {
  const r = (m: Msg) => clip(render(m), LIMITS.text);
  const label = (s: string) => clip(s, LIMITS.label);
  const row = (x: TraeRow) => rowView(x, r);
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
  /** The set's further models (for 'all': each gets its own Add Model entry after the main model's). */
  others: readonly TraeGuide[] = [],
): string | undefined {
  if (what === 'all') {
    const main = guideAsText(guide, render, keyPlaceholder);
    return others.length > 0 ? `${main}\n\n${furtherModelsText(others, render)}` : main;
  }
  return dialogFields(guide.dialog).find((f) => f.id === what)?.value;
}
