// What the newest Trae-shaped check found about the saved setup: news about whether Trae's own chat
// works now, so the status bar shows it. A finding holds until a later Trae-shaped check passes, or the
// URL, Full URL, model or key changes; the free background checks never clear it (they can only add
// to it). A passing check leaves nothing to show.
import type { TraeCheckReport } from '../core/check/traeShaped/traeCheck';
import { DisposableStore, Emitter, type Disposable, type Event } from './events';
import type { PoolKeyStore } from './keyStore';
import type { ConnectionSettings, SettingsPort } from './ports';

export interface TraeFinding {
  readonly report: TraeCheckReport;
  readonly target: ConnectionSettings;
  /** Which key it ran with (a one-way hash). */
  readonly keyFingerprint: string | undefined;
  /** Wall-clock milliseconds. */
  readonly finishedAt: number;
}

export interface TraeFindingsDeps {
  readonly settings: SettingsPort;
  readonly keys: Pick<PoolKeyStore, 'onDidChange' | 'state'>;
  readonly now?: () => number;
}

export class TraeFindings implements Disposable {
  readonly #changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscriptions = new DisposableStore();
  #finding: TraeFinding | undefined;

  constructor(private readonly deps: TraeFindingsDeps) {
    this.#subscriptions.add(
      deps.settings.onDidChange((change) => {
        if (change.connection && this.#finding && !sameConnection(this.#finding.target, deps.settings.read()))
          this.#clear();
      }),
    );
    this.#subscriptions.add(deps.keys.onDidChange(() => void this.#checkKey()));
  }

  /** The finding about the saved setup, if one holds (a warning or an error; never a pass). */
  get current(): TraeFinding | undefined {
    const finding = this.#finding;
    return finding && sameConnection(finding.target, this.deps.settings.read()) ? finding : undefined;
  }

  /**
   * A Trae-shaped check finished for `target` with the key of this fingerprint. Only a check of the
   * saved setup is news for the status bar; a pass clears what an earlier check found.
   */
  record(report: TraeCheckReport, target: ConnectionSettings, keyFingerprint: string | undefined): void {
    if (!sameConnection(target, this.deps.settings.read())) return;
    if (report.verdict === 'ok') return this.#clear();
    this.#finding = { report, target, keyFingerprint, finishedAt: (this.deps.now ?? Date.now)() };
    this.#changed.fire();
  }

  dispose(): void {
    this.#subscriptions.dispose();
    this.#changed.dispose();
  }

  async #checkKey(): Promise<void> {
    const finding = this.#finding;
    if (!finding) return;
    const state = await this.deps.keys.state();
    const fingerprint = state.kind === 'stored' ? state.fingerprint : undefined;
    if (this.#finding === finding && fingerprint !== finding.keyFingerprint) this.#clear();
  }

  #clear(): void {
    if (!this.#finding) return;
    this.#finding = undefined;
    this.#changed.fire();
  }
}

export function sameConnection(a: ConnectionSettings, b: ConnectionSettings): boolean {
  return (
    a.baseUrl.trim() === b.baseUrl.trim() &&
    a.fullUrl === b.fullUrl &&
    a.model.trim().toLowerCase() === b.model.trim().toLowerCase()
  );
}
