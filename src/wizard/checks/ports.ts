// The ports of the wizard's controller: what it needs from the editor (the checks, the key store,
// settings, storage, the clipboard, the editor's own actions), and the small shared pieces around it. The
// panel passes the real ones, tests pass fakes. No `vscode` here.
import { msg } from '../../core/text/messages';
import type { TraeErrorKey } from '../../core/trae/traeErrors';
import type { CheckOutcome, PublishedCheck } from '../../services/checkService';
import type { ReplaceOptions, ReplaceOutcome } from '../../services/keyReplacement';
import type { KeyState, KeyStoreError, PoolKeyStore } from '../../services/keyStore';
import type { Event } from '../../services/events';
import type { ConnectionSettings, LogPort, MementoPort, SettingsPort } from '../../services/ports';
import type { TraeConfirmations } from '../../services/traeConfirmations';
import type { TraeErrorOutcome } from '../../services/traeErrorCheck';
import type { TraeWatch } from '../../services/traeWatch';
import type { InviteTarget } from '../../core/trae/invite';
import { RefusedRequest, type EditorAction, type GuideTarget } from '../protocol/protocol';

import type { WizardState } from '../state/state';
import type { Draft, KeyInfo, ReachResult, TraeResult } from '../state/stateTypes';

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

export interface WizardPorts {
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
  /** Each check the status bar shows, as it lands (the wizard re-runs its free checks when they disagree). */
  readonly onDidPublish?: Event<PublishedCheck>;
  /** What Copy writes with: the key is cleared again after a while (copying.ts's KeyClipboard). */
  readonly clipboard: WizardClipboard;
  /** The text to copy for a Trae field of `model`'s card (or all); undefined when not open or not in the set. */
  readonly guideText: (state: WizardState, what: GuideTarget, model?: string) => string | undefined;
  /** A setup link (or the wiki snippet) for the saved setup; undefined when nothing usable is saved. */
  readonly inviteText: (what: InviteTarget) => string | undefined;
  /** Runs one of the editor's own actions (open Trae's chat…); refuses with the reason when it cannot. */
  readonly editorAction: (action: EditorAction) => Promise<void>;
  /** Runs the check that decides a Trae error code, for the saved settings. */
  readonly explain: (key: TraeErrorKey, signal: AbortSignal) => Promise<TraeErrorOutcome>;
  readonly reachDelayMs?: number;
  /** Wall-clock milliseconds (tests pass a fake clock's). */
  readonly now?: () => number;
  /** A watcher of the pool's free usage counter, for the last step (Confirm in Trae). */
  readonly watch: () => TraeWatch;
  /** "Confirmed from Trae": remembered per setup and key. */
  readonly confirmations: Pick<TraeConfirmations, 'current' | 'record' | 'forget' | 'onDidChange'>;
}

/** The editor's clipboard, read as well as written: the key is cleared only if it is still there. */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

/** The clipboard as a Copy button uses it: any text, or the key (which does not stay there). */
export interface WizardClipboard {
  copy(text: string): Promise<void>;
  copyKey(key: string): Promise<void>;
}

/** What the wizard says when the editor's secret storage fails: the cause and how to fix it. */
export function keyStoreRefusal(error: KeyStoreError): RefusedRequest {
  return new RefusedRequest(
    msg('diag.keyStoreUnavailable.cause', { detail: error.detail }),
    msg('diag.keyStoreUnavailable.fix'),
  );
}

export function keyInfo(state: KeyState): KeyInfo {
  if (state.kind === 'stored') return { kind: 'stored', masked: state.masked, fingerprint: state.fingerprint };
  if (state.kind === 'unavailable') return { kind: 'unavailable', detail: state.error.detail };
  return { kind: 'none' };
}
