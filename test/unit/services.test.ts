// The editor-side services in plain Node with in-memory fakes: the check service (one owner of check
// outcomes), the key store over a SecretStorage that can fail, and the health monitor on a fake clock.
import * as assert from 'node:assert/strict';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { FAILING_RETRY_MS } from '../../src/core/check/healthSchedule';
import type { CheckService, CheckEvent } from '../../src/services/checkService';
import { HealthMonitor, TRIGGER_SETTLE_MS } from '../../src/services/healthMonitor';
import { KeyStoreError, PoolKeyStore } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { flush, until } from './fakes/async';
import { FakeClock } from './fakes/clock';
import { FakeFocus } from './fakes/focus';
import { FakeLog } from './fakes/log';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { useEmulator } from './helpers';
import { applyScenario } from '../emulator/server';
import { checkServiceFor } from './fakes/checkEngine';

function services(baseUrl: string, key?: string) {
  const secrets = new FakeSecretStorage();
  if (key) secrets.values.set('codexPooler.poolApiKey', key);
  const redactor = new Redactor();
  const settings = new FakeSettings({ baseUrl, model: 'gpt-5.5', timeoutSeconds: 5 });
  const keys = new PoolKeyStore(secrets, redactor, () => settings.read().timeoutSeconds * 1000);
  const log = new FakeLog();
  const checks = checkServiceFor({ settings, keys, log, transport: createNodeTransport() });
  const events: CheckEvent[] = [];
  checks.onDidChange((e) => events.push(e));
  return { secrets, redactor, keys, settings, log, checks, events };
}

/** The check service's next published outcome (or cancellation): the check that was running has ended. */
function nextOutcome(checks: CheckService): Promise<CheckEvent> {
  return new Promise((resolve) => {
    const subscription = checks.onDidChange((e) => {
      if (e.kind === 'started') return;
      subscription.dispose();
      resolve(e);
    });
  });
}

/** The kinds of the check service's events since `mark` (a check starts synchronously: 'started' is fired at once). */
const kindsSince = (events: readonly CheckEvent[], mark: number) => events.slice(mark).map((e) => e.kind);

