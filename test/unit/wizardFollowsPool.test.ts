// The wizard follows the pool, both ways (issue "What a new user met, again", point 1): left open on the last
// step through an outage, it goes back with a word while the pool is down and returns by itself once the
// status bar sees the pool back, with no click; it checks again when it opens and when it is shown again.
import * as assert from 'node:assert/strict';
import { renderMsg } from '../../src/core/text/messages';
import { fingerprintOf } from '../../src/services/keyStore';
import type { PublishedCheck } from '../../src/services/checkService';
import { buildView } from '../../src/wizard/view/view';
import { flush } from './fakes/async';
import type { Call } from './fakes/wizardChecks';
import { KEY, POOL_A, report } from './wizardFixtures';
import { setup, viewContext } from './wizardHarness';

const SAVED = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
const DOWN = { ok: false, diagnoses: [], durationMs: 3 };

function published(sequence: number, verdict: 'ok' | 'error'): PublishedCheck {
  const codes = ['gateway-error'];
  const checked = verdict === 'ok' ? report(SAVED) : report(SAVED, { verdict, codes });
  return { sequence, report: checked, finishedAt: Date.now(), keyFingerprint: fingerprintOf(KEY) };
}

/** Answers every check waiting, and those they start, until none waits: the pool up (a pass) or down. */
async function answerAll(calls: Call[], up: boolean, from = 0): Promise<void> {
  const answered = new Set<Call>();
  for (let round = 0; round < 5; round++) {
    const waiting = calls.slice(from).filter((c) => !c.signal.aborted && !answered.has(c));
    if (waiting.length === 0) return;
    for (const call of waiting) {
      answered.add(call);
      if (call.kind === 'reach') call.answer.resolve({ kind: 'done', result: up ? { ...DOWN, ok: true } : DOWN });
      else if (call.kind === 'list') {
        const listed = up ? report(call.draft) : report(call.draft, { verdict: 'error', codes: ['gateway-error'] });
        call.answer.resolve({ kind: 'report', report: listed });
      }
    }
    await flush();
  }
}

const viewOf = (t: Awaited<ReturnType<typeof setup>>) =>
  buildView(
    t.controller.state,
    viewContext({
      guide: () => ({ marker: 'guide' }) as never,
      confirm: t.controller.confirmSnapshot,
      now: Date.now(),
    }),
    1,
  );

describe('the wizard follows the pool (plain Node, fake checks)', () => {
  it('open on step 6 through an outage: back to step 1 with a word, then step 6 again by itself once the pool is back', async () => {
    const t = await setup({ key: KEY, holdChecks: true });
    await answerAll(t.checks.calls, true);
    t.controller.goTo('confirm');
    assert.equal(t.controller.state.step, 'confirm');

    // The pool goes down: the status bar publishes a failing check; the wizard checks again for itself.
    let from = t.checks.calls.length;
    t.published.fire(published(1, 'error'));
    await flush();
    assert.deepEqual(
      t.checks.calls.slice(from).map((c) => c.kind),
      ['reach', 'list'],
    );
    await answerAll(t.checks.calls, false, from);
    assert.equal(t.controller.state.step, 'url', 'the closed step is not left open');
    assert.equal(t.controller.state.notices[0]?.id, 'poolStopped');
    assert.match(renderMsg(t.controller.state.notices[0].message), /returns to "Confirm in Trae" by itself/);
    assert.equal(viewOf(t).confirm, undefined, 'nothing of step 6 shows while it is closed');
    assert.equal(t.controller.state.persisted().step, 'confirm', 'the step to go back to is remembered');

    // The pool is back: the status bar's check passes while the wizard shows a failure: it checks again, no click.
    from = t.checks.calls.length;
    t.published.fire(published(2, 'ok'));
    await flush();
    assert.deepEqual(
      t.checks.calls.slice(from).map((c) => c.kind),
      ['reach', 'list'],
    );
    await answerAll(t.checks.calls, true, from);
    assert.equal(t.controller.state.step, 'confirm', 'back where the user was');
    assert.deepEqual(
      t.controller.state.notices.map((n) => n.id),
      [],
      'the word about the outage is gone',
    );
    t.controller.dispose();
  });

  it('a published check that agrees with what the wizard shows changes nothing, either way', async () => {
    const t = await setup({ key: KEY, holdChecks: true });
    await answerAll(t.checks.calls, true);
    const from = t.checks.calls.length;
    t.published.fire(published(1, 'ok'));
    await flush();
    assert.equal(t.checks.calls.length, from);
    t.published.fire(published(2, 'error'));
    await flush();
    await answerAll(t.checks.calls, false, from);
    const after = t.checks.calls.length;
    t.published.fire(published(3, 'error'));
    await flush();
    assert.equal(t.checks.calls.length, after, 'still failing: nothing new to check');
    t.controller.dispose();
  });

  it('shown again while it shows a failure: it checks again; shown again with fresh passing results: nothing is sent', async () => {
    const t = await setup({ key: KEY, holdChecks: true });
    await answerAll(t.checks.calls, true);
    t.controller.setVisible(false);
    t.controller.setVisible(true);
    const from = t.checks.calls.length;
    assert.equal(t.checks.calls.length, from, 'fresh and passing: no request');
    t.published.fire(published(1, 'error'));
    await flush();
    await answerAll(t.checks.calls, false, from);
    const failed = t.checks.calls.length;
    t.controller.setVisible(false);
    t.controller.setVisible(true);
    await flush();
    assert.deepEqual(
      t.checks.calls.slice(failed).map((c) => c.kind),
      ['reach', 'list'],
    );
    t.controller.dispose();
  });

  it('on opening, what the status bar last found is shown at once and checked again for free', async () => {
    const last = { sequence: 1, report: report(SAVED), finishedAt: Date.now(), keyFingerprint: fingerprintOf(KEY) };
    const t = await setup({ key: KEY, holdChecks: true, lastCheck: last });
    assert.equal(t.controller.state.step, 'trae', 'shown at once');
    assert.deepEqual(
      t.checks.calls.map((c) => c.kind),
      ['reach', 'list'],
    );
    assert.ok(t.log.lines.some((l) => /checking the pool again \(the wizard opened\)/.test(l)));
    t.controller.dispose();
  });
});
