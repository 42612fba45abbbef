// The emulator's model lists: the contract's example (the default) and a hostile one for the UI.

export interface EmulatorModel {
  id: string;
  display_name?: string;
  input_modalities: string[];
  context_length?: number;
}

/** As the contract's example: gpt-5.6-terra first; gpt-5.4-mini is "a model with a small window". */
export const DEFAULT_MODELS: readonly EmulatorModel[] = [
  { id: 'gpt-5.6-terra', display_name: 'GPT-5.6 Terra', input_modalities: ['text', 'image'], context_length: 258400 },
  { id: 'gpt-5.5', display_name: 'GPT-5.5', input_modalities: ['text', 'image'], context_length: 258400 },
  { id: 'gpt-5.4-mini', display_name: 'GPT-5.4 Mini', input_modalities: ['text'], context_length: 121600 },
];

export function defaultModels(): EmulatorModel[] {
  return DEFAULT_MODELS.map((m) => ({ ...m, input_modalities: [...m.input_modalities] }));
}

/**
 * What a careless or hostile pool could list: hundreds of models, display names of ~1,000 characters,
 * HTML, a right-to-left override and control characters, a 300-character id; a good gpt-5.5 among them.
 * (The entry with `id: null` cannot be an EmulatorModel: see HOSTILE_RAW_ENTRIES.)
 */
export function hostileModels(): EmulatorModel[] {
  const models: EmulatorModel[] = [];
  for (let i = 0; i < 300; i++) {
    const id = `bulk-model-${String(i).padStart(3, '0')}`;
    const display =
      i % 50 === 0 ? `Very long name ${i} ${'lorem ipsum '.repeat(84)}` :
      i % 50 === 1 ? `<img src=x onerror=alert(1)> model ${i}` :
      i % 50 === 2 ? `\u202egnp.exe model ${i}` :
      i % 50 === 3 ? `ctrl\u0000\u0007\u001b[31m\u0008 model ${i}` :
      `Bulk Model ${i}`;
    models.push({ id, display_name: display, input_modalities: i % 2 ? ['text'] : ['text', 'image'], context_length: 100000 + i });
  }
  models.splice(150, 0, { id: 'gpt-5.5', display_name: 'GPT-5.5', input_modalities: ['text', 'image'], context_length: 258400 });
  models.push({ id: 'x'.repeat(300), display_name: 'An id of 300 characters', input_modalities: ['text'] });
  models.push({ id: '<script>alert(1)</script>', display_name: '<b>bold</b>', input_modalities: ['text'] });
  return models;
}

/** Entries listed as they are, after the models: shapes no EmulatorModel can have. */
export const HOSTILE_RAW_ENTRIES: readonly unknown[] = [
  { id: null, object: 'model', created: 1782000000, owned_by: 'codex-pooler', display_name: 'No id at all', input_modalities: ['text'] },
];
