// Step 5 with several models: one Add Model card per model (main model first), each with the rows whose values
// belong to its model (Model ID and Multimodal, Display Name, Context Window), whether the user ticked it
// "Added in Trae", and whether the pool still offers it; the rows that are the same for every model (API
// Format, URL and Full URL, key, Model Series, Tool Call Rounds) are said once, by the guide itself.
// Clamped to LIMITS. No `vscode`.
import { msg, type Msg } from '../../core/text/messages';
import type { TraeRow } from '../../core/trae/guideRows';
import { PER_MODEL_FIELDS } from '../../core/trae/guideText';
import { modelKey } from '../../core/trae/modelSet';
import type { TraeGuide } from '../../core/trae/traeGuide';
import { clip, take, type Render } from '../protocol/clamp';
import { LIMITS } from '../protocol/limits';
import type { GuideView } from '../protocol/protocolViews';
import { rowView } from './guideView';

const perModel = (row: TraeRow) => row.fields.some((f) => PER_MODEL_FIELDS.includes(f.id));

/** The cards of a set of two or more models; undefined for one model (step 5 then looks as it always did). */
export function cardsView(
  guides: readonly TraeGuide[],
  ticked: ReadonlySet<string>,
  render: Render,
  notOffered: readonly string[] = [],
): GuideView['models'] | undefined {
  if (guides.length < 2) return undefined;
  const r = (m: Msg) => clip(render(m), LIMITS.text);
  const main = guides[0]!;
  const gone = new Set(notOffered.map(modelKey));
  const cards = take(guides, LIMITS.guideCards).map((g, i) => ({
    modelId: clip(g.modelId, LIMITS.id),
    main: i === 0,
    added: ticked.has(modelKey(g.modelId)),
    ...(gone.has(modelKey(g.modelId)) ? { notOffered: true } : {}),
    required: g.dialog.required.filter(perModel).map((x) => rowView(x, r)),
    advanced: g.dialog.advanced.rows.filter(perModel).map((x) => rowView(x, r)),
  }));
  const added = cards.filter((c) => c.added).length;
  const { addModel, advancedSettings, contextWindow, fields } = main.labels;
  return {
    intro: r(msg('ui.wizard.trae.cards.intro', { count: cards.length, addModel })),
    sharedAdvanced: r(
      msg('ui.wizard.trae.cards.sharedAdvanced', {
        advanced: advancedSettings,
        displayName: fields.displayName,
        contextWindow,
      }),
    ),
    progress: r(
      added === cards.length
        ? msg('ui.wizard.trae.cards.allAdded', { total: cards.length })
        : msg('ui.wizard.trae.cards.progress', { added, total: cards.length }),
    ),
    cards,
  };
}
