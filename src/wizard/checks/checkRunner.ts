// Runs the checks the wizard's state asks for: one run per kind at a time, aborted as soon as its inputs
// change, and its result applied only if it still belongs to the inputs as they are (a late answer for an
// old URL is dropped). The free checks start by themselves (the URL probe once typing pauses); the test
// and the Trae-shaped check only when asked. No `vscode`; nothing runs or lands after dispose().
import type { CheckReport } from '../../core/check/checkReport';
import type { CheckOutcome } from '../../services/checkService';
import type { Disposable } from '../../services/events';
import type { LogPort } from '../../services/ports';
import { type Done, type WizardChecks } from './ports';
import { RefusedRequest } from '../protocol/protocol';
import type { WizardState } from '../state/state';
import { CHECK_KINDS, type CheckKind, type Draft, type Results } from '../state/stateTypes';

interface Running {
  readonly token: string;
  readonly controller: AbortController;
  done: Promise<void>;
}

export interface CheckRunnerDeps {
  readonly state: WizardState;
  readonly checks: WizardChecks;
  readonly log: LogPort;
  /** A check started (render), or one landed (react to the new state: render, persist, start what is wanted). */
  readonly onChange: (what: 'started' | 'landed') => void;
}

export class CheckRunner implements Disposable {
  readonly #running: Partial<Record<CheckKind, Running>> = {};
  #reachTimer: ReturnType<typeof setTimeout> | undefined;
  /** The URL whose "breaks a rule, nothing sent" was logged: once per URL. */
  #refusalLogged: string | undefined;
  #disposed = false;

  constructor(private readonly deps: CheckRunnerDeps) {}

  /**
   * Runs a check of the inputs as they are now; resolves once it landed (or was dropped). `on`: the draft as
   * this run sends it (the Trae-shaped check on a model of the set that the user picked).
   */
  async run(kind: CheckKind, on?: (draft: Draft) => Draft): Promise<void> {
    const { state, log } = this.deps;
    const begun = state.begin(kind);
    if (!begun.ok) {
      log.warn(`Setup wizard: ${kind} refused (${begun.reason.id}).`);
      throw new RefusedRequest(begun.reason);
    }
    this.#running[kind]?.controller.abort();
    const running: Running = { token: begun.token, controller: new AbortController(), done: Promise.resolve() };
    this.#running[kind] = running;
    running.done = this.#execute(kind, running, on ? on(begun.draft) : begun.draft);
    this.deps.onChange('started');
    await running.done;
  }

  /** The run of this kind under way, to wait for its result. */
  pending(kind: CheckKind): Promise<void> | undefined {
    return this.#running[kind]?.done;
  }

  cancel(kind: CheckKind): void {
    this.#running[kind]?.controller.abort();
  }

  /** Drops what a check found (and stops it), so it runs again. */
  forget(kind: CheckKind): void {
    this.#running[kind]?.controller.abort();
    delete this.#running[kind];
    this.deps.state.checks.forget(kind);
  }

  /** After any change: abort what is stale, start the free checks wanted (the URL probe after `reachDelayMs`). */
  sync(reachDelayMs: number): void {
    if (this.#disposed) return;
    const { state } = this.deps;
    for (const kind of CHECK_KINDS) {
      const running = this.#running[kind];
      if (running && running.token !== state.checks.tokenFor(kind)) {
        running.controller.abort();
        delete this.#running[kind];
      }
    }
    const wanted = state.wanted();
    for (const kind of wanted) {
      if (kind === 'reach' && reachDelayMs > 0) {
        // The URL is typed a character at a time: probe once the typing pauses.
        clearTimeout(this.#reachTimer);
        this.#reachTimer = setTimeout(() => this.deps.onChange('landed'), reachDelayMs);
        continue;
      }
      this.run(kind).catch(() => undefined);
    }
    if (!wanted.includes('reach')) this.#logRefusedUrl(reachDelayMs);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#reachTimer);
    for (const running of Object.values(this.#running)) running?.controller.abort();
  }

  /**
   * A URL that breaks a rule gets no probe: once typing pauses (when a probe would go), the log says so,
   * once per URL. It is also the event that shows the wizard's work on that URL is over.
   */
  #logRefusedUrl(reachDelayMs: number): void {
    const { state, log } = this.deps;
    const { url } = state.draft;
    if (state.analysis.ok || url.trim() === '' || url === this.#refusalLogged) return;
    // Said only when no probe ran for it either (a result or a run for these inputs means one did).
    if (state.checks.current('reach') !== undefined || state.checks.running('reach')) return;
    if (reachDelayMs > 0) {
      clearTimeout(this.#reachTimer);
      this.#reachTimer = setTimeout(() => this.deps.onChange('landed'), reachDelayMs);
      return;
    }
    this.#refusalLogged = url;
    const rules = state.analysis.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    log.info(`Setup wizard: the URL breaks a rule (${rules.join(', ')}); nothing is sent to it.`);
  }

  async #execute<K extends CheckKind>(kind: K, running: Running, draft: Draft): Promise<void> {
    const { state, log } = this.deps;
    // Only the newest run of a kind may touch the state: an older one was aborted or replaced.
    const mine = () => !this.#disposed && this.#running[kind] === running;
    try {
      const outcome = await this.#callers[kind](draft, running.controller.signal);
      if (!mine()) return;
      if (outcome === undefined) state.checks.abandon(kind, running.token);
      else if (!state.finish(kind, running.token, outcome)) {
        log.info(`Setup wizard: a ${kind} result for values that changed since was dropped.`);
      }
    } catch (error) {
      if (!mine()) return;
      state.checks.abandon(kind, running.token);
      const detail = error instanceof Error ? error.message : String(error);
      log.error(`Setup wizard: the ${kind} check failed to run: ${detail}`);
    } finally {
      if (mine()) {
        delete this.#running[kind];
        this.deps.onChange('landed');
      }
    }
  }

  /** Each check's result, or undefined when it was cancelled. */
  readonly #callers: {
    readonly [K in CheckKind]: (draft: Draft, signal: AbortSignal) => Promise<Results[K] | undefined>;
  } = {
    reach: async (draft, signal) => doneResult(await this.deps.checks.reach(draft, signal)),
    list: async (draft, signal) => reportOf(await this.deps.checks.list(draft, signal)),
    test: async (draft, signal) => reportOf(await this.deps.checks.test(draft, signal)),
    trae: async (draft, signal) => doneResult(await this.deps.checks.trae(draft, signal)),
  };
}

function doneResult<T>(done: Done<T>): T | undefined {
  return done.kind === 'done' ? done.result : undefined;
}

function reportOf(outcome: CheckOutcome): CheckReport | undefined {
  return outcome.kind === 'report' ? outcome.report : undefined;
}
