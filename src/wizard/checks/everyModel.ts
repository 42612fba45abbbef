// "Test every model" (issue 24.3): the documented chat check once per model of the set, at most three at
// once, each row filled as its answer lands. Every row belongs to the inputs it ran for (URL, Full URL, key
// fingerprint, model set): when those change the run stops and its late answers are dropped. Cancel stops
// what is left; the rows that landed stay. It costs quota, so the page says the cost first. No `vscode`.
import type { CheckReport } from '../../core/check/checkReport';
import { modelKey, modelSetOf } from '../../core/trae/modelSet';
import { msg, type Msg } from '../../core/text/messages';
import type { CheckOutcome } from '../../services/checkService';
import type { Disposable } from '../../services/events';
import type { LogPort } from '../../services/ports';
import { RefusedRequest } from '../protocol/protocol';
import type { WizardState } from '../state/state';
import type { Draft } from '../state/stateTypes';
import type { WizardChecks } from './ports';

/** Chats sent at once: a pool with a per-key concurrency limit still answers, and 10 models take 4 rounds. */
export const EVERY_MODEL_AT_ONCE = 3;

/** What a run's rows belong to: a row for other inputs is stale. */
export interface EveryModelInputs {
  readonly url: string;
  readonly fullUrl: boolean;
  readonly keyFingerprint: string;
  /** The set, main model first. */
  readonly models: readonly string[];
}

export interface ModelTestRow {
  readonly model: string;
  readonly status: 'waiting' | 'running' | 'done' | 'cancelled';
  /** The check's report for this model alone (its list, its chat, the usage reading). */
  readonly report?: CheckReport;
}

export interface EveryModelDeps {
  /** The documented check of one model (the draft carries that model only). */
  readonly test: (draft: Draft, signal: AbortSignal) => Promise<CheckOutcome>;
  /** The inputs as they are now; undefined when no check may run (no key stored). */
  readonly inputs: () => EveryModelInputs | undefined;
  /** A row changed (render). */
  readonly onChange: () => void;
  readonly log: LogPort;
  /** Why no check may run now (no key, a URL that breaks a rule…); undefined: it may. */
  readonly refusal?: () => Msg | undefined;
  readonly atOnce?: number;
}

interface Run {
  readonly inputs: EveryModelInputs;
  readonly controller: AbortController;
  readonly rows: ModelTestRow[];
}

/** The set of a draft, main model first, each model once. */
export function draftModels(draft: Draft): string[] {
  const set = modelSetOf([draft.modelId, ...(draft.moreModels ?? [])]);
  return set.ok ? [...set.ids] : [];
}

/** The draft with one model of its set as the one checked (the same URL and key); undefined: not in the set. */
export function onModel(draft: Draft, model: string): Draft | undefined {
  const id = draftModels(draft).find((m) => modelKey(m) === modelKey(model));
  return id === undefined ? undefined : { url: draft.url, fullUrl: draft.fullUrl, modelId: id };
}

/** How a run sends the draft on the model the user picked; refused when that model is not in the set. */
export function pickedModel(draft: Draft, model: string): (draft: Draft) => Draft {
  if (!onModel(draft, model)) throw new RefusedRequest(msg('ui.wizard.refused.notInSet', { model }));
  return (d) => onModel(d, model) ?? d;
}

/** The wizard's inputs as they are now: the draft's URL and set, the stored key's fingerprint. */
export function wizardInputs(state: WizardState): EveryModelInputs | undefined {
  const { draft, key } = state;
  if (key.kind !== 'stored') return undefined;
  return { url: draft.url, fullUrl: draft.fullUrl, keyFingerprint: key.fingerprint, models: draftModels(draft) };
}

/** "Test every model" for the wizard: the checks run by the panel's ports, refused when the test would be. */
export function wizardEveryModel(
  state: WizardState,
  ports: { readonly checks: WizardChecks; readonly log: LogPort },
  onChange: () => void,
): EveryModelTest {
  return new EveryModelTest({
    test: (draft, signal) => ports.checks.test(draft, signal),
    inputs: () => wizardInputs(state),
    refusal: () => state.refusal('test'),
    onChange,
    log: ports.log,
  });
}

/** What the button says before anything is sent: "3 short chats, one per model…". */
export function everyModelCost(count: number): Msg {
  return msg('ui.wizard.every.cost', { count });
}

