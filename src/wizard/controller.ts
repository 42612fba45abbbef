// The wizard's logic around its state, with no `vscode`: it answers the webview's requests (through the
// handler table in handlers.ts), lets the check runner run what the state asks for, keeps the state in
// step with the settings and the key store, and remembers the step and unsaved edits (never a key).
// Nothing here throws after dispose().
import { msg } from '../core/text/messages';
import type { TraeErrorKey } from '../core/trae/traeErrors';
import { DisposableStore, Emitter, type Disposable, type Event } from '../services/events';
import type { TraeErrorFinding } from '../services/traeErrorCheck';
import { CheckRunner } from './checks/checkRunner';
import { pickedModel, wizardEveryModel, type EveryModelTest } from './checks/everyModel';
import { ConfirmStep, type ConfirmSnapshot } from './confirm/confirmStep';
import { KeyEntry } from './checks/keyEntry';
import { keyInfo, type KeyStoreVerdict, type WizardPorts } from './checks/ports';
import { connectionOf, REACH_DELAY_MS, STATE_KEY } from './state/stateTypes';
import { tidyEndpointUrl } from '../core/url/endpointTidy';
import { RefusedRequest } from './protocol/protocol';
import type { CopyTarget, EditorAction } from './protocol/protocol';
import { copyText } from './checks/copying';
import { PoolFollower } from './checks/poolFollower';
import type { StepName } from './protocol/steps';
import type { WizardState } from './state/state';
import { savedDraftOf, startState } from './startState';
import type { Draft, NoticeId } from './state/stateTypes';

export class WizardController implements Disposable {
  readonly #changed = new Emitter<void>();
  /** The state changed: render it again. */
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscriptions = new DisposableStore();
  readonly #runner: CheckRunner;
  readonly #keys: KeyEntry;
  readonly #confirm: ConfirmStep;
  readonly #follower: PoolFollower;
  /** "Test every model" (step 4): the handlers run and cancel it, the view shows its rows. */
  readonly every: EveryModelTest;
  /** The panel is visible (a hidden one watches nothing). */
  #visible = true;
  #persisted = '';
  readonly #explaining = new Set<AbortController>();
  #disposed = false;

  static async create(ports: WizardPorts): Promise<WizardController> {
    return new WizardController(ports, await startState(ports));
  }

