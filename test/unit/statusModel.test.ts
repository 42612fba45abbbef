// The status bar's model with a Trae-shaped finding (defect: "second-turn-rejected" left the bar green):
// a finding colours the bar and names itself until a later Trae-shaped check passes, or the URL, model
// or key changes; the free background checks never clear it, but can make it worse.
import * as assert from 'node:assert/strict';
import { diagnosis } from '../../src/core/check/diagnosis';
import type { TraeCheckReport } from '../../src/core/check/traeShaped/traeCheck';
import type { PublishedCheck } from '../../src/services/checkService';
import { fingerprintOf, PoolKeyStore, SECRET_ID } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { statusIndicator, statusProblems, type StatusInputs } from '../../src/services/statusModel';
import { TraeFindings } from '../../src/services/traeFindings';
import { flush } from './fakes/async';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { KEY, OTHER_KEY, POOL_A, POOL_B, report } from './wizardFixtures';

const SAVED = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };
const DRAFT = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };

function trae(verdict: 'ok' | 'warning' | 'error'): TraeCheckReport {
  const diagnoses =
    verdict === 'ok'
      ? []
      : [
          diagnosis(
            'second-turn-rejected',
            'turn2',
            'turn 2: HTTP 400 unsupported_parameter',
            verdict === 'warning' ? { severity: 'warning' } : {},
          ),
        ];
  return { verdict, model: 'gpt-5.5', url: `${POOL_A}/chat/completions`, durationMs: 10, turns: [], diagnoses };
}

function published(verdict: 'ok' | 'error' = 'ok'): PublishedCheck {
  return {
    sequence: 1,
    report: report(DRAFT, verdict === 'ok' ? {} : { verdict: 'error', codes: ['refused'] }),
    finishedAt: 0,
  };
}

function setup() {
  const settings = new FakeSettings(SAVED);
  const secrets = new FakeSecretStorage();
  secrets.values.set(SECRET_ID, KEY);
  const keys = new PoolKeyStore(secrets, new Redactor());
  const findings = new TraeFindings({ settings, keys, now: () => 1000 });
  const inputs = (last: PublishedCheck | undefined = published()): StatusInputs => ({
    last,
    running: undefined,
    scheduleEnabled: true,
    finding: findings.current,
  });
  return { settings, secrets, keys, findings, inputs };
}

describe('status model: a Trae-shaped finding shows on the status bar', () => {
  it('an error from the Trae-shaped check turns a healthy bar to failing, and the tooltip names it', () => {
    const { findings, inputs } = setup();
    assert.equal(statusIndicator(inputs()), 'healthy');
    findings.record(trae('error'), SAVED, fingerprintOf(KEY));
    assert.equal(statusIndicator(inputs()), 'failing');
    assert.deepEqual(
      statusProblems(inputs()).map((d) => d.code),
      ['second-turn-rejected'],
    );
  });

  it('a warning degrades; a later passing Trae-shaped check clears it', () => {
    const { findings, inputs } = setup();
    findings.record(trae('warning'), SAVED, fingerprintOf(KEY));
    assert.equal(statusIndicator(inputs()), 'degraded');
    findings.record(trae('ok'), SAVED, fingerprintOf(KEY));
    assert.equal(findings.current, undefined);
    assert.equal(statusIndicator(inputs()), 'healthy');
  });

  it('cheap background checks do not clear it, but can add to it', () => {
    const { findings, inputs } = setup();
    findings.record(trae('warning'), SAVED, fingerprintOf(KEY));
    assert.equal(statusIndicator(inputs(published('ok'))), 'degraded', 'a passing background check leaves the finding');
    assert.equal(statusIndicator(inputs(published('error'))), 'failing', 'a failing one makes it worse');
    assert.deepEqual(
      statusProblems(inputs(published('error'))).map((d) => d.code),
      ['refused', 'second-turn-rejected'],
      'both are named',
    );
  });

  it('a change of URL or model clears it; a check of other values than the saved ones is no news', () => {
    const { findings, settings, inputs } = setup();
    findings.record(trae('error'), { ...SAVED, baseUrl: POOL_B }, fingerprintOf(KEY));
    assert.equal(findings.current, undefined, 'a draft for another pool says nothing about the saved setup');
    findings.record(trae('error'), SAVED, fingerprintOf(KEY));
    settings.change({ model: 'gpt-5.4-mini' });
    assert.equal(findings.current, undefined);
    settings.change({ model: 'gpt-5.5' });
    assert.equal(findings.current, undefined, 'going back does not bring an old finding back');
    assert.equal(statusIndicator(inputs()), 'healthy');
  });

  it('a change of key clears it; storing the same key again does not', async () => {
    const { findings, keys } = setup();
    findings.record(trae('error'), SAVED, fingerprintOf(KEY));
    await keys.store(KEY);
    await flush();
    assert.ok(findings.current, 'the same key: the finding still holds');
    await keys.store(OTHER_KEY);
    await flush();
    assert.equal(findings.current, undefined);
  });

  it('while an explicit check runs, the bar spins; not set up stays not set up', () => {
    const { findings, inputs } = setup();
    findings.record(trae('error'), SAVED, fingerprintOf(KEY));
    assert.equal(statusIndicator({ ...inputs(), running: { mode: 'full' } }), 'checking');
    const notSetUp = { ...published(), report: { ...published().report, configured: false } };
    assert.equal(statusIndicator(inputs(notSetUp)), 'notSetUp');
  });
});
