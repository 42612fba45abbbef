// The bench's simulated-time parts (fake clock, real HTTP to the emulator, plain Node, no editor): background
// requests per hour (with 1 model and with 10 models chosen: the same), how fast the status bar follows a pool that dies and comes back, and the watch over
// Trae's request. `npm run bench` runs them with the rest; alone, after `npm run compile-tests`:
// `node scripts/bench-simulated.mjs` (BENCH_OUT=<dir holding out/> measures another build).
// Budgets: a pool back after any outage is green within 60 s, worst case over every second of dying, with
// at most 60 GET /v1/models an hour while it fails; the watch: chat end -> shown median <= 4 s, worst
// <= 6 s; <= 12 usage readings a minute with the wizard and the palette command watching and "Watch again"
// pressed 20 times; 0 chats; nothing after the first confirmation or 10 minutes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const MINUTE = 60_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The most moments of `times` within any window of `ms` (half-open). */
const mostWithin = (times, ms) => Math.max(0, ...times.map((t0) => times.filter((t) => t >= t0 && t < t0 + ms).length));

export async function measureSimulated({ out, emulator, say = () => undefined }) {
  const load = (file) => require(path.join(out, file));
  const { checkConnection } = load('src/core/check/check.js');
  const { PoolClient } = load('src/core/pool/poolClient.js');
  const { createNodeTransport } = load('src/core/http/node/nodeTransport.js');
  const { HealthScheduler } = load('src/core/check/healthSchedule.js');
  const { healthOfReport } = load('src/core/check/checkReport.js');
  const { FakeClock } = load('test/unit/fakes/clock.js');
  const { applyScenario } = load('test/emulator/server.js');
  const client = new PoolClient({ transport: createNodeTransport(), timeoutMs: 10_000, userAgent: 'bench' });
  /** moreModels: the further models in Trae (issue 24); the same one model list answers for all of them. */
  const backgroundCheck = (moreModels = []) =>
    checkConnection(
      {
        baseUrl: emulator.apiBase,
        fullUrl: false,
        model: 'gpt-5.5',
        moreModels,
        key: emulator.key,
        mode: 'background',
      },
      { client },
    );

  // ------------------------------------------------------------ background requests per hour
  const INTERVAL_MS = 300_000;
  async function simulatedHours(hours, prepare, moreModels = []) {
    emulator.reset();
    prepare();
    const clock = new FakeClock();
    const scheduler = new HealthScheduler({
      intervalMs: INTERVAL_MS,
      clock,
      focused: true,
      run: clock.track(async () => healthOfReport(await backgroundCheck(moreModels))),
    });
    scheduler.start();
    await clock.advance(hours * 3_600_000);
    scheduler.dispose();
    const counts = emulator.counts();
    return Object.fromEntries(Object.entries(counts).map(([route, n]) => [route, +(n / hours).toFixed(2)]));
  }
  say('background requests per simulated hour…');
  const background = {
    intervalSeconds: INTERVAL_MS / 1000,
    healthyPerHour: await simulatedHours(24, () => {}),
    failingPerHour: await simulatedHours(24, () => emulator.keys.set(emulator.key, { status: 'disabled' })),
  };
  // 10 models in Trae (the main one and 9 more, all offered; then one of them gone): the same requests as with 1.
  const nineMore = ['gpt-5.6-terra', 'gpt-5.4-mini', ...Array.from({ length: 7 }, (_, i) => `bench-model-${i}`)];
  const offerAll = () => emulator.models.push(...nineMore.slice(2).map((id) => ({ id, input_modalities: ['text'] })));
  background.tenModelsPerHour = await simulatedHours(24, offerAll, nineMore);
  background.tenModelsOneGonePerHour = await simulatedHours(
    24,
    () => (offerAll(), emulator.removeModel('gpt-5.4-mini')),
    nineMore,
  );

  // ------------------------------------------------------------ recovery: pool dies -> red, returns -> green
  // The window focused, the default interval. The pool dies at some moment between two checks, stays down
  // (HTML 502 on every path, like a reverse proxy in front of a stopped pool) for a while, then comes back.
  // How long green takes depends on where the failing retries stand when it comes back, so every outage is
  // measured at every second of dying between two checks, and the WORST case is reported (and the median).
  // Counted too: the requests that reached the pool while it was down, and the most GET /v1/models in any
  // hour of it.
  async function recovery(outageMs, dieAfterCheckMs) {
    emulator.reset();
    const clock = new FakeClock();
    // When each check ran and what it found: red is the first failing answer after dying, green the first
    // healthy one after coming back (the status bar paints each answer as it lands).
    const answers = [];
    const scheduler = new HealthScheduler({
      intervalMs: INTERVAL_MS,
      clock,
      focused: true,
      run: clock.track(async () => {
        const at = clock.now();
        const health = healthOfReport(await backgroundCheck());
        answers.push({ at, health });
        return health;
      }),
    });
    scheduler.start();
    await clock.advance(dieAfterCheckMs);
    applyScenario(emulator, 'down');
    const diedAt = clock.now();
    const before = emulator.counts();
    await clock.advance(outageMs);
    const during = emulator.counts();
    emulator.reset();
    const backAt = clock.now();
    while (!answers.some((a) => a.at >= backAt && a.health === 'ok')) await clock.advance(10_000);
    scheduler.dispose();
    const red = answers.find((a) => a.at >= diedAt && a.health === 'failing');
    const green = answers.find((a) => a.at >= backAt && a.health === 'ok');
    const whileDown = answers.filter((a) => a.at >= diedAt && a.at < backAt).map((a) => a.at);
    const sent = (route) => (during[route] ?? 0) - (before[route] ?? 0);
    // Not seen red at all: the outage fell between two checks (nothing to recover from on the bar).
    return red === undefined
      ? undefined
      : {
          redAfterS: Math.round((red.at - diedAt) / 1000),
          greenAfterS: Math.round((green.at - backAt) / 1000),
          modelsWhileDown: sent('GET /v1/models'),
          usageWhileDown: sent('GET /v1/usage'),
          chatsWhileDown: sent('POST /v1/chat/completions'),
          modelsMostInAnHour: mostWithin(whileDown, 60 * MINUTE),
        };
  }
  const OUTAGES_S = [30, 60, 120, 600, 3600];
  // Dying at every second between two checks, so the worst moment against the retries is among them.
  const DIE_AFTER_S = Array.from({ length: INTERVAL_MS / 1_000 - 1 }, (_, i) => i + 1);
  const recoveries = {};
  for (const s of OUTAGES_S) {
    say(`pool down ${s} s, dying at each of ${DIE_AFTER_S.length} moments…`);
    const runs = [];
    for (const after of DIE_AFTER_S) {
      const run = await recovery(s * 1000, after * 1000);
      if (run) runs.push(run);
    }
    const greens = runs.map((r) => r.greenAfterS);
    const most = (key) => Math.max(...runs.map((r) => r[key]));
    recoveries[s] = {
      runs: runs.length,
      greenWorstS: Math.max(...greens),
      greenMedianS: median(greens),
      modelsWhileDownMost: most('modelsWhileDown'),
      usageWhileDownMost: most('usageWhileDown'),
      chatsWhileDown: most('chatsWhileDown'),
      modelsMostInAnHour: most('modelsMostInAnHour'),
    };
  }
  // Dies right after a check: the longest it stays green while the pool is down.
  const dies = await recovery(INTERVAL_MS + 60_000, 1_000);
  const redWorstS = dies.redAfterS;

  // ------------------------------------------------------------ the watch over Trae's request
  say("the watch over Trae's request…");
  const traeConfirmed = await measureWatch({ out, emulator });

  const rows = [
    ['background requests per hour, healthy pool', JSON.stringify(background.healthyPerHour), ''],
    [
      'background requests per hour, 10 models chosen (all offered / one gone)',
      `${JSON.stringify(background.tenModelsPerHour)} / ${JSON.stringify(background.tenModelsOneGonePerHour)}`,
      'the same as with 1',
    ],
    [
      'background requests per hour, failing pool (a retry every minute)',
      JSON.stringify(background.failingPerHour),
      '<= 60 GET /v1/models',
    ],
    [
      `pool dies -> red (interval ${background.intervalSeconds} s; worst case: right after a check)`,
      `${redWorstS} s`,
      '<= interval',
    ],
    ...OUTAGES_S.map((s) => [
      `pool back after ${s >= 60 ? `${s / 60} min` : `${s} s`} down -> green, worst (median) of ${recoveries[s].runs} moments`,
      `${recoveries[s].greenWorstS} s (${recoveries[s].greenMedianS} s)`,
      '<= 60 s',
    ]),
    ...OUTAGES_S.map((s) => [
      `  requests while ${s >= 60 ? `${s / 60} min` : `${s} s`} down (most): models / usage / chat; models in an hour`,
      `${recoveries[s].modelsWhileDownMost} / ${recoveries[s].usageWhileDownMost} / ${recoveries[s].chatsWhileDown}; ${recoveries[s].modelsMostInAnHour}`,
      '0 chat; <= 60',
    ]),
    ...watchRows(traeConfirmed),
  ];
  return { results: { background, recoveries, redWorstS, traeConfirmed }, rows };
}

