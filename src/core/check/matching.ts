// How the pool's answers are compared with what was asked: model ids the way the pool matches them,
// and the chat check's answer, forgiving case and a final full stop.
import type { ModelInfo } from '../pool/modelList';
import { EXPECTED_ANSWER } from '../pool/poolClient';

/** The pool matches model ids case-insensitively after trimming; so do we. */
export function findModel(models: readonly ModelInfo[], id: string): ModelInfo | undefined {
  const wanted = normalizeId(id);
  return models.find((m) => normalizeId(m.id) === wanted);
}

export function answerMatches(answer: string): boolean {
  return (
    answer
      .trim()
      .toLowerCase()
      .replace(/[.!。！]+$/, '') === EXPECTED_ANSWER
  );
}

export function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}