describe('check service (one owner of check outcomes)', function () {
  this.timeout(20_000);
  const ctx = useEmulator();

  it('publishes the newest finished check; an older one that ends later is not published', async () => {
    const { checks, events } = services(ctx.emulator.apiBase, ctx.emulator.key);
    ctx.emulator.upstream.delayMs = 300;
    const slow = checks.check('full');
    const fast = checks.check('background');
    await Promise.all([slow, fast]);
    const reported = events.filter((e) => e.kind === 'reported');
    assert.equal(reported.length, 1);
    assert.equal(checks.last?.report.mode, 'background');
    assert.equal(checks.running, undefined);
  });

  it('a cancelled check is an outcome of its own: nothing new is published and nothing is diagnosed', async () => {
    const { checks, events } = services(ctx.emulator.apiBase, ctx.emulator.key);
    await checks.check('background');
    const before = checks.last;
    ctx.emulator.upstream.delayMs = 2000;
    const controller = new AbortController();
    const pending = checks.check('full', { signal: controller.signal });
    await until('the check at the pool', () => ctx.emulator.inFlightOf('chat') > 0);
    controller.abort();
    const outcome = await pending;
    assert.equal(outcome.kind, 'cancelled');
    assert.equal(checks.last, before, 'the last answer stays');
    assert.equal(events.at(-1)?.kind, 'cancelled');
    assert.equal(checks.running, undefined);
  });

  it("a check of the wizard's draft is never published", async () => {
    const { checks, events } = services(ctx.emulator.apiBase, ctx.emulator.key);
    const outcome = await checks.checkDraft('background', {
      baseUrl: ctx.emulator.apiBase,
      fullUrl: false,
      model: 'gpt-5.5',
    });
    assert.equal(outcome.kind, 'report');
    assert.deepEqual(events, []);
    assert.equal(checks.last, undefined);
  });

  it('a failing secret storage is reported as such (not "no key"), and a retry works once it is back', async () => {
    const { checks, secrets } = services(ctx.emulator.apiBase, ctx.emulator.key);
    secrets.failing.get = true;
    const failed = await checks.check('background');
    assert.equal(failed.kind === 'report' && failed.report.diagnoses[0]?.code, 'key-store-unavailable');
    assert.equal(ctx.emulator.requests.length, 0);
    secrets.failing.get = false;
    const back = await checks.check('background');
    assert.equal(back.kind === 'report' && back.report.verdict, 'ok');
  });

  it('the key store: every failure names its operation; a wrong paste never replaces a good key', async () => {
    const { keys, secrets } = services(ctx.emulator.apiBase, ctx.emulator.key);
    assert.equal((await keys.store('mcp-cxp-0123456789ab-x')).ok, false);
    assert.equal(await keys.get(), ctx.emulator.key);
    secrets.failing = { get: true, store: true, delete: true };
    await assert.rejects(keys.get(), (e: unknown) => e instanceof KeyStoreError && e.operation === 'read');
    await assert.rejects(
      keys.store(ctx.emulator.key),
      (e: unknown) => e instanceof KeyStoreError && e.operation === 'store',
    );
    await assert.rejects(keys.clear(), (e: unknown) => e instanceof KeyStoreError && e.operation === 'delete');
    const state = await keys.state();
    assert.equal(state.kind, 'unavailable');
  });

  it('a delete the keyring refuses fails as KeyStoreError("delete") with its reason; the key stays stored and readable', async () => {
    const { keys, secrets } = services(ctx.emulator.apiBase, ctx.emulator.key);
    let changes = 0;
    keys.onDidChange(() => changes++);
    secrets.failing.delete = true;
    await assert.rejects(
      keys.clear(),
      (e: unknown) => e instanceof KeyStoreError && e.operation === 'delete' && e.detail === 'keyring locked',
    );
    assert.equal(await keys.get(), ctx.emulator.key, 'not a silent "no key"');
    assert.equal((await keys.state()).kind, 'stored');
    assert.equal(changes, 0, 'no change announced');
  });

  it('a keyring prompt left open does not hold a check forever: after the request timeout the key store is unavailable, nothing is sent', async () => {
    const { checks, secrets, settings } = services(ctx.emulator.apiBase, ctx.emulator.key);
    settings.values = { ...settings.values, timeoutSeconds: 1 };
    secrets.hanging.get = true;
    const outcome = await checks.check('background');
    assert.equal(secrets.held, 1, 'the prompt is still open');
    const first = outcome.kind === 'report' ? outcome.report.diagnoses[0] : undefined;
    assert.equal(first?.code, 'key-store-unavailable');
    assert.match(first?.detail ?? '', /no answer within 1 s/);
    assert.equal(ctx.emulator.requests.length, 0);
    assert.equal(checks.running, undefined, 'no spinner left');
    secrets.release();
  });

  it('the redactor learns the key from the store: the log never holds it', async () => {
    const { checks, log, redactor } = services(ctx.emulator.apiBase, ctx.emulator.key);
    await checks.check('full');
    assert.equal(redactor.redact(`x ${ctx.emulator.key} y`).includes(ctx.emulator.key.slice(20)), false);
    assert.ok(log.lines.length > 0);
  });
});

