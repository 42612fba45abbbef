// A draft that came from a setup link: its pool is a stranger until the user says otherwise. While the
// link holds, nothing at all goes to that origin (not even the free, unauthenticated probe of step 1): a
// link must not be able to make the editor send requests to any host, the user's own machine included.
// "Check this pool" releases it; the key still goes there only once the user goes on from step 1 (see
// origins.ts). No `vscode`.
import type { EndpointAnalysis } from '../core/url/endpoint';

export interface LinkInfo {
  readonly origin: string;
  readonly host: string;
  /** The user clicked "Check this pool": the free checks may run. */
  readonly released: boolean;
}

export class LinkHold {
  #link: LinkInfo | undefined;

  constructor(persisted?: unknown) {
    this.#link = readLink(persisted);
  }

  /** The link, while the draft still points at its pool (the user may have typed another URL since). */
  for(analysis: EndpointAnalysis): LinkInfo | undefined {
    const link = this.#link;
    return link && analysis.endpoint?.origin === link.origin ? link : undefined;
  }

  /** Whether nothing may be sent to this draft's origin now. */
  holds(analysis: EndpointAnalysis): boolean {
    const link = this.for(analysis);
    return link !== undefined && !link.released;
  }

  /** A link opened: its pool is held unless the user already chose it (the saved pool's origin). */
  open(origin: string, host: string, known: boolean): void {
    this.#link = { origin, host, released: known };
  }

  release(): boolean {
    if (!this.#link || this.#link.released) return false;
    this.#link = { ...this.#link, released: true };
    return true;
  }

  clear(): void {
    this.#link = undefined;
  }

  persisted(): LinkInfo | undefined {
    return this.#link;
  }
}

/** What an earlier session stored (untrusted). */
function readLink(raw: unknown): LinkInfo | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { origin, host, released } = raw as Record<string, unknown>;
  if (typeof origin !== 'string' || typeof host !== 'string' || typeof released !== 'boolean') return undefined;
  if (origin.length > 2048 || host.length > 512) return undefined;
  return { origin, host, released };
}
