// What each of the wizard's checks found, and for which inputs. A check's token names the revisions of
// the inputs it depends on (URL; + key; + model); a result is current only while those are unchanged,
// so a result for old inputs is stale and never counts.
import type { CheckReport } from '../core/check/checkReport';
import type { CheckKind, Draft, KeyInfo, Phase, Results, StateInit } from './stateTypes';

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

  constructor(private readonly revisions: Revisions) {}

  tokenFor(kind: CheckKind): string {
    const { url, key, model } = this.revisions;
    return kind === 'reach' ? `u${url}` : kind === 'list' ? `u${url}k${key}` : `u${url}k${key}m${model}`;
  }

  phase<K extends CheckKind>(kind: K): Phase<Results[K]> {
    return this.#phases[kind];
  }

  /** The result for the inputs as they are now; a stale one is undefined. */
  current<K extends CheckKind>(kind: K): Results[K] | undefined {
    const phase = this.#phases[kind];
    return phase.status === 'done' && phase.token === this.tokenFor(kind) ? phase.result : undefined;
  }

  running(kind: CheckKind): boolean {
    const phase = this.#phases[kind];
    return phase.status === 'running' && phase.token === this.tokenFor(kind);
  }

  /** Marks a check running for the inputs as they are; returns its token. */
  start(kind: CheckKind): string {
    const token = this.tokenFor(kind);
    this.#phases[kind] = { status: 'running', token };
    return token;
  }

  /** Applies a result only if it belongs to the inputs as they are now; returns whether it did. */
  finish<K extends CheckKind>(kind: K, token: string, result: Results[K]): boolean {
    const phase = this.#phases[kind];
    if (phase.status !== 'running' || phase.token !== token || token !== this.tokenFor(kind)) return false;
    (this.#phases as Record<CheckKind, Phase<unknown>>)[kind] = { status: 'done', token, result };
    return true;
  }

  /** A result known from elsewhere (the status bar's last check) for the inputs as they are now. */
  seed<K extends CheckKind>(kind: K, result: Results[K]): void {
    (this.#phases as Record<CheckKind, Phase<unknown>>)[kind] = { status: 'done', token: this.tokenFor(kind), result };
  }

  /** A check of these same inputs that passed elsewhere (the status bar's): a pool answered, and its list. */
  seedFrom(report: CheckReport): void {
    this.seed('reach', { ok: true, diagnoses: [], durationMs: report.facts.latencyMs ?? 0 });
    this.seed('list', report);
    if (report.mode === 'full') this.seed('test', report);
  }

  /**
   * The status bar's last check, when it ran for these very saved values and key and listed models: the URL
   * answered and the key was accepted, so the free checks need not run again (a returning user).
   */
  seedFromLastCheck(last: StateInit['lastCheck'], saved: Draft, key: KeyInfo): void {
    if (!last || key.kind !== 'stored' || last.keyFingerprint !== key.fingerprint) return;
    const t = last.report.target;
    const same = t.baseUrl === saved.url && t.fullUrl === saved.fullUrl && t.model === saved.modelId;
    if (same && last.report.facts.models) this.seedFrom(last.report);
  }

  /** A check ended without a result (cancelled or failed to run). */
  abandon(kind: CheckKind, token: string): void {
    const phase = this.#phases[kind];
    if (phase.status === 'running' && phase.token === token) this.#phases[kind] = { status: 'idle' };
  }

  /** Drops what a check found, so it runs again. */
  forget(kind: CheckKind): void {
    this.#phases[kind] = { status: 'idle' };
  }
}
