// The bench's "Test every model" part (issue 24.3), plain Node against the emulator with the real check
// (list, chat, usage) and the wizard's runner (src/wizard/checks/everyModel.ts): 10 models, 300 ms of
// injected latency on each chat. `npm run bench` runs it with the rest; alone, after `npm run compile-tests`:
// `node scripts/bench-every-model.mjs`. Budget: the whole run within 1.5 x the time of its batches run back
// to back at the slowest batch's pace (10 models, 3 at once: 4 batches), i.e. running 3 at once pays off
// and nothing waits on anything but the pool.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const MODELS = 10;
const CHAT_LATENCY_MS = 300;
const ROUNDS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureEveryModel({ out, emulator, say }) {
  const load = (file) => require(path.join(out, file));
  const { CheckService } = load('src/services/checkService.js');
  const { PoolKeyStore } = load('src/services/keyStore.js');
  const { Redactor } = load('src/services/redactor.js');
  const { createNodeTransport } = load('src/core/http/node/nodeTransport.js');
  const { EveryModelTest, EVERY_MODEL_AT_ONCE } = load('src/wizard/checks/everyModel.js');
  const { FakeSettings } = load('test/unit/fakes/settings.js');
  const { FakeSecretStorage } = load('test/unit/fakes/secretStorage.js');
  const { FakeLog } = load('test/unit/fakes/log.js');
  const { loadCheckEngine } = load('test/unit/fakes/checkEngine.js');

  say(`"Test every model": ${MODELS} models, ${CHAT_LATENCY_MS} ms per chat, ${EVERY_MODEL_AT_ONCE} at once…`);
  emulator.reset();
  const ids = Array.from({ length: MODELS }, (_, i) => `bench-model-${i}`);
  emulator.models = ids.map((id) => ({ id, display_name: id, input_modalities: ['text'], context_length: 128000 }));
  emulator.upstream.delayMs = CHAT_LATENCY_MS;
  const secrets = new FakeSecretStorage();
  secrets.values.set('codexPooler.poolApiKey', emulator.key);
  const settings = new FakeSettings({ baseUrl: emulator.apiBase, model: ids[0], timeoutSeconds: 30 });
  const checks = new CheckService({
    engine: loadCheckEngine,
    settings,
    keys: new PoolKeyStore(secrets, new Redactor(), () => 30_000),
    log: new FakeLog(),
    transport: createNodeTransport(),
    userAgent: 'bench',
    proxyFor: () => undefined,
  });
  const test = (draft, signal) =>
    checks.checkDraft('full', { baseUrl: draft.url, fullUrl: draft.fullUrl, model: draft.modelId }, { signal });
  const draft = { url: emulator.apiBase, fullUrl: false, modelId: ids[0], moreModels: ids.slice(1) };
  const inputs = { url: draft.url, fullUrl: false, keyFingerprint: 'bench', models: ids };
  const signal = new AbortController().signal;

  const batches = [];
  for (let i = 0; i < ids.length; i += EVERY_MODEL_AT_ONCE) batches.push(ids.slice(i, i + EVERY_MODEL_AT_ONCE));
  const slowestBatch = [];
  const whole = [];
  let verdicts = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Each batch alone: 3 checks at once, the time of the slowest of them.
    const times = [];
    for (const batch of batches) {
      const t0 = performance.now();
      await Promise.all(batch.map((modelId) => test({ ...draft, modelId, moreModels: undefined }, signal)));
      times.push(performance.now() - t0);
    }
    slowestBatch.push(Math.max(...times));
    // The whole run, as the wizard's button runs it.
    const every = new EveryModelTest({ test, inputs: () => inputs, onChange: () => undefined, log: new FakeLog() });
    const t0 = performance.now();
    await every.run(draft);
    whole.push(performance.now() - t0);
    verdicts = every.rows.map((r) => r.report?.verdict ?? r.status);
  }
  const maxChatsAtOnce = emulator.maxInFlight.chat ?? 0;
  emulator.reset();
  const slowestBatchMs = median(slowestBatch);
  const wholeMs = median(whole);
  const budgetMs = 1.5 * batches.length * slowestBatchMs;
  const results = {
    models: MODELS,
    chatLatencyMs: CHAT_LATENCY_MS,
    atOnce: EVERY_MODEL_AT_ONCE,
    batches: batches.length,
    slowestBatchMedianMs: +slowestBatchMs.toFixed(0),
    wholeRunMedianMs: +wholeMs.toFixed(0),
    budgetMs: +budgetMs.toFixed(0),
    ratioToBatchesBackToBack: +(wholeMs / (batches.length * slowestBatchMs)).toFixed(2),
    maxChatsAtOnce,
    allPassed: verdicts.every((v) => v === 'ok'),
  };
  const rows = [
    [
      `"Test every model", ${MODELS} models, ${CHAT_LATENCY_MS} ms each (ms)`,
      `${results.wholeRunMedianMs}`,
      `<= ${results.budgetMs} (1.5 x ${batches.length} batches x slowest batch ${results.slowestBatchMedianMs} ms)`,
    ],
    ['  chats at once (most seen by the pool)', `${maxChatsAtOnce}`, `<= ${EVERY_MODEL_AT_ONCE}`],
  ];
  return { results, rows };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(process.env.BENCH_OUT ?? root, 'out');
  const { startEmulator } = require(path.join(out, 'test/emulator/server.js'));
  const { printRows } = await import('./bench-simulated.mjs');
  const emulator = await startEmulator();
  const { results, rows } = await measureEveryModel({ out, emulator, say: (l) => console.log(`[bench] ${l}`) });
  await emulator.stop();
  const outDir = path.join(root, 'bench-output');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'bench-every-model.json'), JSON.stringify(results, null, 2));
  printRows(rows);
  console.log(JSON.stringify(results));
}
