// The entries of the pool's model list that were left out, as info diagnoses: one per reason, never
// a worse health (the rest of the list works).
import type { MessageId } from '../text/messages';
import { MAX_MODELS, type ModelSkipReason, type SkippedModel } from '../pool/modelList';
import { diagnosis, type CheckStepId, type Diagnosis } from './diagnosis';

// One diagnosis per reason, each fully localized: "Skipped 1 of the pool's models: id too long".
const SKIP_CAUSES: Record<ModelSkipReason, MessageId> = {
  'not-an-object': 'diag.modelsSkipped.cause',
  'id-missing': 'diag.modelsSkippedIdMissing.cause',
  'id-not-text': 'diag.modelsSkippedIdNotText.cause',
  'id-too-long': 'diag.modelsSkippedIdTooLong.cause',
  'id-unsafe-characters': 'diag.modelsSkippedIdUnsafe.cause',
  'duplicate-id': 'diag.modelsSkippedDuplicate.cause',
};

/** Info diagnoses for the entries of the model list that were left out (they never change health). */
export function diagnoseSkippedModels(
  skipped: readonly SkippedModel[],
  truncated: number,
  step: CheckStepId = 'models',
): Diagnosis[] {
  const byReason = new Map<ModelSkipReason, SkippedModel[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  const found = [...byReason].map(([reason, list]) => {
    const shown = list
      .slice(0, 5)
      .map((s) => `#${s.index}${s.id !== undefined ? ` ${JSON.stringify(s.id)}` : ''}`)
      .join(', ');
    return diagnosis(
      'models-skipped',
      step,
      `GET /v1/models: ${list.length} entries skipped (${reason}): ${shown}${list.length > 5 ? ', …' : ''}`,
      {
        args: { count: list.length, max: MAX_MODELS },
        cause: SKIP_CAUSES[reason],
      },
    );
  });
  if (truncated > 0) {
    found.push(
      diagnosis('models-skipped', step, `GET /v1/models: ${truncated} entries after the first ${MAX_MODELS} not read`, {
        args: { count: truncated, max: MAX_MODELS },
        cause: 'diag.modelsTruncated.cause',
      }),
    );
  }
  return found;
}
