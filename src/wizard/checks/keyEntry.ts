// A key typed in the wizard's step 2, on its way to the editor's secret storage. A working stored key is
// never replaced by one the pool rejects: that key is kept, and the new one waits in memory (never in
// storage, never sent back to the page) for "Store it anyway" or "Keep the working key". No `vscode`.
import { msg } from '../../core/text/messages';
import type { Disposable } from '../../services/events';
import { KeyStoreError } from '../../services/keyStore';
import type { ReplaceOutcome } from '../../services/keyReplacement';
import type { ConnectionSettings } from '../../services/ports';
import type { CheckRunner } from './checkRunner';
import { keyStoreRefusal, type KeyStoreVerdict, type WizardPorts } from './ports';
import { RefusedRequest } from '../protocol/protocol';
import type { WizardState } from '../state/state';
import { connectionOf } from '../state/stateTypes';

export interface KeyEntryDeps {
  readonly state: WizardState;
  readonly ports: Pick<WizardPorts, 'replaceKey' | 'log'>;
  readonly runner: Pick<CheckRunner, 'pending'>;
  /** The key store changed: read it again (`byWizard`: stored here, so it is the wizard's own key). */
  readonly changed: (byWizard: boolean) => Promise<void>;
}

export class KeyEntry implements Disposable {
  /** A new key the pool did not accept, kept in memory only until the user decides or the wizard closes. */
  #pending: string | undefined;
  #work: AbortController | undefined;
  #disposed = false;

  constructor(private readonly deps: KeyEntryDeps) {}

  /** Stores a typed key, then waits for the pool's verdict on it (a free model list), when one can run. */
  async store(value: string, force = false): Promise<{ verdict: KeyStoreVerdict }> {
    const { state, ports } = this.deps;
    this.#work?.abort();
    const work = new AbortController();
    this.#work = work;
    let outcome: ReplaceOutcome;
    try {
      outcome = await ports.replaceKey(value, this.#target(), { signal: work.signal, force });
    } catch (error) {
      if (error instanceof KeyStoreError) throw keyStoreRefusal(error);
      throw error;
    } finally {
      if (this.#work === work) this.#work = undefined;
    }
    if (this.#disposed || outcome.kind === 'cancelled') return { verdict: 'unchecked' };
    if (outcome.kind === 'refused') throw new RefusedRequest(outcome.analysis.cause, outcome.analysis.fix);
    if (outcome.kind === 'changing') {
      throw new RefusedRequest(msg('key.changing.cause', { candidate: outcome.candidate }), msg('key.changing.fix'));
    }
    if (outcome.changedMeanwhile) state.board.say('keyChangedMeanwhile', 'info', msg('key.changedMeanwhile'));
    if (outcome.kind === 'kept') {
      this.#pending = value;
      const { candidate, kept, verdict, reason } = outcome;
      state.keys.pending = { candidate, kept, verdict, ...(reason ? { reason: reason.cause } : {}) };
      await this.deps.changed(false);
      return { verdict: 'kept' };
    }
    this.#pending = undefined;
    state.keys.pending = undefined;
    ports.log.info(`Setup wizard: Pool API key stored in secret storage (${outcome.masked}).`);
    await this.deps.changed(true);
    const list = this.deps.runner.pending('list');
    if (!list) return { verdict: state.listOk ? 'accepted' : 'unchecked' };
    await list;
    return { verdict: state.listOk ? 'accepted' : state.checks.current('list') ? 'rejected' : 'unchecked' };
  }

  /** "Store it anyway": the new key the pool did not accept replaces the working one, as the user chose. */
  async storePending(): Promise<{ verdict: KeyStoreVerdict }> {
    const pending = this.#pending;
    if (pending === undefined) throw new RefusedRequest(msg('ui.wizard.key.noPending'));
    return this.store(pending, true);
  }

  /** "Keep the working key": the new one is forgotten. */
  discardPending(): void {
    this.#pending = undefined;
    this.deps.state.keys.pending = undefined;
  }

  dispose(): void {
    this.#disposed = true;
    this.#work?.abort();
    this.#pending = undefined;
  }

  /** Where a new key is checked: the draft's pool once the user chose it, otherwise the saved one. */
  #target(): ConnectionSettings {
    const { state } = this.deps;
    return connectionOf(state.analysis.ok && state.originApproved ? state.draft : state.saved);
  }
}
