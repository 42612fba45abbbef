// The last test chat of each model in Trae, for the status bar's tooltip and Copy Diagnostics: each full check of
// the saved pool tests one model (Check Connection the main one; a picked model or "Test every model" the others).
// Kept in memory only, and forgotten when the pool (URL, Full URL) or the key changes: a test of another pool
// says nothing of this one.
import type { CheckReport } from '../core/check/checkReport';
import { modelKey } from '../core/trae/modelSet';
import type { CheckService } from './checkService';
import { DisposableStore, Emitter, type Disposable, type Event } from './events';
import type { PoolKeyStore } from './keyStore';
import type { ConnectionSettings, SettingsPort } from './ports';

/** What a test chat found: the answer came (passed), came with a problem, or did not come (failed). */
export type ModelTestResult = 'passed' | 'problem' | 'failed';

export interface ModelTest {
  readonly model: string;
  readonly result: ModelTestResult;
  /** Wall-clock milliseconds. */
  readonly finishedAt: number;
}

export interface ModelTestsDeps {
  readonly checks: Pick<CheckService, 'onDidTestModel'>;
  readonly settings: SettingsPort;
  readonly keys: Pick<PoolKeyStore, 'onDidChange'>;
  readonly now?: () => number;
}

export class ModelTests implements Disposable {
  readonly #changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscriptions = new DisposableStore();
  readonly #tests = new Map<string, ModelTest>();
  /** The pool the tests ran against. */
  #pool: Pick<ConnectionSettings, 'baseUrl' | 'fullUrl'>;

  constructor(private readonly deps: ModelTestsDeps) {
    this.#pool = poolOf(deps.settings.read());
    this.#subscriptions.add(
      deps.checks.onDidTestModel((event) => {
        const tested = mainModelTest(event.report, event.finishedAt);
        if (tested) this.record(tested.model, tested.result, tested.finishedAt);
      }),
    );
    this.#subscriptions.add(
      deps.settings.onDidChange((change) => {
        if (change.connection && !samePool(this.#pool, deps.settings.read())) this.#clear();
      }),
    );
    this.#subscriptions.add(deps.keys.onDidChange(() => this.#clear()));
  }

  /** A test chat of `model` on the saved pool finished (the newest one wins). */
  record(model: string, result: ModelTestResult, finishedAt: number = (this.deps.now ?? Date.now)()): void {
    const known = this.#tests.get(modelKey(model));
    if (known && known.finishedAt > finishedAt) return;
    this.#tests.set(modelKey(model), { model, result, finishedAt });
    this.#changed.fire();
  }

  /** The last test chat of this model (ids that differ only in case are one model). */
  lastOf(model: string): ModelTest | undefined {
    return this.#tests.get(modelKey(model));
  }

  dispose(): void {
    this.#subscriptions.dispose();
    this.#changed.dispose();
  }

  #clear(): void {
    this.#pool = poolOf(this.deps.settings.read());
    if (this.#tests.size === 0) return;
    this.#tests.clear();
    this.#changed.fire();
  }
}

/** The main model's test chat in a full check, if the chat was sent. */
export function mainModelTest(report: CheckReport, finishedAt: number): ModelTest | undefined {
  const chat = report.steps.find((s) => s.id === 'chat');
  if (report.mode !== 'full' || !chat || chat.status === 'skipped' || report.target.model === '') return undefined;
  const result = chat.status === 'pass' ? 'passed' : chat.status === 'warn' ? 'problem' : 'failed';
  return { model: report.target.model, result, finishedAt };
}

function poolOf(settings: ConnectionSettings): Pick<ConnectionSettings, 'baseUrl' | 'fullUrl'> {
  return { baseUrl: settings.baseUrl.trim(), fullUrl: settings.fullUrl };
}

function samePool(a: Pick<ConnectionSettings, 'baseUrl' | 'fullUrl'>, b: ConnectionSettings): boolean {
  return a.baseUrl === b.baseUrl.trim() && a.fullUrl === b.fullUrl;
}