describe('health monitor (fake clock, in-memory settings and focus)', function () {
  this.timeout(20_000);
  const ctx = useEmulator();

  function monitor(intervalSeconds = 300) {
    const s = services(ctx.emulator.apiBase, ctx.emulator.key);
    s.settings.values = { ...s.settings.values, intervalSeconds };
    const clock = new FakeClock();
    const focus = new FakeFocus(true);
    const health = new HealthMonitor({ checks: s.checks, settings: s.settings, keys: s.keys, focus, clock });
    return { ...s, clock, focus, health };
  }

  it('a save writes three values as one change and is checked once', async () => {
    const { settings, clock, health, checks, events } = monitor();
    const first = nextOutcome(checks);
    health.start();
    await clock.advance(0);
    await first;
    await flush();
    ctx.emulator.reset();
    const mark = events.length;
    await settings.writeConnection({ baseUrl: ctx.emulator.apiBase, fullUrl: false, model: 'gpt-5.4-mini' });
    // A burst of changes (Settings UI edits) settles into one check too.
    settings.change({ model: 'gpt-5.5' });
    settings.change({ model: 'gpt-5.6-terra' });
    const checked = nextOutcome(checks);
    await clock.advance(TRIGGER_SETTLE_MS);
    assert.equal((await checked).kind, 'reported');
    // The check has ended: a second one asked for meanwhile would start now, on the clock's next step.
    await flush();
    await clock.advance(TRIGGER_SETTLE_MS);
    assert.deepEqual(kindsSince(events, mark), ['started', 'reported']);
    assert.equal(ctx.emulator.countRoute('models'), 1);
    health.dispose();
  });

  it('interval 0: no background check runs, and the plan says so', async () => {
    const { clock, health, events } = monitor(0);
    health.start();
    await clock.advance(3_600_000);
    assert.deepEqual(events, [], 'no check started in an hour');
    assert.equal(ctx.emulator.requests.length, 0);
    assert.equal(health.enabled, false);
    assert.equal(health.nextAt, undefined);
    health.dispose();
  });

  it('a failing key store does not stop the schedule: it retries, and works once the store is back', async () => {
    const { clock, health, secrets, checks } = monitor();
    secrets.failing.get = true;
    health.start();
    await clock.advance(0);
    await flush();
    assert.equal(checks.last?.report.diagnoses[0]?.code, 'key-store-unavailable');
    secrets.failing.get = false;
    await clock.advance(FAILING_RETRY_MS);
    await flush();
    assert.equal(checks.last?.report.verdict, 'ok');
    health.dispose();
  });

  it('cancelling a check on a hung pool restores the last answer at once and starts nothing (defect: cancel left a spinner and a new check)', async () => {
    const { clock, health, checks, events } = monitor();
    const first = nextOutcome(checks);
    health.start();
    await clock.advance(0);
    await first;
    await flush();
    const before = checks.last;
    assert.equal(before?.report.verdict, 'ok');
    ctx.emulator.reset();
    applyScenario(ctx.emulator, 'hang');
    const controller = new AbortController();
    const pending = checks.check('full', { signal: controller.signal });
    await until('the hung request at the pool', () => ctx.emulator.inFlightOf('models') > 0);
    assert.equal(checks.running?.mode, 'full', 'the check was in flight');
    controller.abort();
    assert.equal((await pending).kind, 'cancelled');
    assert.equal(checks.running, undefined, 'no spinner');
    assert.equal(checks.last, before, 'the last answer is shown again');
    assert.equal(events.at(-1)?.kind, 'cancelled');
    const mark = events.length;
    // Past the settle time of any trigger: a check started by the cancellation would be started by now.
    await flush();
    await clock.advance(TRIGGER_SETTLE_MS * 4);
    assert.deepEqual(kindsSince(events, mark), [], 'nothing new was started');
    health.dispose();
  });

  it('a failing Check Connection makes the background retry after a minute, for free', async () => {
    const { clock, health, checks } = monitor();
    health.start();
    await clock.advance(0);
    await flush();
    applyScenario(ctx.emulator, 'down');
    await checks.check('full');
    assert.equal(health.nextAt, clock.now() + FAILING_RETRY_MS);
    health.dispose();
  });
});

describe('security: a Pool key in the URL or model setting', function () {
  this.timeout(20_000);
  const ctx = useEmulator();

  it('is never sent or shown: the check says which setting holds it, first, and sends nothing with it', async () => {
    const s = services(ctx.emulator.apiBase, ctx.emulator.key);
    // What VscodeSettings.read() gives for a key pasted into codexPooler.model: the value read as empty.
    s.settings.values = { ...s.settings.values, model: '', secretIn: ['model'] };
    const outcome = await s.checks.check('full');
    assert.equal(outcome.kind, 'report');
    if (outcome.kind !== 'report') return;
    assert.equal(outcome.report.diagnoses[0]?.code, 'secret-in-setting');
    assert.equal(outcome.report.diagnoses[0]?.action, 'moveSecret');
    assert.equal(outcome.report.verdict, 'error');
    assert.equal(ctx.emulator.countRoute('chat'), 0, 'no chat request with an empty or secret model');
    assert.ok(ctx.emulator.requests.every((r) => !r.body.includes(ctx.emulator.key.slice(20))));
  });
});
