// The URL as the extension uses and saves it when the only findings are harmless tidying the rules
// themselves correct (spaces or quotes around it, a trailing slash): the same pool, the same /v1 base,
// and the value step 5 tells the user to give Trae. Anything else is left exactly as typed.
import { analyzeEndpoint } from './endpoint';
import type { EndpointCode } from './endpointFinding';

export type TidyCode = 'surrounding-whitespace' | 'quoted' | 'trailing-slash';

const HARMLESS: ReadonlySet<EndpointCode> = new Set<TidyCode>(['surrounding-whitespace', 'quoted', 'trailing-slash']);

export interface TidyUrl {
  readonly url: string;
  /** What was removed, in the order the rules found it. */
  readonly removed: readonly TidyCode[];
}

export function tidyEndpointUrl(input: unknown, fullUrl: unknown): TidyUrl | undefined {
  const typed = analyzeEndpoint(input, fullUrl);
  const removed = typed.findings.map((f) => f.code).filter((c): c is TidyCode => HARMLESS.has(c));
  if (!typed.ok || removed.length === 0 || removed.length !== typed.findings.length) return undefined;
  // The trimmed, unquoted value; then the rules' own "Remove the trailing slash" when it applies.
  const slash = analyzeEndpoint(typed.input, fullUrl).findings.find((f) => f.code === 'trailing-slash');
  const url = slash?.corrections[0]?.url ?? typed.input;
  const tidy = analyzeEndpoint(url, fullUrl);
  // Only a value the rules accept without a word, for the very same pool base.
  if (!tidy.ok || tidy.findings.length > 0 || tidy.endpoint?.apiBase !== typed.endpoint?.apiBase) return undefined;
  return { url, removed };
}
