// The wizard follows the pool, both ways: it runs its free checks again when it opens, when it is shown
// again (if what it shows is a failure or old), and when the status bar publishes a check of the saved setup
// with the wizard's key that disagrees with what the wizard shows (the pool now refuses the key, or answers
// again while the wizard still shows a failure). What it found shows until the new answers land. So a
// wizard left open through an outage opens its steps again within the status bar's own recovery time.
// No `vscode`.
import type { PublishedCheck } from '../../services/checkService';
import type { Disposable, Event } from '../../services/events';
import type { LogPort } from '../../services/ports';
import type { CheckRunner } from './checkRunner';
import { LIST_FRESH_MS } from '../state/stateTypes';
import type { WizardState } from '../state/state';

/** Whether the wizard's free checks of the inputs as they are now show a failure, a pass, or nothing yet. */
export function freeChecksShow(state: WizardState): 'failure' | 'pass' | 'nothing' {
  const reach = state.checks.current('reach');
  const list = state.checks.current('list');
  if (reach?.ok === false || list?.verdict === 'error') return 'failure';
  return reach?.ok === true && list !== undefined ? 'pass' : 'nothing';
}

export interface PoolFollowerDeps {
  readonly state: WizardState;
  readonly runner: Pick<CheckRunner, 'run'>;
  readonly log: LogPort;
  readonly now: () => number;
  readonly published?: Event<PublishedCheck>;
}

export class PoolFollower implements Disposable {
  readonly #subscription: Disposable | undefined;
  #disposed = false;

  constructor(private readonly deps: PoolFollowerDeps) {
    this.#subscription = deps.published?.((check) => this.#published(check));
  }

  /** The wizard opened: what it shows (the status bar's last check, an old list) is checked again at once. */
  opened(): void {
    this.refresh('the wizard opened');
  }

  /** Shown again: what it found may be old, or a failure the pool no longer has. */
  shown(): void {
    const { state, now } = this.deps;
    const old = (kind: 'reach' | 'list') => now() - (state.checks.found(kind)?.at ?? Infinity) > LIST_FRESH_MS;
    if (freeChecksShow(state) === 'failure' || old('reach') || old('list')) this.refresh('the wizard is shown again');
  }

  /**
   * Runs the free checks that have a result again, for the inputs as they are (a check without a result
   * starts by itself once it is wanted).
   */
  refresh(why: string): void {
    const { state } = this.deps;
    if (this.#disposed || !state.analysis.ok || state.originHeld) return;
    const kinds = (['reach', 'list'] as const).filter((k) => state.checks.found(k) && !state.checks.running(k));
    if (kinds.length === 0) return;
    this.deps.log.info(`Setup wizard: checking the pool again (${why}).`);
    for (const kind of kinds) this.deps.runner.run(kind).catch(() => undefined);
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription?.dispose();
  }

  #published(check: PublishedCheck): void {
    const { state } = this.deps;
    const key = state.key;
    if (state.dirty || key.kind !== 'stored' || check.keyFingerprint !== key.fingerprint) return;
    const { target } = check.report;
    const saved = state.saved;
    if (target.baseUrl !== saved.url || target.fullUrl !== saved.fullUrl || target.model !== saved.modelId) return;
    if (state.checks.running('reach') || state.checks.running('list')) return;
    const shown = freeChecksShow(state);
    const failing = check.report.verdict === 'error';
    if (failing && shown === 'pass') this.refresh('the status bar found a problem');
    if (!failing && shown !== 'pass') this.refresh('the status bar sees the pool working');
  }
}
