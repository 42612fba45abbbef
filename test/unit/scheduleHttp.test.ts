// A simulated day of background health against the emulator over real HTTP: the fake clock decides
// when checks run, the emulator counts what actually arrived.
import * as assert from 'node:assert/strict';
import { checkConnection } from '../../src/core/check/check';
import { healthOfReport } from '../../src/core/check/checkReport';
import { HealthScheduler } from '../../src/core/check/healthSchedule';
import { FakeClock } from './fakes/clock';
import { clientFor, useEmulator } from './helpers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('background health over a simulated day (fake clock, real HTTP to the emulator)', function () {
  this.timeout(60_000);
  const ctx = useEmulator();

  function day(intervalMs = 5 * MINUTE) {
    const clock = new FakeClock();
    const scheduler = new HealthScheduler({
      intervalMs,
      clock,
      focused: true,
      run: clock.track(async () =>
        healthOfReport(
          await checkConnection(
            {
              baseUrl: ctx.emulator.apiBase,
              fullUrl: false,
              model: 'gpt-5.5',
              key: ctx.emulator.key,
              mode: 'background',
            },
            { client: clientFor(2000) },
          ),
        ),
      ),
    });
    return { clock, scheduler };
  }

  it('24 healthy hours: exactly the planned GET /v1/models requests, nothing else', async () => {
    const { clock, scheduler } = day();
    scheduler.start();
    await clock.advance(24 * HOUR);
    assert.deepEqual(ctx.emulator.counts(), { 'GET /v1/models': 24 * 12 + 1, 'GET /v1/usage': 24 * 12 + 1 });
    scheduler.dispose();
  });

  it('zero requests while the window is unfocused, and the missed check on return', async () => {
    const { clock, scheduler } = day();
    scheduler.start();
    await clock.advance(8 * HOUR);
    const before = ctx.emulator.requests.length;
    const modelsBefore = ctx.emulator.countRoute('models');
    scheduler.setFocused(false);
    await clock.advance(14 * HOUR);
    assert.equal(ctx.emulator.requests.length, before, 'requests while unfocused');
    scheduler.setFocused(true);
    await clock.advance(0);
    assert.equal(ctx.emulator.requests.length, before + 2, 'one free check: models and usage');
    await clock.advance(2 * HOUR);
    assert.equal(ctx.emulator.countRoute('models'), modelsBefore + 1 + 24);
    assert.equal(ctx.emulator.countRoute('chat'), 0);
    scheduler.dispose();
  });

  it('a failing pool: one free check a minute (60 in an hour), never a chat; back to normal once it recovers', async () => {
    ctx.emulator.keys.set(ctx.emulator.key, { status: 'disabled' });
    const { clock, scheduler } = day();
    scheduler.start();
    await clock.advance(HOUR - 1);
    assert.equal(ctx.emulator.countRoute('models'), 60, 'checks in a failing hour');
    ctx.emulator.keys.set(ctx.emulator.key, { status: 'active' });
    await clock.advance(MINUTE);
    const recovered = ctx.emulator.countRoute('models');
    assert.equal(recovered, 61, 'green within the minute');
    await clock.advance(HOUR);
    assert.equal(ctx.emulator.countRoute('models') - recovered, 12, 'back to every 5 minutes');
    assert.equal(ctx.emulator.countRoute('chat'), 0);
    assert.deepEqual(
      [...new Set(ctx.emulator.requests.map((r) => `${r.method} ${r.path}`))].sort(),
      ['GET /v1/models', 'GET /v1/usage'],
      'only free requests',
    );
    scheduler.dispose();
  });
});
