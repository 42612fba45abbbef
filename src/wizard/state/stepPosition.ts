// Where the wizard stands: the open step, and the step to resume once it is reachable again (the one the
// user was on before a key change or a settings change closed it, or the one stored when the wizard
// closed). Which step is reachable is the gates' call (gates.ts); this only moves. No `vscode`.
import { STEP_NAMES, type StepName } from '../protocol/steps';
import { stepIndex } from './stateTypes';

export class StepPosition {
  #step: StepName = 'url';
  #resumeTo: StepName | undefined;
  #beforeLink: StepName | undefined;

  constructor(private readonly reachable: (step: StepName) => boolean) {}

  get step(): StepName {
    return this.#step;
  }

  /** The step to remember: where the user wants to be (even if it is closed just now). */
  get remembered(): StepName {
    return this.#resumeTo ?? this.#step;
  }

  get resuming(): boolean {
    return this.#resumeTo !== undefined;
  }

  /** Opens `wanted`, or the last reachable step before it (then resumes to it later). */
  start(wanted: StepName): void {
    this.#step = this.#clamp(wanted);
    this.#resumeTo = this.#step !== wanted ? wanted : undefined;
  }

  /** The user opened a step (or the host moved them there): no resuming elsewhere after that. */
  moveTo(step: StepName): void {
    this.#step = step;
    this.#resumeTo = undefined;
  }

  /** A setup link opens on step 1; a fresh one (not over another link) remembers where the user was. */
  leaveForLink(fresh: boolean): void {
    if (fresh) this.#beforeLink = this.remembered;
    this.moveTo('url');
  }

  /** The link was discarded: back where the user was before it (after a reopen: where a returning user lands). */
  backFromLink(returning: boolean): void {
    this.start(this.#beforeLink ?? openingStep(undefined, returning));
    this.#beforeLink = undefined;
  }

  /** The user is working here now: no jumping ahead when a check lands. */
  stay(): void {
    this.#resumeTo = undefined;
  }

  /** A check landed: on to the step to resume, as far as it is reachable; returns where it went. */
  resume(): StepName | undefined {
    const target = this.#resumeTo;
    if (!target) return undefined;
    const step = this.reachable(target) ? target : this.#clamp(target);
    this.#step = step;
    if (step === target) this.#resumeTo = undefined;
    return step;
  }

  /** When the open step is no longer reachable (key cleared, settings changed), go to the last one that is. */
  fallBack(): void {
    if (!this.reachable(this.#step)) {
      this.#resumeTo ??= this.#step;
      this.#step = this.#clamp(this.#step);
    }
  }

  #clamp(step: StepName): StepName {
    let at = stepIndex(step);
    while (at > 0 && !this.reachable(STEP_NAMES[at]!)) at--;
    return STEP_NAMES[at]!;
  }
}

/** Where a wizard opens: the step stored when it closed, or the Trae step for a returning user stored before it. */
export function openingStep(persisted: unknown, returning: boolean): StepName {
  // Before the last step watched for Trae's request it was called 'chat'.
  const name = persisted === 'chat' ? 'confirm' : persisted;
  const stored = STEP_NAMES.find((s) => s === name);
  return returning && (stored === undefined || stepIndex(stored) < stepIndex('trae')) ? 'trae' : (stored ?? 'url');
}
