import * as assert from 'node:assert/strict';
import { MAX_MODELS_BODY } from '../../src/core/pool/poolClient';
import { garbageCollector, memoryInUse, peakGrowthMb } from '../emulator/memory';
import { startEmulatorProcess, type EmulatorProcess } from '../emulator/process';
import { clientFor, endpointOf } from './helpers';

describe('memory under a huge body', function () {
  this.timeout(60_000);
  // In its own process: the server's send buffers must not count as this process's memory.
  let pool: EmulatorProcess;
  before(async () => {
    pool = await startEmulatorProcess();
  });
  after(() => pool.stop());

  it('bodies far over the cap are cut off: memory grows by about twice the cap at most', async () => {
    await pool.scenario('huge-body');
    const call = { endpoint: endpointOf(pool.apiBase), key: pool.key };
    await clientFor().listModels(call);
    const collect = garbageCollector();
    collect();
    const start = memoryInUse();
    const peaks: number[] = [];
    for (let i = 0; i < 5; i++) {
      peaks.push(
        await peakGrowthMb(async () => {
          const result = await clientFor().listModels(call);
          assert.ok(!result.ok && result.failure.kind === 'transport' && result.failure.reason === 'too-large');
        }, collect),
      );
    }
    collect();
    const retained = (memoryInUse() - start) / 2 ** 20;
    // A 64 MB body each time: reading one would take 64 MB. The cap is MAX_MODELS_BODY (4 MiB): what
    // was read up to it, plus as much again in socket buffers and garbage not yet collected.
    const shown = peaks.map((p) => p.toFixed(1)).join(', ');
    const capMb = MAX_MODELS_BODY / 2 ** 20;
    assert.ok(Math.max(...peaks) < 2 * capMb + 2, `memory peaked ${shown} MB over the baseline (cap ${capMb} MiB)`);
    // Keeping the five bodies read up to the cap would leave 20 MB; the rest is heap noise of a test process.
    assert.ok(retained < 2 * capMb + 2, `${retained.toFixed(1)} MB retained after five bodies`);
  });
});
