// What each of the wizard's checks found, for which inputs, and when. A check's token names the revisions
// of the inputs it depends on (URL; + key; + model); a result is current only while those are unchanged,
// so a result for old inputs is stale and never counts. A check run again for the same inputs (a refresh)
// keeps showing what it found before until the new answer lands.
import type { CheckReport } from '../../core/check/checkReport';
import type { CheckKind, Draft, Found, KeyInfo, Phase, Results, StateInit } from './stateTypes';

export interface Revisions {
  url: number;
  key: number;
  model: number;
}

type Phases = { [K in CheckKind]: Phase<Results[K]> };

export class CheckResults {
  #phases: Phases = {
    reach: { status: 'idle' },
    list: { status: 'idle' },
    test: { status: 'idle' },
    trae: { status: 'idle' },
  };

  constructor(
    private readonly revisions: Revisions,
    private readonly now: () => number,
  ) {}

  tokenFor(kind: CheckKind): string {
    const { url, key, model } = this.revisions;
    return kind === 'reach' ? `u${url}` : kind === 'list' ? `u${url}k${key}` : `u${url}k${key}m${model}`;
  }

  phase<K extends CheckKind>(kind: K): Phase<Results[K]> {
    return this.#phases[kind];
  }

  /** What was found for the inputs as they are now (also while a refresh runs); a stale result is undefined. */
  found<K extends CheckKind>(kind: K): Found<Results[K]> | undefined {
    const phase: Phase<Results[K]> = this.#phases[kind];
    if (phase.status === 'idle' || phase.token !== this.tokenFor(kind)) return undefined;
    return phase.status === 'done' ? phase : phase.previous;
  }

  /** The result for the inputs as they are now; a stale one is undefined. */
  current<K extends CheckKind>(kind: K): Results[K] | undefined {
    return this.found(kind)?.result;
  }

  running(kind: CheckKind): boolean {
    const phase = this.#phases[kind];
    return phase.status === 'running' && phase.token === this.tokenFor(kind);
  }

  /** Marks a check running for the inputs as they are; returns its token. */
  start<K extends CheckKind>(kind: K): string {
    const token = this.tokenFor(kind);
    const previous = this.found(kind);
    this.#set(kind, { status: 'running', token, ...(previous ? { previous } : {}) });
    return token;
  }

  /** Applies a result only if it belongs to the inputs as they are now; returns whether it did. */
  finish<K extends CheckKind>(kind: K, token: string, result: Results[K]): boolean {
    const phase = this.#phases[kind];
    if (phase.status !== 'running' || phase.token !== token || token !== this.tokenFor(kind)) return false;
    this.#set(kind, { status: 'done', token, result, at: this.now() });
    return true;
  }

  /** A result known from elsewhere (the status bar's last check) for the inputs as they are now. */
  seed<K extends CheckKind>(kind: K, result: Results[K], at: number): void {
    this.#set(kind, { status: 'done', token: this.tokenFor(kind), result, at });
  }

  /** A check of these same inputs that passed elsewhere (the status bar's): a pool answered, and its list. */
  seedFrom(report: CheckReport, at: number): void {
    this.seed('reach', { ok: true, diagnoses: [], durationMs: report.facts.latencyMs ?? 0 }, at);
    this.seed('list', report, at);
    if (report.mode === 'full') this.seed('test', report, at);
  }

  /**
   * The status bar's last check, when it ran for these very saved values and key and listed models: the URL
   * answered and the key was accepted, so the free checks need not run again (a returning user).
   */
  seedFromLastCheck(last: StateInit['lastCheck'], saved: Draft, key: KeyInfo): void {
    if (!last || key.kind !== 'stored' || last.keyFingerprint !== key.fingerprint) return;
    const t = last.report.target;
    const same = t.baseUrl === saved.url && t.fullUrl === saved.fullUrl && t.model === saved.modelId;
    if (same && last.report.facts.models) this.seedFrom(last.report, last.at);
  }

  /** A check ended without a result (cancelled or failed to run): what was shown before stays. */
  abandon(kind: CheckKind, token: string): void {
    const phase = this.#phases[kind];
    if (phase.status !== 'running' || phase.token !== token) return;
    this.#set(kind, phase.previous ? { status: 'done', token, ...phase.previous } : { status: 'idle' });
  }

  /** Drops what a check found, so it runs again. */
  forget(kind: CheckKind): void {
    this.#set(kind, { status: 'idle' });
  }

  #set<K extends CheckKind>(kind: K, phase: Phase<Results[K]>): void {
    // Each kind's phase holds that kind's result: the table is typed per kind, the write is by name.
    (this.#phases as Record<CheckKind, Phase<unknown>>)[kind] = phase;
  }
}
