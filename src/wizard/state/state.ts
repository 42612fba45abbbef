// The setup wizard's state, with no I/O and no `vscode`: the draft, the step by name, and every
// transition (which step is reachable is derived in gates.ts). Each check result carries the token of the
// inputs it ran for (URL revision; + key; + model id); one whose inputs changed since is stale, never counts.
import { findModel } from '../../core/check/matching';
import { msg, type Msg } from '../../core/text/messages';
import { analyzeEndpoint, type EndpointAnalysis } from '../../core/url/endpoint';
import { screenDraft } from './draftScreen';
import { OriginPolicy, type LinkInfo } from './originPolicy';
import { CheckResults } from './checkResults';
import * as gates from './gates';
import { KeyTracker } from './keyTracker';
import { AddedInTrae, type AddedRecord } from './addedInTrae';
import { NoticeBoard } from './notices';
import { STEP_TITLES, type StepName } from '../protocol/steps';
import { openingStep, StepPosition } from './stepPosition';
import {
  connectionOf,
  moreOf,
  normalize,
  readDraft,
  sameDraft,
  stepIndex,
  type CheckKind,
  type Draft,
  type KeyInfo,
  type Notice,
  type Results,
  type StateInit,
} from './stateTypes';

/** A check may start: its token and the inputs it runs for; or why not. */
export type Begun =
  { readonly ok: true; readonly token: string; readonly draft: Draft } | { readonly ok: false; readonly reason: Msg };

export class WizardState implements gates.StateFacts {
  readonly #position = new StepPosition((step) => this.#mayShow(step));
  #draft: Draft;
  #saved: Draft;
  /** The stored key as the wizard knows it, and a new key waiting for the user's choice (keyTracker.ts). */
  readonly keys: KeyTracker;
  #rev = { url: 0, key: 0, model: 0 };
  #draftVersion = 0;
  /** What each check found, for which inputs (stale results never count). */
  readonly checks: CheckResults;
  /** Where the key may go, and the setup link the draft came from: the one rule (originPolicy.ts). */
  readonly origins: OriginPolicy;
  /** What the user is told (newest first); the controller's parts say things here too. */
  readonly board = new NoticeBoard();
  /** Step 5's cards ticked "Added in Trae" for the saved setup (addedInTrae.ts). */
  readonly added: AddedInTrae;
  #analysis: { draft: Draft; value: EndpointAnalysis } | undefined;

