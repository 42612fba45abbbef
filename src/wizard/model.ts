// The setup wizard as a state model, with no I/O and no `vscode`: the draft, the steps by name, which
// step is reachable, and every transition. Each check result carries the token of the inputs it ran
// for (URL revision; + key; + model); one whose inputs changed since is stale and never counts.
import { findModel } from '../core/check/matching';
import { analyzeEndpoint, type EndpointAnalysis } from '../core/url/endpoint';
import { msg } from '../core/text/messages';
import { holdsSecret } from '../core/secrets/poolKey';
import { normalize, readDraft, sameDraft, stepIndex, STEP_NAMES } from './modelTypes';
import type {
  CheckKind,
  Draft,
  KeyInfo,
  ModelInit,
  Notice,
  NoticeId,
  PendingKey,
  Refusal,
  Results,
  StepName,
} from './modelTypes';
import { CheckPhases } from './phases';
import { NoticeBoard } from './notices';

export * from './modelTypes';

export class WizardModel {
  #step: StepName = 'url';
  #resumeTo: StepName | undefined;
  #draft: Draft;
  #saved: Draft;
  #key: KeyInfo;
  #pendingKey: PendingKey | undefined;
  /** The fingerprint of the key this wizard works with: the one stored when it opened, or stored here. */
  #ownKey: string | undefined;
  #rev = { url: 0, key: 0, model: 0 };
  #draftVersion = 0;
  /** What each check found, for which inputs (stale results never count). */
  readonly checks = new CheckPhases(this.#rev);
  readonly #approved = new Set<string>();
  readonly #notices = new NoticeBoard();
  #analysis: { rev: number; value: EndpointAnalysis } | undefined;

  constructor(init: ModelInit) {
    this.#saved = normalize(init.saved);
    this.#key = init.key;
    this.#ownKey = init.key.kind === 'stored' ? init.key.fingerprint : undefined;
    this.#draft = this.#screen(readDraft(init.persisted?.draft) ?? this.#saved, this.#saved);
    this.#approve(this.#saved);
    this.#seed(init.lastCheck);
    const stored = STEP_NAMES.find((s) => s === init.persisted?.step);
    const returning = !this.dirty && this.#key.kind === 'stored' && this.analysis.ok && this.#saved.model !== '';
    const wanted =
      returning && (stored === undefined || stepIndex(stored) < stepIndex('trae')) ? 'trae' : (stored ?? 'url');
    this.#step = this.#clamp(wanted);
    if (this.#step !== wanted) this.#resumeTo = wanted;
  }

  get step(): StepName {
    return this.#step;
  }
  get draft(): Draft {
    return this.#draft;
  }
  get saved(): Draft {
    return this.#saved;
  }
  get key(): KeyInfo {
    return this.#key;
  }
  /** A new key that was not stored because the stored one works (see PendingKey). */
  get pendingKey(): PendingKey | undefined {
    return this.#pendingKey;
  }
  setPendingKey(pending: PendingKey | undefined): void {
    this.#pendingKey = pending;
  }
  /** Bumps when the host itself changes the draft (a settings change, a discard): the webview then takes it. */
  get draftVersion(): number {
    return this.#draftVersion;
  }
  get notices(): readonly Notice[] {
    return this.#notices.list;
  }
  get dirty(): boolean {
    return !sameDraft(this.#draft, this.#saved);
  }
  get analysis(): EndpointAnalysis {
    if (this.#analysis?.rev !== this.#rev.url)
      this.#analysis = { rev: this.#rev.url, value: analyzeEndpoint(this.#draft.url, this.#draft.fullUrl) };
    return this.#analysis.value;
  }

  get reachOk(): boolean {
    return this.analysis.ok && this.checks.current('reach')?.ok === true;
  }
  /** The pool listed models with the stored key (it accepted the key). */
  get listOk(): boolean {
    return this.#key.kind === 'stored' && this.checks.current('list')?.facts.models !== undefined;
  }
  /** How the draft's model matches the pool's list: exactly, in other casing, not at all, or unknown yet. */
  get modelMatch(): 'exact' | 'case' | 'none' | 'unknown' {
    const models = this.checks.current('list')?.facts.models;
    if (!models) return 'unknown';
    const wanted = this.#draft.model.trim();
    const found = wanted === '' ? undefined : findModel(models, wanted);
    return !found ? 'none' : found.id === wanted ? 'exact' : 'case';
  }
  get testPassed(): boolean {
    const report = this.checks.current('test');
    return report !== undefined && report.verdict !== 'error';
  }
  /** Saved, with a stored key the pool accepts and a model it lists (or a passed test): Trae can be set up. */
  get configReady(): boolean {
    return (
      !this.dirty && this.#key.kind === 'stored' && ((this.listOk && this.modelMatch === 'exact') || this.testPassed)
    );
  }

  reachable(step: StepName): boolean {
    switch (step) {
      case 'url':
        return true;
      case 'key':
        return this.reachOk;
      case 'model':
        return this.reachOk && this.listOk;
      case 'test':
        return this.reachable('model') && (this.modelMatch === 'exact' || this.modelMatch === 'case');
      case 'trae':
      case 'chat':
        return this.reachable('test') && this.configReady;
    }
  }

  get canSave(): boolean {
    return this.testPassed && this.#key.kind === 'stored';
  }

  /** Whether the key may go to the draft's origin: the saved one, or one that passed step 1 here. */
  get originApproved(): boolean {
    const origin = this.analysis.endpoint?.origin;
    return origin !== undefined && this.#approved.has(origin);
  }

  /** The checks that should be running now and are not (free ones only: the test costs quota). */
  wanted(): CheckKind[] {
    const out: CheckKind[] = [];
    const idle = (kind: CheckKind) => !this.checks.running(kind) && this.checks.current(kind) === undefined;
    if (this.analysis.ok && idle('reach')) out.push('reach');
    if (this.reachOk && this.#key.kind === 'stored' && this.originApproved && idle('list')) out.push('list');
    return out;
  }

  persisted(): { step: StepName; draft?: Draft } {
    return { step: this.#resumeTo ?? this.#step, ...(this.dirty ? { draft: this.#draft } : {}) };
  }

  goTo(step: StepName): Refusal | undefined {
    if (!this.reachable(step)) return { refused: msg('ui.wizard.refused.notReachable') };
    if (stepIndex(this.#step) === 0 && stepIndex(step) > 0) this.#approve(this.#draft);
    if (stepIndex(step) >= stepIndex('test') && this.modelMatch === 'case') this.#adoptPoolCasing();
    // What was said belongs to where the user was: a new step starts with a clean slate.
    if (step !== this.#step) this.#notices.keepOnly(step === 'test' ? ['modelCase'] : []);
    this.#step = step;
    this.#resumeTo = undefined;
    return undefined;
  }

  /**
   * What the user typed. `basedOn`: the draftVersion the webview had; an edit made before it saw a newer
   * host change (a discard, new settings) is dropped rather than undoing that change.
   */
  setDraft(next: Draft, basedOn = this.#draftVersion): boolean {
    if (basedOn < this.#draftVersion) return false;
    const screened = this.#screen(next, this.#draft);
    const d = this.#draft;
    if (screened.url === d.url && screened.fullUrl === d.fullUrl && screened.model === d.model) return true;
    this.#apply(screened);
    // The user is working on this step now: no jumping ahead when a check lands.
    this.#resumeTo = undefined;
    this.#fallBack();
    return true;
  }

  /**
   * The stored key as it is now. `byWizard`: the user stored it here, so it becomes the key this wizard
   * works with (no "a different key" notice). A change made elsewhere is said; going back to the key
   * the wizard works with takes that notice away again.
   */
  setKey(key: KeyInfo, byWizard = false): void {
    const before = this.#key;
    this.#key = key;
    const fingerprint = key.kind === 'stored' ? key.fingerprint : undefined;
    if (byWizard) this.#ownKey = fingerprint;
    if (key.kind === 'stored') this.dismiss('keyCleared');
    if (byWizard || (fingerprint !== undefined && fingerprint === this.#ownKey)) this.dismiss('keyChanged');
    const same =
      before.kind === key.kind &&
      (before.kind !== 'stored' || (key.kind === 'stored' && before.fingerprint === key.fingerprint));
    if (same) return;
    this.#rev.key++;
    if (key.kind === 'none' && before.kind === 'stored')
      this.#notify({ id: 'keyCleared', severity: 'warning', message: msg('ui.wizard.notice.keyCleared') });
    if (key.kind === 'stored' && before.kind === 'stored' && !byWizard && fingerprint !== this.#ownKey) {
      this.#notify({
        id: 'keyChanged',
        severity: 'info',
        message: msg('ui.wizard.notice.keyChanged', { masked: key.masked }),
      });
    }
    this.#fallBack();
  }

  /** The settings changed (here or elsewhere): they are the truth for a draft without edits. */
  setSaved(saved: Draft): void {
    const next = normalize(saved);
    if (sameDraft(next, this.#saved)) return;
    const wasClean = !this.dirty;
    this.#saved = next;
    this.#approve(next);
    if (wasClean) {
      this.#apply(next);
      this.#draftVersion++;
      this.#notify({ id: 'settingsChanged', severity: 'info', message: msg('ui.wizard.notice.settingsChanged') });
    }
    this.#fallBack();
  }

  discardDraft(): void {
    this.#apply(this.#saved);
    this.#draftVersion++;
    this.#fallBack();
  }

  /** Starts a check for the inputs as they are; refused when the key may not go there. */
  begin(kind: CheckKind): { token: string; draft: Draft } | Refusal {
    if (!this.analysis.ok) return { refused: msg('ui.wizard.refused.url') };
    if (kind !== 'reach') {
      if (this.#key.kind !== 'stored') return { refused: msg('ui.wizard.refused.noKey') };
      if (!this.originApproved)
        return { refused: msg('ui.wizard.refused.origin', { origin: this.analysis.endpoint?.origin ?? '' }) };
      if ((kind === 'test' || kind === 'trae') && this.#draft.model.trim() === '')
        return { refused: msg('ui.wizard.refused.noModel') };
    }
    return { token: this.checks.start(kind), draft: this.#draft };
  }

  /** Applies a result only if it belongs to the inputs as they are now; returns whether it did. */
  finish<K extends CheckKind>(kind: K, token: string, result: Results[K]): boolean {
    if (!this.checks.finish(kind, token, result)) return false;
    if (this.#resumeTo) {
      const step = this.reachable(this.#resumeTo) ? this.#resumeTo : this.#clamp(this.#resumeTo);
      // Resuming past step 1 is going on from it, as the user did before with this URL.
      if (stepIndex(step) > 0) this.#approve(this.#draft);
      this.#step = step;
      if (step === this.#resumeTo) this.#resumeTo = undefined;
    }
    return true;
  }

  /** The values to write; undefined when Save is not allowed now. */
  toSave(): Draft | undefined {
    return this.canSave ? { ...this.#draft, model: this.#draft.model.trim() } : undefined;
  }

  markSaved(values: Draft): void {
    this.#saved = normalize(values);
    this.#notices.keepOnly([]);
    this.#notify({ id: 'saved', severity: 'info', message: msg('ui.wizard.notice.saved') });
    if (this.reachable('trae')) this.#step = 'trae';
  }

  dismiss(id: NoticeId): void {
    this.#notices.keepOnly(this.#notices.list.map((n) => n.id).filter((n) => n !== id));
  }

  #apply(next: Draft): void {
    const d = this.#draft;
    if (next.url !== d.url || next.fullUrl !== d.fullUrl) this.#rev.url++;
    if (next.model.trim() !== d.model.trim()) this.#rev.model++;
    this.#draft = next;
  }

  /** A Pool key or token in the URL or model field is never kept: the field keeps its old value. */
  #screen(next: Draft, fallback: Draft): Draft {
    let { url, model } = next;
    if (holdsSecret(url)) {
      url = holdsSecret(fallback.url) ? '' : fallback.url;
      this.#notify({ id: 'secretInUrl', severity: 'error', message: msg('ui.wizard.notice.secretInUrl') });
    }
    if (holdsSecret(model)) {
      model = holdsSecret(fallback.model) ? '' : fallback.model;
      this.#notify({ id: 'secretInModel', severity: 'error', message: msg('ui.wizard.notice.secretInModel') });
    }
    return { url, fullUrl: next.fullUrl, model };
  }

  #adoptPoolCasing(): void {
    const listed = findModel(this.checks.current('list')?.facts.models ?? [], this.#draft.model);
    if (!listed) return;
    this.#notify({
      id: 'modelCase',
      severity: 'info',
      message: msg('ui.wizard.notice.modelCase', { typed: this.#draft.model.trim(), model: listed.id }),
    });
    this.#apply({ ...this.#draft, model: listed.id });
    this.#draftVersion++;
  }

  /** When the current step is no longer reachable (key cleared, settings changed), go to the last one that is. */
  #fallBack(): void {
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

  #approve(draft: Draft): void {
    const origin = analyzeEndpoint(draft.url, draft.fullUrl).endpoint?.origin;
    if (origin) this.#approved.add(origin);
  }

  /** A returning user: the last published check of these same settings and key counts here too. */
  #seed(last: ModelInit['lastCheck']): void {
    if (!last || this.dirty || this.#key.kind !== 'stored' || last.keyFingerprint !== this.#key.fingerprint) return;
    const t = last.report.target;
    if (
      t.baseUrl !== this.#saved.url ||
      t.fullUrl !== this.#saved.fullUrl ||
      t.model !== this.#saved.model ||
      !last.report.facts.models
    )
      return;
    this.checks.seedFrom(last.report);
  }

  #notify(notice: Notice): void {
    this.#notices.add(notice);
  }
}
