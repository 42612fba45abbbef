// Text from a pool made inert for display: control characters (C0, DEL, C1) and the bidirectional
// formatting controls that can reorder what a user reads (a name that shows "gpt-5" but is another
// id, a "Trojan Source" style label) each become U+FFFD, visibly.

// U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: the bidi formatting characters.
const UNSAFE_CHARACTERS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_ALL = new RegExp(`[${UNSAFE_CHARACTERS}]`, 'g');
const UNSAFE_ANY = new RegExp(`[${UNSAFE_CHARACTERS}]`);

export function inertText(text: string): string {
  return text.replace(UNSAFE_ALL, '\ufffd');
}

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_ANY.test(text);
}

/** At most `max` UTF-16 units, ending in "…" when cut, never splitting a surrogate pair. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
