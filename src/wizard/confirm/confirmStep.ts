// The wizard's last step, Confirm in Trae: while the step is open and the panel visible, it watches the
// pool's free usage counter for Trae's first request (traeWatch.ts); the first one that arrives is
// remembered as "Confirmed from Trae" for this setup and key. Leaving the step, hiding or closing the panel
// stops the watch; coming back starts it again from a fresh baseline. A setup already confirmed is not
// watched again unless the user asks. No `vscode`.
import type { LogPort } from '../../services/ports';
import type { TraeConfirmation, TraeConfirmations } from '../../services/traeConfirmations';
import type { TraeWatch, WatchState } from '../../services/traeWatch';
import type { Disposable } from '../../services/events';

export interface ConfirmPorts {
  /** A watcher over the pool's usage for the saved setup and the stored key. */
  readonly watch: () => TraeWatch;
  readonly confirmations: Pick<TraeConfirmations, 'current' | 'record' | 'forget'>;
  readonly log: LogPort;
  /** Wall-clock milliseconds. */
  readonly now: () => number;
}

export interface ConfirmSnapshot {
  readonly watch: WatchState;
  /** Show what to check in Trae: nothing arrived for two minutes, or the user said Trae showed an error. */
  readonly checklist: boolean;
  readonly confirmed?: TraeConfirmation;
}

export class ConfirmStep implements Disposable {
  #watch: TraeWatch | undefined;
  #subscription: Disposable | undefined;
  #userSawError = false;
  /** The user asked to watch although a confirmation holds. */
  #again = false;
  #open = false;

  constructor(
    private readonly ports: ConfirmPorts,
    private readonly changed: () => void,
  ) {}

  get snapshot(): ConfirmSnapshot {
    const watch = this.#watch?.state ?? { phase: 'idle' };
    const quiet = watch.phase === 'waiting' && watch.quiet;
    const confirmed = this.ports.confirmations.current;
    return {
      watch,
      checklist: this.#userSawError || quiet || watch.phase === 'timedOut',
      ...(confirmed ? { confirmed } : {}),
    };
  }

  /** Watches while the step is open and the panel visible; stops otherwise. */
  sync(open: boolean): void {
    const wasOpen = this.#open;
    this.#open = open;
    if (!open) {
      this.#watch?.stop();
      return;
    }
    const phase = this.#watch?.state.phase ?? 'idle';
    if (phase === 'settling' || phase === 'waiting') return;
    // Found, or given up after 10 minutes: it stays so until the user asks again or comes back later.
    if (wasOpen && (phase === 'arrived' || phase === 'timedOut')) return;
    if (this.ports.confirmations.current && !this.#again) return;
    this.#start();
  }

  /** "Watch again": a fresh baseline, whatever was found before. */
  watchAgain(): void {
    this.#again = true;
    this.#userSawError = false;
    // Only while the step can be seen; otherwise it starts when the user comes back to it.
    if (this.#open) this.#start();
    else this.changed();
  }

  /** "Trae showed an error": the checklist and Trae's error codes, at once. */
  sawError(): void {
    this.#userSawError = true;
    this.changed();
  }

  async forget(): Promise<void> {
    await this.ports.confirmations.forget();
    this.ports.log.info('Setup wizard: the confirmation from Trae was forgotten.');
    this.changed();
  }

  dispose(): void {
    this.#subscription?.dispose();
    this.#watch?.dispose();
    this.#watch = undefined;
  }

  #start(): void {
    if (!this.#watch) {
      this.#watch = this.ports.watch();
      this.#subscription = this.#watch.onDidChange((state) => void this.#stateChanged(state));
    }
    this.#watch.start();
    this.changed();
  }

  async #stateChanged(state: WatchState): Promise<void> {
    if (state.phase === 'arrived') {
      const { target, keyFingerprint, requests, tokens } = state;
      this.#again = false;
      this.#userSawError = false;
      this.ports.log.info(
        `Setup wizard: a request with the key reached the pool (+${requests} requests, +${tokens} tokens).`,
      );
      // Kept only if the URL, model and key are still the ones that reading was made with.
      await this.ports.confirmations.record({ target, keyFingerprint, at: this.ports.now() });
    }
    this.changed();
  }
}
