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
 * A model list as a careless or hostile server sends it: a thousand models, names with markup,
 * text-direction and control characters, a name of 1,000 characters, an id of 248 (no spaces), and entries no client can use (no
 * id, a null id, an id of 300 characters, a duplicate, not an object at all). They follow the default
 * models, so a good gpt-5.5 stays listed.
 */
export function hostileModelEntries(): unknown[] {
  return [
    ...Array.from({ length: 1000 }, (_, i) => ({
      id: `bulk-${i}`,
      object: 'model',
      display_name: `Bulk ${i}`,
      input_modalities: ['text'],
    })),
    { id: 'html-name', display_name: '<img src=x onerror=alert(1)>' },
    { id: 'rtl-name', display_name: '\u202egnp.exe' },
    { id: 'control-name', display_name: 'bell\u0007 escape\u001b[31m del\u007f c1\u0085 isolate\u2066x\u2069' },
    { id: 'long-name', display_name: 'N'.repeat(1000) },
    { id: 'wrong-types', display_name: 5, input_modalities: 'image', context_length: '258400', supports_tools: 'yes' },
    { id: 'x'.repeat(300), display_name: 'id too long' },
    { id: null, display_name: 'null id' },
    { display_name: 'no id at all' },
    { id: '   ' },
    { id: 42 },
    { id: 'gpt-5.5\u202e' },
    { id: 'evil\u0000id' },
    { id: 'GPT-5.5', display_name: 'a second gpt-5.5' },
    'not an object',
    null,
    [{ id: 'in an array' }],
    { id: `long-id-${'y'.repeat(240)}`, display_name: 'an id of 248 characters, no spaces' },
  ];
}
