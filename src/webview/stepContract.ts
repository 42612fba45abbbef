// The contract between the wizard's shell (app.ts) and its steps (steps/): what a step module is, and
// what the shell gives every step. It lives apart from both, so a step never imports the shell.
import type { RequestName } from '../wizard/protocol/messageKinds';
import type { Params } from '../wizard/protocol/protocol';
import type { ModelListView, WizardView } from '../wizard/protocol/protocolViews';
import type { StepName } from '../wizard/protocol/steps';
import type { Rpc } from './rpc';

/** Moving between steps: the shell asks the host, which decides. */
export interface Navigator {
  goTo(step: StepName): void;
}

export interface StepModule {
  readonly element: HTMLElement;
  update(view: WizardView, models: ModelListView | undefined): void;
  /** Before the user leaves the step: false keeps them there (it has said why). */
  beforeLeave?(): Promise<boolean>;
}

/** What the user is typing: the webview is its only writer, until the host changes the draft itself. */
export interface LocalDraft {
  url: string;
  fullUrl: boolean;
  modelId: string;
  /** The further models for Trae, main model excluded (absent: none). */
  moreModels?: string[];
  /** The host's draftVersion these values are based on. */
  basedOn: number;
}

export interface AppContext extends Navigator {
  readonly rpc: Rpc;
  readonly local: LocalDraft;
  /** Call after changing `local`: the host hears it once typing pauses. */
  draftChanged(): void;
  /** Shows why a request was refused. */
  showFailure(error: unknown): void;
  /** Sends a request for a button: its result is not needed, a refusal is shown. */
  act<M extends RequestName>(name: M, params: Params<M>): void;
}
