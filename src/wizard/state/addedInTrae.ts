// Which Add Model cards of step 5 the user ticked "Added in Trae", remembered for this setup in the wizard's
// persisted state: a fingerprint of the saved URL and Full URL switch (Trae's entries carry them) and the
// ticked models' ids, never a key. A new URL forgets every tick; a model that leaves the set forgets its
// own. What comes back from storage is untrusted: checked here. No I/O and no `vscode`.
import { sha256Hex } from '../../core/secrets/sha256';
import { MAX_MODEL_ID_LENGTH, MAX_MODELS, modelKey } from '../../core/trae/modelSet';
import { moreOf, type Draft } from './stateTypes';

/** What is stored: which setup the ticks belong to, and the ticked models (case-folded ids). */
export interface AddedRecord {
  readonly setup: string;
  readonly models: readonly string[];
}

/** The setup the ticks belong to: Trae's entries hold its URL and switch, so a new URL means new entries. */
export function setupFingerprint(d: Draft): string {
  return sha256Hex(`${d.url.trim()}\n${d.fullUrl ? 'full' : 'base'}`).slice(0, 32);
}

/** The set's models as keys, main model first. */
export function setKeys(d: Draft): string[] {
  const main = d.modelId.trim();
  return main === '' ? [] : [main, ...moreOf(d)].map(modelKey);
}

export class AddedInTrae {
  #record: AddedRecord | undefined;

  constructor(raw?: unknown) {
    this.#record = readRecord(raw);
  }

  /** The ticked models of `setup` that are still in it. */
  ticked(setup: Draft): Set<string> {
    const keys = setKeys(setup);
    const record = this.#record;
    if (!record || record.setup !== setupFingerprint(setup)) return new Set();
    return new Set(record.models.filter((m) => keys.includes(m)));
  }

  /** Ticks or unticks a card; false when the model is not in the set (nothing changes then). */
  mark(setup: Draft, model: string, added: boolean): boolean {
    const key = modelKey(model);
    if (!setKeys(setup).includes(key)) return false;
    const ticked = this.ticked(setup);
    if (added) ticked.add(key);
    else ticked.delete(key);
    this.#record = { setup: setupFingerprint(setup), models: [...ticked] };
    return true;
  }

  /**
   * What to store for `setup`; ticks of models no longer in it, or of another URL, are dropped here and now
   * (the wizard stores its state after every change), so a model that comes back starts unticked.
   */
  persisted(setup: Draft): AddedRecord | undefined {
    const models = [...this.ticked(setup)];
    this.#record = models.length > 0 ? { setup: setupFingerprint(setup), models } : undefined;
    return this.#record;
  }
}

function readRecord(raw: unknown): AddedRecord | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { setup, models } = raw as Record<string, unknown>;
  if (typeof setup !== 'string' || !/^[0-9a-f]{32}$/.test(setup) || !Array.isArray(models)) return undefined;
  const ids = models.filter((m): m is string => typeof m === 'string' && m !== '' && m.length <= MAX_MODEL_ID_LENGTH);
  return { setup, models: [...new Set(ids.map(modelKey))].slice(0, MAX_MODELS) };
}