/** The wizard's last step and the palette command watching the pool's usage (TraeWatch over the shared reader). */
export async function measureWatch({ out, emulator }) {
  const load = (file) => require(path.join(out, file));
  const { createNodeTransport } = load('src/core/http/node/nodeTransport.js');
  const { FakeClock } = load('test/unit/fakes/clock.js');
  const { PoolKeyStore } = load('src/services/keyStore.js');
  const { Redactor } = load('src/services/redactor.js');
  const { OwnTraffic } = load('src/services/ownTraffic.js');
  const { TraeWatch } = load('src/services/traeWatch.js');
  const { SharedUsageReader, usageReader } = load('src/services/usageReader.js');
  const { FakeSettings } = load('test/unit/fakes/settings.js');
  const { FakeSecretStorage } = load('test/unit/fakes/secretStorage.js');
  const { chatAsTrae } = load('test/emulator/asTrae.js');

  // One window: one reader, any number of watchers. Each reading is real HTTP: the fake clock waits for the
  // ones its timers start; a reading a start() begins at once is awaited by begin().
  async function windowWorld() {
    emulator.reset();
    const keys = new PoolKeyStore(new FakeSecretStorage(), new Redactor());
    await keys.store(emulator.key);
    const settings = new FakeSettings({ baseUrl: emulator.apiBase, model: 'gpt-5.5', timeoutSeconds: 10 });
    const clock = new FakeClock();
    const own = new OwnTraffic(() => clock.now());
    const readUsage = usageReader({ settings, keys, transport: createNodeTransport(), userAgent: 'bench' });
    const began = [];
    let last;
    const reader = new SharedUsageReader({
      clock,
      read: (signal) => {
        began.push(clock.now());
        return (last = clock.track(() => readUsage(signal))());
      },
    });
    const watchers = [];
    const watcher = () => {
      const watch = new TraeWatch({ clock, usage: reader, ownTraffic: own });
      watchers.push(watch);
      return watch;
    };
    const settle = async () => {
      await last?.catch(() => undefined);
      await new Promise((r) => setImmediate(r));
    };
    const begin = async (watch) => {
      watch.start();
      await settle();
    };
    const stop = () => {
      for (const w of watchers) w.dispose();
      reader.dispose();
    };
    return { clock, began, watcher, begin, stop };
  }

  const confirmSeen = [];
  for (let offsetMs = 250; offsetMs < 5_000; offsetMs += 250) {
    const w = await windowWorld();
    const watch = w.watcher();
    await w.begin(watch);
    await w.clock.advance(10_000);
    await w.clock.advance(offsetMs);
    const t0 = performance.now();
    const played = await chatAsTrae(emulator.apiBase, emulator.key, 'gpt-5.5');
    if (played.status !== 200) throw new Error(`playing Trae failed: ${played.status}`);
    const realMs = performance.now() - t0;
    const endedAt = w.clock.now();
    while (watch.state.phase !== 'arrived' && w.clock.now() - endedAt < 60_000) await w.clock.advance(50);
    if (watch.state.phase !== 'arrived') throw new Error('the watch never saw Trae');
    confirmSeen.push(w.clock.now() - endedAt + realMs);
    w.stop();
  }
  // The wizard and the palette command both watching, and "Watch again" pressed 20 times: once every 3 s,
  // then 20 times at once. Readings counted by when they began (simulated time) and at the emulator.
  const together = await (async () => {
    const w = await windowWorld();
    const wizard = w.watcher();
    const palette = w.watcher();
    await w.begin(wizard);
    await w.clock.advance(2_500);
    await w.begin(palette);
    await w.clock.advance(MINUTE);
    for (let press = 0; press < 20; press++) {
      await w.begin(wizard);
      await w.clock.advance(3_000);
    }
    for (let press = 0; press < 20; press++) wizard.start();
    await w.clock.advance(3 * MINUTE);
    const result = {
      mostInAMinute: mostWithin(w.began, MINUTE),
      shortestGapMs: Math.min(...w.began.slice(1).map((t, i) => t - w.began[i])),
      usageRequests: emulator.countRoute('usage'),
      simulatedMinutes: w.clock.now() / MINUTE,
      chats: emulator.countRoute('chat'),
    };
    w.stop();
    return result;
  })();
  const quiet = await (async () => {
    const w = await windowWorld();
    const watch = w.watcher();
    await w.begin(watch);
    await w.clock.advance(10 * 60_000 + 1_000);
    const atLimit = emulator.countRoute('usage');
    const phase = watch.state.phase;
    await w.clock.advance(10 * 60_000);
    const after = emulator.countRoute('usage') - atLimit;
    w.stop();
    return { phase, readsAfter: after };
  })();
  const confirmedEarly = await (async () => {
    const w = await windowWorld();
    const watch = w.watcher();
    await w.begin(watch);
    await w.clock.advance(60_000);
    await chatAsTrae(emulator.apiBase, emulator.key, 'gpt-5.5');
    while (watch.state.phase !== 'arrived') await w.clock.advance(1_000);
    const atConfirm = emulator.countRoute('usage');
    await w.clock.advance(10 * 60_000);
    const after = emulator.countRoute('usage') - atConfirm;
    w.stop();
    return { readsAfter: after };
  })();
  return {
    chatEndToShownMs: { median: median(confirmSeen), worst: Math.max(...confirmSeen), moments: confirmSeen.length },
    usageReadsPerMinuteMax: together.mostInAMinute,
    watchingTogether: together,
    chatsSentByWatch: together.chats,
    readsAfterTenMinutes: quiet.readsAfter,
    stoppedAfterTenMinutes: quiet.phase,
    readsAfterConfirmation: confirmedEarly.readsAfter,
  };
}

