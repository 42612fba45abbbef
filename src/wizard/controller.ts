// The wizard's logic around its model, with no `vscode`: it runs the checks the model asks for (and
// aborts those whose inputs changed), answers the webview's requests, keeps the model in step with the
// settings and the key store, and remembers unsaved edits. Nothing here throws after dispose().
import type { CheckReport } from '../core/check/checkReport';
import { msg } from '../core/text/messages';
import type { TraeErrorKey } from '../core/trae/traeErrors';
import { DisposableStore, Emitter, type Disposable, type Event } from '../services/events';
import { KeyStoreError } from '../services/keyStore';
import type { ReplaceOutcome } from '../services/keyReplacement';
import type { ConnectionSettings } from '../services/ports';
import type { TraeErrorFinding } from '../services/traeErrorCheck';
import {
  keyInfo,
  LEGACY_STATE_KEY,
  REACH_DELAY_MS,
  Refused,
  STATE_KEY,
  type KeyStoreVerdict,
  type WizardHost,
} from './host';
import { WizardModel, type CheckKind, type Draft, type ReachResult, type StepName, type TraeResult } from './model';
import type { CopyTarget, WizardCommand } from './protocol';

export * from './host';

interface Running {
  readonly token: string;
  readonly controller: AbortController;
  done: Promise<void>;
}

export class WizardController implements Disposable {
  readonly #changed = new Emitter<void>();
  /** The model changed: render it again. */
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscriptions = new DisposableStore();
  readonly #running: Partial<Record<CheckKind, Running>> = {};
  #reachTimer: ReturnType<typeof setTimeout> | undefined;
  #persisted = '';
  /** A new key the pool did not accept, kept in memory only until "Store it anyway" or the panel closes. */
  #pendingKey: string | undefined;
  #keyWork: AbortController | undefined;
  readonly #explaining = new Set<AbortController>();
  #disposed = false;

  static async create(host: WizardHost): Promise<WizardController> {
    const settings = host.settings.read();
    const key = keyInfo(await host.keys.state());
    const last = host.lastCheck();
    await host.memento.update(LEGACY_STATE_KEY, undefined);
    const model = new WizardModel({
      saved: { url: settings.baseUrl, fullUrl: settings.fullUrl, model: settings.model },
      key,
      persisted: host.memento.get<{ step?: unknown; draft?: unknown }>(STATE_KEY) ?? {},
      ...(last
        ? {
            lastCheck: { report: last.report, ...(last.keyFingerprint ? { keyFingerprint: last.keyFingerprint } : {}) },
          }
        : {}),
    });
    return new WizardController(host, model);
  }

  private constructor(
    private readonly host: WizardHost,
    readonly model: WizardModel,
  ) {
    this.#subscriptions.add(host.keys.onDidChange(() => void this.#refreshKey()));
    this.#subscriptions.add(
      host.settings.onDidChange((change) => {
        if (change.connection) {
          const s = host.settings.read();
          this.model.setSaved({ url: s.baseUrl, fullUrl: s.fullUrl, model: s.model });
        }
        if (change.connection || change.language) this.#afterChange();
      }),
    );
    this.#afterChange(0);
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  // ---------------------------------------------------------------- requests from the webview

  setDraft(draft: Draft, basedOn: number): void {
    if (!this.model.setDraft(draft, basedOn))
      this.host.log.info('Setup wizard: an edit made before the latest change was dropped.');
    this.#afterChange();
  }

  goTo(step: StepName): void {
    const refusal = this.model.goTo(step);
    if (refusal) throw new Refused(refusal.refused);
    this.#afterChange(0);
  }

