// Where the Pool API key may go: the one rule, in one place. The host decides, never the page, a setup link,
// a setting a workspace could hold, or a pool's answer.
//
// 1. The saved setting's origin may receive the key (a user-level setting: a workspace cannot override it).
// 2. Any other origin only after a user action the host observed for that very URL: going on from step 1 with
//    it once the free, keyless probe found a pool there, or saving it.
// 3. A setup link's origin gets nothing at all, not even the keyless probe, until the user clicks "Check this
//    pool"; the key then still waits for rule 2 (going on from step 1).
// Nothing else approves an origin: no check result, resume, fall-back, re-render or message from the page.
// Proved by the property test over message sequences (test/unit/originPolicy.property.test.ts). No `vscode`.
import { analyzeEndpoint, type EndpointAnalysis } from '../../core/url/endpoint';
import type { Draft } from './stateTypes';

export interface LinkInfo {
  readonly origin: string;
  readonly host: string;
  /** The user clicked "Check this pool": the free checks may run there. */
  readonly released: boolean;
}

/** What an earlier session left (the link the draft came from; the draft's origin, when the user had chosen it). */
export interface PersistedOrigins {
  readonly link?: LinkInfo;
  readonly chosen?: string;
}

/** Origins the user chose in this wizard: a few, the newest last (bounded, like everything kept in memory). */
const MAX_CHOSEN = 16;

export class OriginPolicy {
  #saved: string | undefined;
  readonly #chosen: string[] = [];
  #link: LinkInfo | undefined;

  constructor(saved: Draft, persisted?: { readonly link?: unknown; readonly chosen?: unknown }) {
    this.#saved = originOf(saved);
    this.#link = readLink(persisted?.link);
    const chosen = readOrigin(persisted?.chosen);
    if (chosen !== undefined) this.#choose(chosen);
  }

  /** Rule 1: the settings name this pool now (saved here, or by the user in their settings). */
  setSaved(saved: Draft): void {
    this.#saved = originOf(saved);
  }

  /** Whether the key may go to this URL's origin (rules 1 and 2). */
  mayReceiveKey(analysis: EndpointAnalysis): boolean {
    const origin = analysis.endpoint?.origin;
    if (!analysis.ok || origin === undefined || this.holds(analysis)) return false;
    return origin === this.#saved || this.#chosen.includes(origin);
  }

  /** Whether the free, keyless probe may go to this URL's origin (rule 3: not while a link holds it). */
  mayProbe(analysis: EndpointAnalysis): boolean {
    return analysis.ok && !this.holds(analysis);
  }

  /**
   * Rule 2: the user went on from step 1 with this URL. Approves its origin only when the free probe found a
   * pool at that URL (`poolAnswered`) and no link holds it; returns whether the origin may receive the key now.
   */
  wentOn(analysis: EndpointAnalysis, poolAnswered: boolean): boolean {
    const origin = analysis.endpoint?.origin;
    if (origin !== undefined && analysis.ok && poolAnswered && !this.holds(analysis)) this.#choose(origin);
    return this.mayReceiveKey(analysis);
  }

  /** Rule 3: a setup link names this pool. Held, unless it is a pool the user already chose. */
  openLink(origin: string, host: string): void {
    const known = origin === this.#saved || this.#chosen.includes(origin);
    this.#link = { origin, host, released: known };
  }

  /** "Check this pool": the free checks may run at the link's pool; the key still waits for rule 2. */
  releaseLink(): boolean {
    if (!this.#link || this.#link.released) return false;
    this.#link = { ...this.#link, released: true };
    return true;
  }

  /** The draft no longer comes from a link (saved, or discarded). */
  forgetLink(): void {
    this.#link = undefined;
  }

  /** The link the draft came from, while the draft still points at its pool. */
  linkFor(analysis: EndpointAnalysis): LinkInfo | undefined {
    const link = this.#link;
    return link && analysis.endpoint?.origin === link.origin ? link : undefined;
  }

  /** Whether nothing at all may be sent to this URL's origin now (a link's pool before "Check this pool"). */
  holds(analysis: EndpointAnalysis): boolean {
    const link = this.linkFor(analysis);
    return link !== undefined && !link.released;
  }

  /** What to keep for an unsaved draft: its link, and its origin if the user chose it (a choice survives a reopen). */
  persisted(draft: Draft): PersistedOrigins {
    const origin = originOf(draft);
    const chosen = origin !== undefined && this.#chosen.includes(origin) ? origin : undefined;
    return { ...(this.#link ? { link: this.#link } : {}), ...(chosen ? { chosen } : {}) };
  }

  #choose(origin: string): void {
    const at = this.#chosen.indexOf(origin);
    if (at >= 0) this.#chosen.splice(at, 1);
    this.#chosen.push(origin);
    if (this.#chosen.length > MAX_CHOSEN) this.#chosen.shift();
  }
}

function originOf(draft: Draft): string | undefined {
  return analyzeEndpoint(draft.url, draft.fullUrl).endpoint?.origin;
}

/** An origin an earlier session stored (untrusted): only one that the URL rules accept as a pool's origin. */
function readOrigin(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 2048) return undefined;
  const analysis = analyzeEndpoint(`${raw}/v1`, false);
  return analysis.ok && analysis.endpoint?.origin === raw ? raw : undefined;
}

/** A link an earlier session stored (untrusted). */
function readLink(raw: unknown): LinkInfo | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { origin, host, released } = raw as Record<string, unknown>;
  if (typeof origin !== 'string' || typeof host !== 'string' || typeof released !== 'boolean') return undefined;
  if (origin.length > 2048 || host.length > 512) return undefined;
  return { origin, host, released };
}
