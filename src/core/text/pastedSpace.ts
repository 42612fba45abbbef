// Whitespace plus the invisible characters that ride along with copy and paste (no-break space, zero-width
// space and joiners, word joiner, byte order mark): the one list the URL and key rules trim and squeeze.
// Built from a string, so each character stands alone in its class (none joins the one before it).
export const PASTED_SPACE_CHARS = '\\u200d\\s\\u00a0\\u200b\\u200c\\u2060\\ufeff';

/** Pasted spaces at either end (for trimming). */
export const EDGE_SPACE = new RegExp(`^[${PASTED_SPACE_CHARS}]+|[${PASTED_SPACE_CHARS}]+$`, 'g');
/** One pasted space anywhere. */
export const ANY_SPACE = new RegExp(`[${PASTED_SPACE_CHARS}]`);
/** Every run of pasted spaces (for squeezing). */
export const SPACE_RUNS = new RegExp(`[${PASTED_SPACE_CHARS}]+`, 'g');
/** Pasted spaces and the quotes people copy around a value. */
export const SPACES_AND_QUOTES = new RegExp(`[${PASTED_SPACE_CHARS}"'\`\\u201c\\u201d\\u2018\\u2019]+`, 'g');
