// What crosses to the page is clamped first (to LIMITS, in protocolViews.ts): a text with an ellipsis, a list
// cut to its most. Rendering a message in the user's language is the caller's. Host side only.
import { clampText } from '../../core/text/inertText';
import type { Msg } from '../../core/text/messages';

export type Render = (m: Msg) => string;

/** Clamped to what the protocol allows, with an ellipsis (never splitting a character). */
export const clip = clampText;

export function take<T>(items: readonly T[], max: number): T[] {
  return items.slice(0, max);
}