function watchRows(t) {
  return [
    [
      `Trae's chat ends -> the last step shows it, median (worst) of ${t.chatEndToShownMs.moments} moments`,
      `${(t.chatEndToShownMs.median / 1000).toFixed(1)} s (${(t.chatEndToShownMs.worst / 1000).toFixed(1)} s)`,
      '<= 4 s (6 s)',
    ],
    [
      'wizard + palette command watching, "Watch again" x20 (twice): GET /v1/usage in any minute (most) / chats',
      `${t.usageReadsPerMinuteMax} / ${t.chatsSentByWatch}`,
      '<= 12 / 0',
    ],
    [
      'readings after the confirmation / after 10 minutes without one',
      `${t.readsAfterConfirmation} / ${t.readsAfterTenMinutes} (${t.stoppedAfterTenMinutes})`,
      '0 / 0',
    ],
  ];
}

export function printRows(rows) {
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'measure'.padEnd(width)}  ${'value'.padEnd(14)}  budget`);
  for (const [name, value, budget] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(14)}  ${budget}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(process.env.BENCH_OUT ?? root, 'out');
  const { startEmulator } = require(path.join(out, 'test/emulator/server.js'));
  const emulator = await startEmulator();
  const t0 = performance.now();
  const { results, rows } = await measureSimulated({ out, emulator, say: (l) => console.log(`[bench] ${l}`) });
  await emulator.stop();
  const outDir = path.join(root, 'bench-output');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'bench-simulated.json'), JSON.stringify(results, null, 2));
  printRows(rows);
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s) written: bench-output/bench-simulated.json`);
}
