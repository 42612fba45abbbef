// Background health: the core scheduler, fed by focus, settings and key changes. Background checks are
// 'background' mode only (GET /v1/models), never the chat request. A cancelled check starts nothing.
import { healthOfReport } from '../core/check/checkReport';
import { HealthScheduler, type Clock, type ScheduledHealth } from '../core/check/healthSchedule';
import type { CheckService } from './checkService';
import { DisposableStore, Emitter, type Disposable, type Event } from './events';
import type { PoolKeyStore } from './keyStore';
import type { FocusPort, SettingsPort } from './ports';

/** Changes that arrive together (a save writes three settings) become one check. */
export const TRIGGER_SETTLE_MS = 250;

export interface HealthMonitorDeps {
  readonly checks: CheckService;
  readonly settings: SettingsPort;
  readonly keys: PoolKeyStore;
  readonly focus: FocusPort;
  readonly clock: Clock;
}

export class HealthMonitor implements Disposable {
  readonly #scheduler: HealthScheduler;
  readonly #subscriptions = new DisposableStore();
  readonly #planned = new Emitter<void>();
  /** The plan changed (next due time, on/off): for "next check in …". */
  readonly onPlan: Event<void> = this.#planned.event;
  #settleTimer: unknown;

  constructor(private readonly deps: HealthMonitorDeps) {
    this.#scheduler = new HealthScheduler({
      intervalMs: deps.settings.read().intervalSeconds * 1000,
      clock: deps.clock,
      focused: deps.focus.focused,
      run: () => runBackgroundCheck(deps.checks),
      onPlan: () => this.#planned.fire(),
    });
    this.#subscriptions.add(deps.focus.onDidChange((focused) => this.#scheduler.setFocused(focused)));
    this.#subscriptions.add(
      deps.settings.onDidChange((change) => {
        if (change.interval) this.#scheduler.setIntervalMs(deps.settings.read().intervalSeconds * 1000);
        if (change.connection || change.network) this.#triggerSoon();
      }),
    );
    this.#subscriptions.add(deps.keys.onDidChange(() => this.#triggerSoon()));
    // Answers found outside the schedule (Check Connection, Explain a Trae Error) count too: a failing
    // one is retried soon, in the background, for free.
    this.#subscriptions.add(
      deps.checks.onDidChange((event) => {
        if (event.kind === 'reported' && !this.#scheduler.running)
          this.#scheduler.observe(healthOfReport(event.check.report));
      }),
    );
  }

  get nextAt(): number | undefined {
    return this.#scheduler.nextAt;
  }

  get enabled(): boolean {
    return this.#scheduler.enabled;
  }

  start(): void {
    this.#scheduler.start();
  }

  dispose(): void {
    if (this.#settleTimer !== undefined) this.deps.clock.clearTimeout(this.#settleTimer);
    this.#scheduler.dispose();
    this.#subscriptions.dispose();
    this.#planned.dispose();
  }

  #triggerSoon(): void {
    if (this.#settleTimer !== undefined) this.deps.clock.clearTimeout(this.#settleTimer);
    this.#settleTimer = this.deps.clock.setTimeout(() => {
      this.#settleTimer = undefined;
      this.#scheduler.trigger();
    }, TRIGGER_SETTLE_MS);
  }
}

/** One background check; never rejects (a check that throws counts as failing, the schedule goes on). */
async function runBackgroundCheck(checks: CheckService): Promise<ScheduledHealth> {
  try {
    const outcome = await checks.check('background');
    return outcome.kind === 'report' ? healthOfReport(outcome.report) : 'unknown';
  } catch {
    return 'failing';
  }
}