  private constructor(
    private readonly ports: WizardPorts,
    readonly state: WizardState,
  ) {
    this.#runner = new CheckRunner({
      state,
      checks: ports.checks,
      log: ports.log,
      onChange: (what) => (what === 'started' ? this.#changed.fire() : this.#afterChange(0)),
    });
    this.#confirm = new ConfirmStep(
      { watch: ports.watch, confirmations: ports.confirmations, log: ports.log, now: ports.now ?? Date.now },
      () => this.#changed.fire(),
    );
    this.#subscriptions.add(ports.confirmations.onDidChange(() => this.#changed.fire()));
    this.#keys = new KeyEntry({
      state,
      ports,
      runner: this.#runner,
      changed: (byWizard) => this.#refreshKey(byWizard),
    });
    this.#subscriptions.add(ports.keys.onDidChange(() => void this.#refreshKey()));
    this.#follower = new PoolFollower({
      state,
      runner: this.#runner,
      log: ports.log,
      now: () => (ports.now ?? Date.now)(),
      ...(ports.onDidPublish ? { published: ports.onDidPublish } : {}),
    });
    this.#subscriptions.add(this.#follower);
    this.every = wizardEveryModel(state, ports, () => this.#changed.fire());
    this.#subscriptions.add(
      ports.settings.onDidChange((change) => {
        if (change.connection) {
          this.state.setSaved(savedDraftOf(ports.settings.read()));
        }
        if (change.connection || change.language) this.#afterChange();
      }),
    );
    this.#afterChange(0);
    this.#follower.opened();
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** What the last step shows: the watch, the checklist, a confirmation that holds. */
  get confirmSnapshot(): ConfirmSnapshot {
    return this.#confirm.snapshot;
  }

  /** The panel was hidden or shown again: the last step watches only while it can be seen. */
  setVisible(visible: boolean): void {
    const shown = visible && !this.#visible;
    this.#visible = visible;
    this.#afterChange(0);
    if (shown) this.#follower.shown();
  }

  // ---------------------------------------------------------------- requests from the webview

  setDraft(draft: Draft, basedOn: number): void {
    if (!this.state.setDraft(draft, basedOn)) {
      this.ports.log.info('Setup wizard: an edit made before the latest change was dropped.');
    }
    this.#afterChange();
  }

  goTo(step: StepName): void {
    const refusal = this.state.goTo(step);
    if (refusal) throw new RefusedRequest(refusal);
    this.#afterChange(0);
  }

  /** Stores a typed key (a working one is never replaced by one the pool rejects); see KeyEntry. */
  storeKey(value: string): Promise<{ verdict: KeyStoreVerdict }> {
    return this.#keys.store(value);
  }

  storePendingKey(): Promise<{ verdict: KeyStoreVerdict }> {
    return this.#keys.storePending();
  }

  discardPendingKey(): void {
    this.#keys.discardPending();
    this.#afterChange(0);
  }

  async recheck(what: 'url' | 'key' | 'models'): Promise<void> {
    // A pool named by a link gets nothing until the user says "Check this pool".
    if (this.state.originHeld) throw new RefusedRequest(msg('ui.wizard.refused.linkHeld'));
    this.#runner.forget(what === 'url' ? 'reach' : 'list');
    if (what === 'key') await this.#refreshKey();
    this.#afterChange(0);
  }

  async runTest(): Promise<void> {
    await this.#runner.run('test');
  }

  /** The Trae-shaped check, on `model` of the draft's set (absent: the main model). */
  async runTraeCheck(model?: string): Promise<void> {
    await this.#runner.run('trae', model === undefined ? undefined : pickedModel(this.state.draft, model));
  }

  cancel(what: 'test' | 'trae'): void {
    this.#runner.cancel(what);
  }

  /** Writes what passed the test for exactly these values, as one settings change; tests first if needed. */
  async save(): Promise<void> {
    this.#refuseModelsNotOffered();
    if (!this.state.toSave() && this.state.reachable('test')) await this.#runner.run('test');
    const values = this.state.toSave();
    if (!values) throw new RefusedRequest(msg('ui.wizard.refused.notTested'));
    this.#refuseModelsNotOffered();
    const connection = connectionOf(values);
    await this.ports.settings.writeConnection(connection);
    if (this.#disposed) return;
    const tidied = tidyEndpointUrl(values.url, values.fullUrl);
    this.state.markSaved({ ...values, url: connection.baseUrl }, tidied);
    const full = values.fullUrl ? 'on' : 'off';
    this.ports.log.info(`Setup wizard: saved ${connection.baseUrl} (Full URL ${full}), model ${values.modelId}.`);
    this.#afterChange(0);
  }

  /**
   * A setup link's values open as a draft "from a link" on step 1 (nothing saved, nothing sent to its pool
   * until "Check this pool"). A link that repeats the saved setup leaves the wizard where it is, and says so.
   */
  openLink(draft: Draft, origin: string, host: string): 'same' | 'opened' {
    const outcome = this.state.openLink(draft, origin, host);
    if (outcome === 'opened') this.ports.log.info(`Setup wizard: a setup link for ${host} opened as a draft.`);
    else {
      this.state.board.linkSame();
      this.ports.log.info(`Setup wizard: a setup link for ${host} matches the saved setup; nothing changed.`);
    }
    this.#afterChange(0);
    return outcome;
  }

  /** "Check this pool": the free checks run there now; the key waits until the user goes on from step 1. */
  checkLinkPool(): void {
    const link = this.state.link;
    if (!link) throw new RefusedRequest(msg('ui.wizard.refused.notReachable'));
    if (this.state.origins.releaseLink()) this.ports.log.info(`Setup wizard: the user chose to check ${link.host}.`);
    this.#afterChange(0);
  }

  discardDraft(): void {
    this.state.discardDraft();
    this.#afterChange(0);
  }

  async copy(what: CopyTarget, model?: string): Promise<void> {
    const text = await copyText(this.state, what, this.ports, model);
    // The key leaves the clipboard again after a minute (KeyClipboard); other text stays.
    await (what === 'apiKey' ? this.ports.clipboard.copyKey(text) : this.ports.clipboard.copy(text));
  }

  /** Step 5's "Added in Trae" on a card, remembered for the saved setup; refused for a model not in it. */
  markAdded(model: string, added: boolean): void {
    if (!this.state.markAdded(model, added)) throw new RefusedRequest(msg('ui.wizard.refused.notReachable'));
    this.#afterChange(0);
  }

  async setLanguage(language: 'en' | 'zh-cn'): Promise<void> {
    await this.ports.settings.writeGuideLanguage(language);
  }

  dismissNotice(id: NoticeId): void {
    this.state.board.dismiss(id);
    this.#afterChange(0);
  }

  /** "Trae says …": the deciding check for the saved settings (the Trae step shows only saved values). */
  async explainTraeError(key: TraeErrorKey): Promise<TraeErrorFinding | undefined> {
    if (!this.state.reachable('trae')) throw new RefusedRequest(msg('ui.wizard.refused.notReachable'));
    const controller = new AbortController();
    this.#explaining.add(controller);
    try {
      const outcome = await this.ports.explain(key, controller.signal);
      return outcome.kind === 'done' && !this.#disposed ? outcome.finding : undefined;
    } finally {
      this.#explaining.delete(controller);
    }
  }

  watchAgain(): void {
    if (this.state.step !== 'confirm') throw new RefusedRequest(msg('ui.wizard.refused.notReachable'));
    this.#confirm.watchAgain();
  }

  sawTraeError(): void {
    this.#confirm.sawError();
  }

  async forgetConfirmation(): Promise<void> {
    await this.#confirm.forget();
  }

  async editorAction(action: EditorAction): Promise<void> {
    await this.ports.editorAction(action);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#runner.dispose();
    this.every.dispose();
    this.#confirm.dispose();
    for (const controller of this.#explaining) controller.abort();
    this.#keys.dispose();
    this.#subscriptions.dispose();
    this.#changed.dispose();
  }

  // ---------------------------------------------------------------- internals

  #refuseModelsNotOffered(): void {
    const refusal = this.state.saveRefusal;
    if (refusal) throw new RefusedRequest(refusal.reason, refusal.fix);
  }

  async #refreshKey(byWizard = false): Promise<void> {
    const state = await this.ports.keys.state();
    if (this.#disposed) return;
    this.state.setKey(keyInfo(state), byWizard);
    this.#afterChange(0);
  }

  /** After any change: abort what is stale, start what is wanted, remember the draft, re-render. */
  #afterChange(reachDelayMs = this.ports.reachDelayMs ?? REACH_DELAY_MS): void {
    if (this.#disposed) return;
    this.#runner.sync(reachDelayMs);
    this.every.sync();
    this.#confirm.sync(this.state.step === 'confirm' && this.#visible);
    this.#persist();
    this.#changed.fire();
  }

  #persist(): void {
    const persisted = this.state.persisted();
    const json = JSON.stringify(persisted);
    if (json === this.#persisted) return;
    this.#persisted = json;
    Promise.resolve(this.ports.memento.update(STATE_KEY, persisted)).catch((error: unknown) =>
      this.ports.log.warn(`Setup wizard: could not remember the step: ${String(error)}`),
    );
  }
}
