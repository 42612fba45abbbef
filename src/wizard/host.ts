// What the wizard's controller needs from the editor (the checks, the key store, settings, storage,
// the clipboard, commands), and the small shared pieces around it. No `vscode` here.
import type { Msg } from '../core/text/messages';
import type { TraeErrorKey } from '../core/trae/traeErrors';
import type { CheckOutcome, PublishedCheck } from '../services/checkService';
import type { ReplaceOptions, ReplaceOutcome } from '../services/keyReplacement';
import type { KeyState, PoolKeyStore } from '../services/keyStore';
import type { ConnectionSettings, LogPort, MementoPort, SettingsPort } from '../services/ports';
import type { TraeErrorOutcome } from '../services/traeErrorCheck';
import type { Draft, KeyInfo, ReachResult, TraeResult, WizardModel } from './model';
import type { CopyTarget, WizardCommand } from './protocol';

export const STATE_KEY = 'codexPooler.wizard';
/** What an earlier version stored (it could hold a key pasted into the URL field): removed on open. */
export const LEGACY_STATE_KEY = 'codexPooler.wizardDraft';
export const REACH_DELAY_MS = 300;

/** What happened to a key typed in the wizard; 'kept': not stored, the working key stays (see PendingKey). */
export type KeyStoreVerdict = 'accepted' | 'rejected' | 'unchecked' | 'kept';

export type Done<T> = { readonly kind: 'cancelled' } | { readonly kind: 'done'; readonly result: T };

/** The checks, run by the check service with the stored key (which never passes through here). */
export interface WizardChecks {
  reach(target: Draft, signal: AbortSignal): Promise<Done<ReachResult>>;
  list(target: Draft, signal: AbortSignal): Promise<CheckOutcome>;
  test(target: Draft, signal: AbortSignal): Promise<CheckOutcome>;
  trae(target: Draft, signal: AbortSignal): Promise<Done<TraeResult>>;
}

export interface WizardHost {
  readonly checks: WizardChecks;
  readonly keys: PoolKeyStore;
  /** Stores a key unless that would replace a working key with one the pool does not accept. */
  readonly replaceKey: (
    candidate: string,
    target: ConnectionSettings,
    options: ReplaceOptions,
  ) => Promise<ReplaceOutcome>;
  readonly settings: SettingsPort;
  readonly memento: MementoPort;
  readonly log: LogPort;
  readonly lastCheck: () => PublishedCheck | undefined;
  readonly clipboard: (text: string) => Promise<void>;
  /** The text to copy for a Trae field (or all of them); undefined when the guide is not open. */
  readonly guideText: (model: WizardModel, what: Exclude<CopyTarget, 'apiKey'>) => string | undefined;
  readonly runCommand: (command: WizardCommand) => Promise<void>;
  /** Runs the check that decides a Trae error code, for the saved settings. */
  readonly explain: (key: TraeErrorKey, signal: AbortSignal) => Promise<TraeErrorOutcome>;
  readonly reachDelayMs?: number;
}

/** A request the controller refuses, with the reason the webview shows. */
export class Refused extends Error {
  constructor(
    readonly reason: Msg,
    readonly fix?: Msg,
  ) {
    super(reason.id);
  }
}

export function keyInfo(state: KeyState): KeyInfo {
  if (state.kind === 'stored') return { kind: 'stored', masked: state.masked, fingerprint: state.fingerprint };
  if (state.kind === 'unavailable') return { kind: 'unavailable', detail: state.error.detail };
  return { kind: 'none' };
}
