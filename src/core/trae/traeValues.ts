// The values of Trae's Add Model dialog that depend on the chosen model: Context Window, Display Name,
// Multimodal, Model ID. Pure functions over what GET /v1/models says (or only a typed id).
import { msg, type Msg } from '../text/messages';
import type { ModelInfo } from '../pool/poolClient';

export const TRAE_API_FORMAT = 'OpenAI Chat Completions';
export const TRAE_MODEL_SERIES = 'Default';
export const TRAE_CONTEXT_INPUT = 184000;
export const TRAE_CONTEXT_OUTPUT = 16000;
export const TRAE_TOOL_CALL_ROUNDS = 200;
/** Trae's Display Name box counts to 32 (an input's maxLength: UTF-16 code units). */
export const TRAE_DISPLAY_NAME_MAX = 32;
export const DISPLAY_NAME_SUFFIX = ' via Codex Pooler';
export const DISPLAY_NAME_SHORT_SUFFIX = ' via Pooler';

/** The upstream page's current example, for placeholders. */
export const EXAMPLE_MODEL_ID = 'gpt-5.6-terra';
export const EXAMPLE_DISPLAY_NAME = 'GPT-5.6 Terra via Codex Pooler';
export const EXAMPLE_REQUEST_URL = 'https://codex-pooler.example.com/v1';

/** A model as the pool lists it, or only an id the user typed (nothing else known). */
export type GuideModel = ModelInfo | { readonly id: string };

function listed(model: GuideModel): model is ModelInfo {
  return 'supportsImages' in model;
}

/** 121600 -> "121,600" (the same in both languages, and independent of the machine's locale). */
export function formatTokens(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface ContextWindowValues {
  readonly input: number;
  readonly output: number;
  /** known: the defaults fit the window; unknown: the pool gives no window; input/both: shrunk to fit. */
  readonly fit: 'known' | 'unknown' | 'input' | 'both';
  readonly note: Msg;
  /** Why Input (and Output) differ from Trae's defaults, when they do. */
  readonly reason?: Msg;
}

/**
 * Input + Output must fit the model's window, which /v1/models gives as context_length (already 95% of
 * the raw window). Above 184000 + 16000 the defaults stay; below, Input takes what Output leaves, and a
 * small window gives Output a quarter so that Input keeps most of it.
 */
export function contextWindowFor(model: GuideModel): ContextWindowValues {
  const raw = listed(model) ? model.contextLength : undefined;
  const defaults = { defaultInput: formatTokens(TRAE_CONTEXT_INPUT), defaultOutput: formatTokens(TRAE_CONTEXT_OUTPUT) };
  if (raw === undefined || !Number.isFinite(raw) || raw < 2) {
    return {
      input: TRAE_CONTEXT_INPUT,
      output: TRAE_CONTEXT_OUTPUT,
      fit: 'unknown',
      note: msg('guide.context.unknown', { model: model.id, ...defaults }),
    };
  }
  const window = Math.floor(raw);
  const fits = window >= TRAE_CONTEXT_INPUT + TRAE_CONTEXT_OUTPUT;
  const output = fits ? TRAE_CONTEXT_OUTPUT : Math.max(1, Math.min(TRAE_CONTEXT_OUTPUT, Math.floor(window / 4)));
  const input = fits ? TRAE_CONTEXT_INPUT : window - output;
  const args = {
    model: model.id,
    window: formatTokens(window),
    input: formatTokens(input),
    output: formatTokens(output),
    ...defaults,
  };
  const note = msg('guide.context.fits', args);
  if (fits) return { input, output, fit: 'known', note };
  const both = output < TRAE_CONTEXT_OUTPUT;
  return {
    input,
    output,
    fit: both ? 'both' : 'input',
    note,
    reason: msg(both ? 'guide.context.shrunkBoth' : 'guide.context.shrunkInput', args),
  };
}

export interface DisplayNameValue {
  readonly value: string;
  /** none: name + " via Codex Pooler"; then the ladder: a shorter suffix, the name alone, the name cut. */
  readonly shortened: 'none' | 'shortSuffix' | 'nameOnly' | 'cut';
  readonly reason?: Msg;
}

/** Length as an input's maxLength counts it: UTF-16 code units. */
function units(text: string): number {
  return text.length;
}

/** The pool's display name, or the id: untrusted text, so no control characters, direction marks or runs of spaces. */
export function modelName(model: GuideModel): string {
  const clean = (text: string) =>
    text
      // Control characters, line separators and text-direction marks become spaces: a display name is one
      // line of text that reads as it is stored (no "Trojan Source" reordering in Trae's model picker).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const name = listed(model) ? clean(model.displayName) : '';
  // An id of nothing but such characters: the replacement character, visibly, rather than a blank name.
  return name || clean(model.id) || '\ufffd';
}

/** `<name> via Codex Pooler`, shortened step by step until Trae's 32-character box takes it. */
export function displayNameFor(model: GuideModel, max = TRAE_DISPLAY_NAME_MAX): DisplayNameValue {
  const name = modelName(model);
  const full = name + DISPLAY_NAME_SUFFIX;
  if (units(full) <= max) return { value: full, shortened: 'none' };
  const reasonFor = (value: string) => msg('guide.displayName.shortened', { full, length: units(full), max, value });
  const ladder: Array<[DisplayNameValue['shortened'], string]> = [
    ['shortSuffix', name + DISPLAY_NAME_SHORT_SUFFIX],
    ['nameOnly', name],
  ];
  for (const [shortened, value] of ladder) {
    if (units(value) <= max) return { value, shortened, reason: reasonFor(value) };
  }
  let cut = name.slice(0, max - 1);
  // Never leave half of a surrogate pair (an emoji, a rare CJK character) before the ellipsis.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const value = `${cut.trimEnd()}…`;
  return { value, shortened: 'cut', reason: reasonFor(value) };
}

export interface MultimodalValue {
  readonly on: boolean;
  readonly note: Msg;
}

/** On only when the pool lists image input for the model; a model the pool did not list stays Off. */
export function multimodalFor(model: GuideModel): MultimodalValue {
  if (!listed(model)) return { on: false, note: msg('guide.field.multimodalUnknown') };
  return model.supportsImages
    ? { on: true, note: msg('guide.field.multimodalOn') }
    : { on: false, note: msg('guide.field.multimodalOff') };
}