  /**
   * Stores a typed key, then waits for the pool's verdict on it (a free model list), when one can run. A
   * working stored key is never replaced by one the pool rejects: that key is kept, and the new one
   * waits in memory for "Store it anyway" (verdict 'kept').
   */
  async storeKey(value: string, force = false): Promise<{ verdict: KeyStoreVerdict }> {
    this.#keyWork?.abort();
    const work = new AbortController();
    this.#keyWork = work;
    let outcome: ReplaceOutcome;
    try {
      outcome = await this.host.replaceKey(value, this.#keyTarget(), { signal: work.signal, force });
    } catch (error) {
      if (error instanceof KeyStoreError) throw keyStoreRefusal(error);
      throw error;
    } finally {
      if (this.#keyWork === work) this.#keyWork = undefined;
    }
    if (this.#disposed || outcome.kind === 'cancelled') return { verdict: 'unchecked' };
    if (outcome.kind === 'refused') throw new Refused(outcome.analysis.cause, outcome.analysis.fix);
    if (outcome.kind === 'kept') {
      this.#pendingKey = value;
      const { candidate, kept, verdict, reason } = outcome;
      this.model.setPendingKey({ candidate, kept, verdict, ...(reason ? { reason: reason.cause } : {}) });
      this.#afterChange(0);
      return { verdict: 'kept' };
    }
    this.#pendingKey = undefined;
    this.model.setPendingKey(undefined);
    this.host.log.info(`Setup wizard: Pool API key stored in secret storage (${outcome.masked}).`);
    await this.#refreshKey(true);
    const list = this.#running.list;
    if (!list) return { verdict: this.model.listOk ? 'accepted' : 'unchecked' };
    await list.done;
    return { verdict: this.model.listOk ? 'accepted' : this.model.checks.current('list') ? 'rejected' : 'unchecked' };
  }

  /** "Store it anyway": the new key the pool did not accept replaces the working one, as the user chose. */
  async storePendingKey(): Promise<{ verdict: KeyStoreVerdict }> {
    const pending = this.#pendingKey;
    if (pending === undefined) throw new Refused(msg('ui.wizard.key.noPending'));
    return this.storeKey(pending, true);
  }

  /** The user keeps the working key: the new one is forgotten. */
  discardPendingKey(): void {
    this.#pendingKey = undefined;
    this.model.setPendingKey(undefined);
    this.#afterChange(0);
  }

  async recheck(what: 'url' | 'key' | 'models'): Promise<void> {
    this.#forget(what === 'url' ? 'reach' : 'list');
    if (what === 'key') await this.#refreshKey();
    this.#afterChange(0);
  }

  async runTest(): Promise<void> {
    await this.#run('test');
  }

  async runTraeCheck(): Promise<void> {
    await this.#run('trae');
  }

  cancel(what: 'test' | 'trae'): void {
    this.#running[what]?.controller.abort();
  }

  /** Writes what passed the test for exactly these values, as one settings change; tests first if needed. */
  async save(): Promise<void> {
    if (!this.model.toSave() && this.model.reachable('test')) await this.#run('test');
    const values = this.model.toSave();
    if (!values) throw new Refused(msg('ui.wizard.refused.notTested'));
    await this.host.settings.writeConnection({ baseUrl: values.url, fullUrl: values.fullUrl, model: values.model });
    if (this.#disposed) return;
    this.model.markSaved(values);
    this.host.log.info(
      `Setup wizard: saved ${values.url} (Full URL ${values.fullUrl ? 'on' : 'off'}), model ${values.model}.`,
    );
    this.#afterChange(0);
  }

  discardDraft(): void {
    this.model.discardDraft();
    this.#afterChange(0);
  }

  async copy(what: CopyTarget): Promise<void> {
    if (!this.model.reachable('trae')) throw new Refused(msg('ui.wizard.refused.notReachable'));
    let text: string | undefined;
    if (what === 'apiKey') {
      try {
        text = await this.host.keys.get();
      } catch (error) {
        throw error instanceof KeyStoreError ? keyStoreRefusal(error) : error;
      }
      if (text === undefined) throw new Refused(msg('ui.wizard.refused.noKey'));
    } else {
      text = this.host.guideText(this.model, what);
    }
    if (text === undefined) throw new Refused(msg('ui.wizard.trae.copyFailed'));
    await this.host.clipboard(text);
  }

  async setLanguage(language: 'en' | 'zh-cn'): Promise<void> {
    await this.host.settings.writeGuideLanguage(language);
  }

  dismissNotice(id: string): void {
    this.model.dismiss(id as never);
    this.#afterChange(0);
  }

  /** "Trae says …": the deciding check for the saved settings (the Trae step shows only saved values). */
  async explainTraeError(key: TraeErrorKey): Promise<TraeErrorFinding | undefined> {
    if (!this.model.reachable('trae')) throw new Refused(msg('ui.wizard.refused.notReachable'));
    const controller = new AbortController();
    this.#explaining.add(controller);
    try {
      const outcome = await this.host.explain(key, controller.signal);
      return outcome.kind === 'done' && !this.#disposed ? outcome.finding : undefined;
    } finally {
      this.#explaining.delete(controller);
    }
  }

  async command(command: WizardCommand): Promise<void> {
    await this.host.runCommand(command);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#reachTimer);
    for (const running of Object.values(this.#running)) running?.controller.abort();
    for (const controller of this.#explaining) controller.abort();
    this.#keyWork?.abort();
    this.#pendingKey = undefined;
    this.#subscriptions.dispose();
    this.#changed.dispose();
  }

  // ---------------------------------------------------------------- internals

  async #run(kind: CheckKind): Promise<void> {
    const begun = this.model.begin(kind);
    if ('refused' in begun) {
      this.host.log.warn(`Setup wizard: ${kind} refused (${begun.refused.id}).`);
      throw new Refused(begun.refused);
    }
    this.#running[kind]?.controller.abort();
    const running: Running = { token: begun.token, controller: new AbortController(), done: Promise.resolve() };
    this.#running[kind] = running;
    running.done = this.#execute(kind, running, begun.draft);
    this.#changed.fire();
    await running.done;
  }

  async #execute(kind: CheckKind, running: Running, draft: Draft): Promise<void> {
    // Only the newest run of a kind may touch the model: an older one was aborted or replaced.
    const mine = () => !this.#disposed && this.#running[kind] === running;
    try {
      const outcome = await this.#call(kind, draft, running.controller.signal);
      if (!mine()) return;
      if (outcome === undefined) this.model.checks.abandon(kind, running.token);
      else if (!this.model.finish(kind, running.token, outcome as never))
        this.host.log.info(`Setup wizard: a ${kind} result for values that changed since was dropped.`);
    } catch (error) {
      if (!mine()) return;
      this.model.checks.abandon(kind, running.token);
      this.host.log.error(
        `Setup wizard: the ${kind} check failed to run: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      if (mine()) {
        delete this.#running[kind];
        this.#afterChange(0);
      }
    }
  }

  /** The check's result, or undefined when it was cancelled. */
  async #call(
    kind: CheckKind,
    draft: Draft,
    signal: AbortSignal,
  ): Promise<ReachResult | CheckReport | TraeResult | undefined> {
    const checks = this.host.checks;
    if (kind === 'reach' || kind === 'trae') {
      const done = kind === 'reach' ? await checks.reach(draft, signal) : await checks.trae(draft, signal);
      return done.kind === 'done' ? done.result : undefined;
    }
    const outcome = kind === 'list' ? await checks.list(draft, signal) : await checks.test(draft, signal);
    return outcome.kind === 'report' ? outcome.report : undefined;
  }

  #forget(kind: CheckKind): void {
    this.#running[kind]?.controller.abort();
    delete this.#running[kind];
    this.model.checks.forget(kind);
  }

  async #refreshKey(byWizard = false): Promise<void> {
    const state = await this.host.keys.state();
    if (this.#disposed) return;
    this.model.setKey(keyInfo(state), byWizard);
    this.#afterChange(0);
  }

  /** Where a new key is checked: the draft's pool once the user chose it, otherwise the saved one. */
  #keyTarget(): ConnectionSettings {
    const use = this.model.analysis.ok && this.model.originApproved ? this.model.draft : this.model.saved;
    return { baseUrl: use.url, fullUrl: use.fullUrl, model: use.model };
  }

  /** After any change: abort what is stale, start what is wanted, remember the draft, re-render. */
  #afterChange(reachDelay = this.host.reachDelayMs ?? REACH_DELAY_MS): void {
    if (this.#disposed) return;
    for (const kind of Object.keys(this.#running) as CheckKind[]) {
      const running = this.#running[kind]!;
      if (running.token !== this.model.checks.tokenFor(kind)) {
        running.controller.abort();
        delete this.#running[kind];
      }
    }
    for (const kind of this.model.wanted()) {
      if (kind === 'reach' && reachDelay > 0) {
        // The URL is typed a character at a time: probe once the typing pauses.
        clearTimeout(this.#reachTimer);
        this.#reachTimer = setTimeout(() => this.#afterChange(0), reachDelay);
        continue;
      }
      void this.#run(kind).catch(() => undefined);
    }
    this.#persist();
    this.#changed.fire();
  }

  #persist(): void {
    const state = this.model.persisted();
    const json = JSON.stringify(state);
    if (json === this.#persisted) return;
    this.#persisted = json;
    void Promise.resolve(this.host.memento.update(STATE_KEY, state)).catch((error: unknown) =>
      this.host.log.warn(`Setup wizard: could not remember the step: ${String(error)}`),
    );
  }
}

/** What the wizard says when the editor's secret storage fails: the cause and how to fix it. */
function keyStoreRefusal(error: KeyStoreError): Refused {
  return new Refused(
    msg('diag.keyStoreUnavailable.cause', { detail: error.detail }),
    msg('diag.keyStoreUnavailable.fix'),
  );
}
