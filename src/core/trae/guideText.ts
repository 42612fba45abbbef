// The guide as plain text, for "Copy all as text": the same steps, sections and field order as the
// dialog, with the key never in it.
import { msg, type Msg } from '../text/messages';
import type { TraeField, TraeRow } from './guideRows';
import type { TraeDialog, TraeGuide } from './traeGuide';

/** The fields whose values depend on the model; the rest of the dialog is the same for every model. */
export const PER_MODEL_FIELDS: readonly TraeField['id'][] = [
  'modelId',
  'multimodal',
  'displayName',
  'contextInput',
  'contextOutput',
];

/** After the main model's checklist: one more Add Model entry per further model, with only what differs. */
export function furtherModelsText(guides: readonly TraeGuide[], render: (m: Msg) => string): string {
  const lines = [render(msg('guide.text.further', { count: guides.length }))];
  for (const guide of guides) {
    const own = dialogFields(guide.dialog).filter((f) => PER_MODEL_FIELDS.includes(f.id));
    lines.push(`- ${own.map((f) => `${f.title}: ${f.value}`).join('; ')}`);
  }
  return lines.join('\n');
}

/** Every field of the dialog, top to bottom (required rows, then Advanced Settings). */
export function dialogFields(dialog: TraeDialog): TraeField[] {
  return [...dialog.required, ...dialog.advanced.rows].flatMap((row) => [...row.fields]);
}

/**
 * The "Copy all as text" checklist: the same steps, sections and field order as the dialog. The key is
 * never in it: `keyPlaceholder` stands in its place.
 */
export function guideAsText(guide: TraeGuide, render: (m: Msg) => string, keyPlaceholder: string): string {
  const valueOf = (field: TraeField) => (field.kind === 'secret' ? keyPlaceholder : field.value);
  const rowLines = (row: TraeRow): string[] => {
    const line =
      row.layout === 'pair'
        ? `   - ${row.label}: ${row.fields[0].label} ${valueOf(row.fields[0])}, ${row.fields[1].label} ${valueOf(row.fields[1])}`
        : row.layout === 'withSwitch'
          ? `   - ${row.fields[0].label}: ${valueOf(row.fields[0])}  |  ${row.fields[1].label}: ${valueOf(row.fields[1])}`
          : `   - ${row.fields[0].label}: ${valueOf(row.fields[0])}`;
    const reasons = new Set(row.fields.flatMap((f) => (f.reason ? [render(f.reason)] : [])));
    return [line, ...[...reasons].map((reason) => `     (${reason})`)];
  };
  const lines: string[] = [render(msg('guide.text.header')), ''];
  guide.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${render(step.title)}: ${render(step.body)}`);
    if (step.id === 'fillRequired') for (const row of guide.dialog.required) lines.push(...rowLines(row));
    if (step.id === 'openAdvanced') for (const row of guide.dialog.advanced.rows) lines.push(...rowLines(row));
  });
  lines.push('', render(guide.dialog.workingWhen), '', render(msg('guide.text.errors')));
  for (const e of guide.traeErrors) lines.push(`- ${render(e.title)}: ${render(e.meaning)} ${render(e.fix)}`);
  return lines.join('\n');
}
