// Which step the user may open, and which free check should run, derived from what the checks found for
// the inputs as they are now (see STEP_CHECKS in stateTypes.ts for which check feeds which step). Pure
// functions over the state's facts: no I/O, no `vscode`.
import { findModel } from '../../core/check/matching';
import { msg, type Msg } from '../../core/text/messages';
import type { EndpointAnalysis } from '../../core/url/endpoint';
import type { CheckResults } from './checkResults';
import type { StepName } from '../protocol/steps';
import { moreOf, type CheckKind, type Draft, type KeyInfo } from './stateTypes';

/** What the gates read from the state. */
export interface StateFacts {
  readonly analysis: EndpointAnalysis;
  readonly checks: CheckResults;
  readonly key: KeyInfo;
  readonly draft: Draft;
  readonly dirty: boolean;
  /** The key may go to the draft's origin: the saved one, or one the user went on from step 1 with. */
  readonly originApproved: boolean;
  /** The draft's pool came from a link and the user has not chosen to check it: nothing goes there. */
  readonly originHeld: boolean;
}

export type ModelMatch = 'exact' | 'case' | 'none' | 'unknown';

/** A Codex Pooler answered at the draft's URL (the free, unauthenticated probe). */
export function reachOk(f: StateFacts): boolean {
  return f.analysis.ok && f.checks.current('reach')?.ok === true;
}

/** The pool listed models with the stored key (it accepted the key). */
export function listOk(f: StateFacts): boolean {
  return f.key.kind === 'stored' && f.checks.current('list')?.facts.models !== undefined;
}

/** How the draft's model id matches the pool's list: exactly, in other casing, not at all, or unknown yet. */
export function modelMatch(f: StateFacts): ModelMatch {
  const models = f.checks.current('list')?.facts.models;
  if (!models) return 'unknown';
  const wanted = f.draft.modelId.trim();
  const found = wanted === '' ? undefined : findModel(models, wanted);
  return !found ? 'none' : found.id === wanted ? 'exact' : 'case';
}

/**
 * The further models the key's model list does not offer now, in the set's order (none while no list is
 * known). Save refuses them by name; the rest of the set stays as chosen.
 */
export function moreNotOffered(f: StateFacts): string[] {
  const models = f.checks.current('list')?.facts.models ?? f.checks.current('test')?.facts.models;
  if (!models) return [];
  return moreOf(f.draft).filter((id) => !findModel(models, id));
}

/** Why Save refuses the set as it is: the further models the list does not offer, named. */
export function moreRefusal(f: StateFacts): { reason: Msg; fix: Msg } | undefined {
  const gone = moreNotOffered(f);
  if (gone.length === 0) return undefined;
  const models = gone.map((id) => `"${id}"`).join(', ');
  return {
    reason: msg('ui.wizard.refused.moreNotOffered', { models }),
    fix: msg('ui.wizard.refused.moreNotOfferedFix'),
  };
}

export function testPassed(f: StateFacts): boolean {
  const report = f.checks.current('test');
  return report !== undefined && report.verdict !== 'error';
}

/** Saved, with a stored key the pool accepts and a model it lists (or a passed test): Trae can be set up. */
export function configReady(f: StateFacts): boolean {
  return !f.dirty && f.key.kind === 'stored' && ((listOk(f) && modelMatch(f) === 'exact') || testPassed(f));
}

/** Saved with a model and a stored key, and no unsaved edits: a returning user (who opens on the Trae step). */
export function returning(f: StateFacts & { readonly saved: Draft }): boolean {
  return !f.dirty && f.key.kind === 'stored' && f.analysis.ok && f.saved.modelId !== '';
}

export function reachable(f: StateFacts, step: StepName): boolean {
  switch (step) {
    case 'url':
      return true;
    case 'key':
      return reachOk(f);
    case 'model':
      return reachOk(f) && listOk(f);
    case 'test': {
      const match = modelMatch(f);
      return reachable(f, 'model') && (match === 'exact' || match === 'case');
    }
    case 'trae':
    case 'confirm':
      return reachable(f, 'test') && configReady(f);
  }
}

/** The checks that should be running now and are not (free ones only: the test costs quota). */
export function wanted(f: StateFacts): CheckKind[] {
  const out: CheckKind[] = [];
  const idle = (kind: CheckKind) => !f.checks.running(kind) && f.checks.current(kind) === undefined;
  if (f.analysis.ok && !f.originHeld && idle('reach')) out.push('reach');
  if (reachOk(f) && f.key.kind === 'stored' && f.originApproved && idle('list')) out.push('list');
  return out;
}

/** Why a check of this kind may not run for the inputs as they are now (the key's way first); undefined: it may. */
export function refusal(f: StateFacts, kind: CheckKind): Msg | undefined {
  if (!f.analysis.ok) return msg('ui.wizard.refused.url');
  if (f.originHeld) return msg('ui.wizard.refused.linkHeld');
  if (kind === 'reach') return undefined;
  if (f.key.kind !== 'stored') return msg('ui.wizard.refused.noKey');
  if (!f.originApproved) return msg('ui.wizard.refused.origin', { origin: f.analysis.endpoint?.origin ?? '' });
  if ((kind === 'test' || kind === 'trae') && f.draft.modelId.trim() === '') return msg('ui.wizard.refused.noModel');
  return undefined;
}
