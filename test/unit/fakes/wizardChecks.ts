// The wizard's checks (WizardChecks) and the free key check, answered at once like a healthy pool or held
// in deferreds (auto = false) for the test to answer; every call is recorded with its draft and signal.
import type { CheckOutcome } from '../../../src/services/checkService';
import type { ConnectionSettings } from '../../../src/services/ports';
import type { Done, WizardChecks } from '../../../src/wizard/checks/ports';
import type { Draft, ReachResult, TraeResult } from '../../../src/wizard/state/stateTypes';
import { report } from '../wizardFixtures';
import { deferred, type Deferred } from './async';

type CheckName = 'reach' | 'list' | 'test' | 'trae';

export type Call = { kind: string; draft: Draft; signal: AbortSignal; answer: Deferred<unknown> };

export class FakeChecks implements WizardChecks {
  readonly calls: Call[] = [];
  /** Answer at once, like a healthy pool (switch off to hold answers in deferreds). */
  auto = true;
  /** Make a check throw instead of answering (a defect or an unexpected error below it). */
  failing: Partial<Record<CheckName, boolean>> = {};
  #call<T>(kind: CheckName, draft: Draft, signal: AbortSignal, answer: () => T): Promise<T> {
    const d = deferred<unknown>();
    this.calls.push({ kind, draft, signal, answer: d });
    if (this.failing[kind]) return Promise.reject(new Error(`${kind} blew up`));
    signal.addEventListener('abort', () => d.resolve({ kind: 'cancelled' }));
    if (this.auto) d.resolve(answer());
    return d.promise as Promise<T>;
  }
  reach(draft: Draft, signal: AbortSignal): Promise<Done<ReachResult>> {
    return this.#call('reach', draft, signal, () => ({
      kind: 'done',
      result: { ok: true, diagnoses: [], durationMs: 2 },
    }));
  }
  list(draft: Draft, signal: AbortSignal): Promise<CheckOutcome> {
    return this.#call('list', draft, signal, () => ({ kind: 'report', report: report(draft) }));
  }
  test(draft: Draft, signal: AbortSignal): Promise<CheckOutcome> {
    return this.#call('test', draft, signal, () => ({ kind: 'report', report: report(draft, { mode: 'full' }) }));
  }
  trae(draft: Draft, signal: AbortSignal): Promise<Done<TraeResult>> {
    return this.#call('trae', draft, signal, () => ({
      kind: 'done',
      result: { verdict: 'ok', model: draft.modelId, url: draft.url, diagnoses: [], durationMs: 5, turns: [] },
    }));
  }
  /** What the pool says of each key in a free check (any other key: accepted). */
  readonly keyVerdicts = new Map<string, 'accepted' | 'rejected' | 'unknown'>();
  readonly keyChecks: { key: string; target: ConnectionSettings }[] = [];
  async checkKey(key: string, target: ConnectionSettings): Promise<CheckOutcome> {
    this.keyChecks.push({ key, target });
    const draft = { url: target.baseUrl, fullUrl: target.fullUrl, modelId: target.model };
    const verdict = this.keyVerdicts.get(key) ?? 'accepted';
    if (verdict === 'accepted') return { kind: 'report', report: report(draft) };
    return {
      kind: 'report',
      report: report(draft, { verdict: 'error', codes: [verdict === 'rejected' ? 'api_key_missing' : 'refused'] }),
    };
  }
  count(kind: string): number {
    return this.calls.filter((c) => c.kind === kind).length;
  }
}