/** Whether two inputs are the same (URL trimmed; model ids without case, in order). */
export function sameInputs(a: EveryModelInputs | undefined, b: EveryModelInputs | undefined): boolean {
  if (!a || !b) return false;
  const models = (i: EveryModelInputs) => i.models.map(modelKey).join('\n');
  return (
    a.url.trim() === b.url.trim() &&
    a.fullUrl === b.fullUrl &&
    a.keyFingerprint === b.keyFingerprint &&
    models(a) === models(b)
  );
}

export class EveryModelTest implements Disposable {
  #run: Run | undefined;
  #disposed = false;

  constructor(private readonly deps: EveryModelDeps) {}

  /** The rows of the run for the inputs as they are now; undefined when none ran for them. */
  get rows(): readonly ModelTestRow[] | undefined {
    const run = this.#run;
    return run && sameInputs(run.inputs, this.deps.inputs()) ? run.rows : undefined;
  }

  get running(): boolean {
    return this.rows?.some((row) => row.status === 'waiting' || row.status === 'running') ?? false;
  }

  /** Tests each model of `draft`'s set; resolves when all landed. Refused (a RefusedRequest) when none may run. */
  async run(draft: Draft): Promise<void> {
    const reason = this.deps.refusal?.();
    if (reason) throw new RefusedRequest(reason);
    const inputs = this.deps.inputs();
    if (this.#disposed || !inputs) return;
    if (inputs.models.length < 2) throw new RefusedRequest(msg('ui.wizard.every.oneModel'));
    this.#stop();
    const run: Run = {
      inputs,
      controller: new AbortController(),
      rows: inputs.models.map((model) => ({ model, status: 'waiting' })),
    };
    this.#run = run;
    this.deps.onChange();
    await pooled(run.rows.length, this.deps.atOnce ?? EVERY_MODEL_AT_ONCE, run.controller.signal, (i) =>
      this.#testOne(run, i, draft),
    );
    const left = run.rows.filter((row) => row.status === 'waiting').length;
    run.rows.forEach((row, i) => row.status === 'waiting' && (run.rows[i] = { ...row, status: 'cancelled' }));
    if (left > 0 && this.#run === run) this.deps.onChange();
  }

  /** Stops what is left: no new chat starts, the ones under way are aborted; landed rows stay. */
  cancel(): void {
    this.#run?.controller.abort();
  }

  /** After any change: a run for inputs that are no longer these stops, and its rows are dropped. */
  sync(): void {
    const run = this.#run;
    if (!run || sameInputs(run.inputs, this.deps.inputs())) return;
    this.#stop();
    this.deps.log.info('Setup wizard: "Test every model" stopped; its inputs changed.');
  }

  dispose(): void {
    this.#disposed = true;
    this.#stop();
  }

  #stop(): void {
    this.#run?.controller.abort();
    this.#run = undefined;
  }

  async #testOne(run: Run, i: number, draft: Draft): Promise<void> {
    const model = run.rows[i]!.model;
    // Each chat is about one model alone: the same URL and key, this model as the one checked.
    const one: Draft = onModel(draft, model) ?? { url: draft.url, fullUrl: draft.fullUrl, modelId: model };
    run.rows[i] = { model, status: 'running' };
    this.deps.onChange();
    let outcome: CheckOutcome | undefined;
    try {
      outcome = await this.deps.test(one, run.controller.signal);
    } catch (error) {
      this.deps.log.error(`Setup wizard: the test of ${model} failed to run: ${String(error)}`);
    }
    // A late answer for inputs that changed meanwhile (or after a new run began) is dropped.
    if (this.#run !== run || !sameInputs(run.inputs, this.deps.inputs())) {
      this.deps.log.info(`Setup wizard: a test of ${model} for values that changed since was dropped.`);
      return;
    }
    run.rows[i] =
      outcome?.kind === 'report' ? { model, status: 'done', report: outcome.report } : { model, status: 'cancelled' };
    this.deps.onChange();
  }
}

/** Runs job(0..count-1), at most `atOnce` at a time, starting no new job once `signal` is aborted. */
export async function pooled(
  count: number,
  atOnce: number,
  signal: AbortSignal,
  job: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!signal.aborted && next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(atOnce, count)) }, lane));
}
