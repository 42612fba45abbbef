// Where the key may go: the saved pool's origin, and an origin the user went on from step 1 with (the
// free probe found a pool there and the user chose it). The host decides this, never the page, a link
// or a pool's answer. No `vscode`.
import { analyzeEndpoint, type EndpointAnalysis } from '../core/url/endpoint';
import type { Draft } from './stateTypes';

export class ApprovedOrigins {
  readonly #origins = new Set<string>();

  /** The user chose this draft's pool (saved it, or went on from step 1 with it). */
  approve(draft: Draft): void {
    const origin = analyzeEndpoint(draft.url, draft.fullUrl).endpoint?.origin;
    if (origin) this.#origins.add(origin);
  }

  /** Whether the key may go to the origin of this URL. */
  allows(analysis: EndpointAnalysis): boolean {
    const origin = analysis.endpoint?.origin;
    return origin !== undefined && this.#origins.has(origin);
  }
}