  constructor(init: StateInit) {
    this.checks = new CheckResults(this.#rev, init.now ?? Date.now);
    this.#saved = normalize(init.saved);
    this.keys = new KeyTracker(init.key);
    this.#draft = screenDraft(readDraft(init.persisted?.draft) ?? this.#saved, this.#saved, this.board);
    this.origins = new OriginPolicy(this.#saved, init.persisted);
    this.added = new AddedInTrae(init.persisted?.added);
    // A returning user: the last published check of these same settings and key counts here too.
    if (!this.dirty) this.checks.seedFromLastCheck(init.lastCheck, this.#saved, this.keys.key);
    this.#position.start(openingStep(init.persisted?.step, gates.returning(this)));
  }

  get step(): StepName {
    return this.#position.step;
  }
  get draft(): Draft {
    return this.#draft;
  }
  get saved(): Draft {
    return this.#saved;
  }
  get key(): KeyInfo {
    return this.keys.key;
  }
  /** Bumps when the host itself changes the draft (a settings change, a discard): the webview then takes it. */
  get draftVersion(): number {
    return this.#draftVersion;
  }
  get notices(): readonly Notice[] {
    return this.board.list;
  }
  get dirty(): boolean {
    return !sameDraft(this.#draft, this.#saved);
  }
  get analysis(): EndpointAnalysis {
    if (this.#analysis?.draft !== this.#draft)
      this.#analysis = { draft: this.#draft, value: analyzeEndpoint(this.#draft.url, this.#draft.fullUrl) };
    return this.#analysis.value;
  }

  get reachOk(): boolean {
    return gates.reachOk(this);
  }
  get listOk(): boolean {
    return gates.listOk(this);
  }
  get modelMatch(): gates.ModelMatch {
    return gates.modelMatch(this);
  }
  /** Save refuses further models the pool's list does not offer, by name; the rest of the set stays chosen. */
  get saveRefusal(): { reason: Msg; fix: Msg } | undefined {
    return gates.moreRefusal(this);
  }
  get testPassed(): boolean {
    return gates.testPassed(this);
  }
  get configReady(): boolean {
    return gates.configReady(this);
  }
  reachable(step: StepName): boolean {
    return gates.reachable(this, step);
  }

  get canSave(): boolean {
    return this.testPassed && this.keys.key.kind === 'stored';
  }

  /** Whether the key may go to the draft's origin (see originPolicy.ts). */
  get originApproved(): boolean {
    return this.origins.mayReceiveKey(this.analysis);
  }

  /** The setup link the draft came from, while the draft still points at its pool. */
  get link(): LinkInfo | undefined {
    return this.origins.linkFor(this.analysis);
  }

  /** A setup link's pool the user has not chosen to check: nothing at all goes there. */
  get originHeld(): boolean {
    return this.origins.holds(this.analysis);
  }

  /**
   * A setup link's values, as a draft "from a link" on step 1 (nothing saved). A link that only repeats the
   * saved setup changes nothing ('same'). Unsaved values it replaces are said, with what they were.
   */
  openLink(draft: Draft, origin: string, host: string): 'same' | 'opened' {
    const next = normalize(draft);
    const fresh = this.link === undefined;
    if (!this.dirty && sameDraft(next, this.#saved)) return 'same';
    if (this.dirty && !sameDraft(next, this.#draft)) this.board.linkReplaced(this.#draft, this.link?.host);
    // Held first, so that nothing runs for the stranger's origin once the draft points there.
    this.origins.openLink(origin, host);
    this.#apply(next);
    this.#draftVersion++;
    this.board.keepOnly(['linkReplaced']);
    this.#position.leaveForLink(fresh);
    return 'opened';
  }

  /** The checks that should be running now and are not (free ones only: the test costs quota). */
  wanted(): CheckKind[] {
    return gates.wanted(this);
  }

  persisted(): { step: StepName; draft?: Draft; link?: LinkInfo; chosen?: string; added?: AddedRecord } {
    const unsaved = this.dirty ? { draft: this.#draft, ...this.origins.persisted(this.#draft) } : {};
    const added = this.added.persisted(this.#saved);
    return { step: this.#position.remembered, ...unsaved, ...(added ? { added } : {}) };
  }

  /** Ticks a card of step 5 (only while it can be open, and only a model of the saved set). */
  markAdded(model: string, added: boolean): boolean {
    return this.reachable('trae') && this.added.mark(this.#saved, model, added);
  }

  /** Opens a step; the reason when it cannot be opened yet. */
  goTo(step: StepName): Msg | undefined {
    // Going on from step 1 is the user's choice of this pool (see originPolicy.ts, rule 2).
    if (stepIndex(this.step) === 0 && stepIndex(step) > 0) this.origins.wentOn(this.analysis, this.reachOk);
    if (!this.#mayShow(step)) return msg('ui.wizard.refused.notReachable');
    if (stepIndex(step) >= stepIndex('test') && this.modelMatch === 'case') this.#adoptPoolCasing();
    // What was said belongs to where the user was: a new step starts with a clean slate.
    if (step !== this.step) this.board.keepOnly(step === 'test' ? ['modelCase'] : []);
    this.#position.moveTo(step);
    return undefined;
  }

  /**
   * What the user typed. `basedOn`: the draftVersion the webview had; an edit made before it saw a newer
   * host change (a discard, new settings) is dropped rather than undoing that change.
   */
  setDraft(next: Draft, basedOn = this.#draftVersion): boolean {
    if (basedOn < this.#draftVersion) return false;
    const screened = screenDraft(next, this.#draft, this.board);
    const d = this.#draft;
    const sameMore = moreOf(screened).join('\n') === moreOf(d).join('\n');
    const same = screened.url === d.url && screened.fullUrl === d.fullUrl && screened.modelId === d.modelId;
    if (same && sameMore) return true;
    this.#apply(screened);
    // The user is working on this step now: no jumping ahead when a check lands.
    this.#position.stay();
    this.#position.fallBack();
    return true;
  }

  /** The stored key as it is now (`byWizard`: stored here; see keyTracker.ts): another key closes what it opened. */
  setKey(key: KeyInfo, byWizard = false): void {
    if (!this.keys.set(key, byWizard, this.board)) return;
    this.#rev.key++;
    this.#position.fallBack();
  }

  /** The settings changed (here or elsewhere): they are the truth for a draft without edits. */
  setSaved(saved: Draft): void {
    const next = normalize(saved);
    if (sameDraft(next, this.#saved)) return;
    const wasClean = !this.dirty;
    this.#saved = next;
    this.origins.setSaved(next);
    if (wasClean) {
      this.#apply(next);
      this.#draftVersion++;
      this.board.say('settingsChanged', 'info', msg('ui.wizard.notice.settingsChanged'));
    }
    this.#position.fallBack();
  }

  discardDraft(): void {
    const fromLink = this.link !== undefined;
    this.origins.forgetLink();
    this.#apply(this.#saved);
    this.#draftVersion++;
    // A returning user is not sent back to the start by a link they did not take.
    if (fromLink) this.#position.backFromLink(gates.returning(this));
    else this.#position.fallBack();
  }

  /** Starts a check for the inputs as they are; refused when the key may not go there. */
  begin(kind: CheckKind): Begun {
    const reason = this.refusal(kind);
    return reason ? { ok: false, reason } : { ok: true, token: this.checks.start(kind), draft: this.#draft };
  }

  /** Why a check of this kind may not run for the inputs as they are now; undefined: it may. */
  refusal(kind: CheckKind): Msg | undefined {
    return gates.refusal(this, kind);
  }

  /** Applies a result only if it belongs to the inputs as they are now; returns whether it did. */
  finish<K extends CheckKind>(kind: K, token: string, result: Results[K]): boolean {
    if (!this.checks.finish(kind, token, result)) return false;
    // A result that closes the open step sends the user back, said; a later pass returns them, as far as they chose.
    const at = this.step;
    this.#position.fallBack();
    if (this.step !== at && !this.dirty) {
      this.board.say('poolStopped', 'warning', msg('ui.wizard.notice.poolStopped', { step: msg(STEP_TITLES[at]) }));
    }
    this.#position.resume();
    if (!this.#position.resuming) this.board.dismiss('poolStopped');
    return true;
  }

  /** The values to write; undefined when Save is not allowed now. */
  toSave(): Draft | undefined {
    return this.canSave ? { ...this.#draft, modelId: this.#draft.modelId.trim() } : undefined;
  }

  /** `tidied`: the URL was saved tidied; the draft takes that form, its checks stay (connectionOf ran them with it). */
  markSaved(values: Draft, tidied?: Parameters<NoticeBoard['saved']>[0]): void {
    this.#saved = normalize(values);
    if (tidied && connectionOf(this.#draft).baseUrl === this.#saved.url) {
      this.#draft = { ...this.#draft, url: this.#saved.url };
      this.#draftVersion++;
    }
    this.origins.setSaved(this.#saved);
    this.origins.forgetLink();
    this.board.keepOnly([]);
    this.board.saved(tidied);
    if (this.reachable('trae')) this.#position.moveTo('trae');
  }

  /** A step past the first is shown only for a pool the user chose: not by a resume, a fall-back or a reopen. */
  #mayShow(step: StepName): boolean {
    return this.reachable(step) && (step === 'url' || this.originApproved);
  }

  #apply(next: Draft): void {
    const d = this.#draft;
    if (next.url !== d.url || next.fullUrl !== d.fullUrl) this.#rev.url++;
    if (next.modelId.trim() !== d.modelId.trim()) this.#rev.model++;
    this.#draft = next;
    // "The link replaced …" holds while the draft is the link's: not once it is discarded or typed away.
    if (!this.link) this.board.dismiss('linkReplaced');
  }

  #adoptPoolCasing(): void {
    const listed = findModel(this.checks.current('list')?.facts.models ?? [], this.#draft.modelId);
    if (!listed) return;
    this.board.say(
      'modelCase',
      'info',
      msg('ui.wizard.notice.modelCase', { typed: this.#draft.modelId.trim(), model: listed.id }),
    );
    this.#apply({ ...this.#draft, modelId: listed.id });
    this.#draftVersion++;
  }
}
