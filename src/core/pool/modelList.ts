// GET /v1/models, entry by entry: the envelope is checked as a whole, each entry on its own, so one
// malformed entry is skipped (with a reason for the log) instead of failing the whole pool. Ids must
// be usable as they are; names are made inert and clamped; at most MAX_MODELS entries are read.
import * as z from 'zod/mini';
import { clampText, hasUnsafeCharacters, inertText } from '../text/inertText';

export const MAX_MODELS = 5000;
export const MAX_MODEL_ID_LENGTH = 256;
export const MAX_DISPLAY_NAME_LENGTH = 256;
/** How much of a skipped id the log shows. */
const SKIPPED_ID_SHOWN = 64;

export interface ModelInfo {
  readonly id: string;
  readonly displayName: string;
  readonly supportsImages: boolean;
  readonly contextLength?: number;
  readonly supportsTools?: boolean;
}

export type ModelSkipReason =
  'not-an-object' | 'id-missing' | 'id-not-text' | 'id-too-long' | 'id-unsafe-characters' | 'duplicate-id';

export interface SkippedModel {
  /** Position in the pool's `data` array, from 0. */
  readonly index: number;
  readonly reason: ModelSkipReason;
  /** The id as far as it can be shown: inert, redacted, clipped. For the log only. */
  readonly id?: string;
}

export interface ModelListing {
  readonly models: ModelInfo[];
  readonly skipped: SkippedModel[];
  /** Entries after the first MAX_MODELS, not read. */
  readonly truncated: number;
}

/** The envelope only: `{ data: [...] }` (`object` and anything else optional); entries are read one by one. */
export const ModelListEnvelopeSchema = z.object({ data: z.array(z.unknown()) });
export type ModelListEnvelope = z.infer<typeof ModelListEnvelopeSchema>;

// Optional fields: a value of the wrong type is dropped, never fatal.
const DisplayName = z.string();
const Modalities = z.array(z.unknown());
const ContextLength = z.number().check(z.positive());
const Flag = z.boolean();

/** `clean` removes secrets from text taken from the answer (see redact.ts). */
export function readModelList(envelope: ModelListEnvelope, clean: (text: string) => string): ModelListing {
  const models: ModelInfo[] = [];
  const skipped: SkippedModel[] = [];
  const seen = new Set<string>();
  const entries = envelope.data.slice(0, MAX_MODELS);
  entries.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem) {
      skipped.push({
        index,
        reason: problem.reason,
        ...(problem.id !== undefined ? { id: shownId(problem.id, clean) } : {}),
      });
      return;
    }
    const model = toModelInfo(entry as Record<string, unknown>, clean);
    const key = model.id.trim().toLowerCase();
    // The pool matches ids ignoring case: a second "GPT-5.5" could never be chosen, only confuse.
    if (seen.has(key)) {
      skipped.push({ index, reason: 'duplicate-id', id: shownId(model.id, clean) });
      return;
    }
    seen.add(key);
    models.push(model);
  });
  return { models, skipped, truncated: envelope.data.length - entries.length };
}

function entryProblem(entry: unknown): { reason: ModelSkipReason; id?: string } | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { reason: 'not-an-object' };
  const id: unknown = (entry as Record<string, unknown>)['id'];
  if (id === undefined || id === null) return { reason: 'id-missing' };
  if (typeof id !== 'string') return { reason: 'id-not-text', ...(typeof id === 'number' ? { id: String(id) } : {}) };
  if (id.trim() === '') return { reason: 'id-missing' };
  if (id.length > MAX_MODEL_ID_LENGTH) return { reason: 'id-too-long', id };
  if (hasUnsafeCharacters(id)) return { reason: 'id-unsafe-characters', id };
  return undefined;
}

function toModelInfo(entry: Record<string, unknown>, clean: (text: string) => string): ModelInfo {
  const id = clean(entry['id'] as string);
  const name = optional(DisplayName, entry['display_name']);
  const displayName = name === undefined ? '' : clampText(inertText(clean(name)).trim(), MAX_DISPLAY_NAME_LENGTH);
  const modalities = optional(Modalities, entry['input_modalities']) ?? [];
  const contextLength = optional(ContextLength, entry['context_length']);
  const supportsTools = optional(Flag, entry['supports_tools']);
  return {
    id,
    displayName: displayName || id,
    supportsImages: modalities.includes('image'),
    ...(contextLength !== undefined ? { contextLength } : {}),
    ...(supportsTools !== undefined ? { supportsTools } : {}),
  };
}

function optional<T>(schema: z.ZodMiniType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function shownId(id: string, clean: (text: string) => string): string {
  return clampText(inertText(clean(id)), SKIPPED_ID_SHOWN);
}
