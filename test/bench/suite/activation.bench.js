// Activation cost of the built extension in a real extension host. Each round loads dist/extension.js
// afresh (module cache cleared: parse + evaluate, as at editor start) and calls activate() with a real
// context; "warm" rounds call activate() again on the loaded module. Everything is disposed in between.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 31);
const repo = path.resolve(__dirname, '../../..');
const bundle = path.join(repo, 'dist', 'extension.js');
const packageJSON = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('activation benchmark', () => {
  it(`activate() of dist/extension.js, ${ROUNDS} rounds`, async () => {
    const harness = await vscode.extensions.getExtension('bench.codex-pooler-bench-harness').activate();
    const real = harness.context;
    const contextFor = () => ({
      subscriptions: [],
      secrets: real.secrets,
      globalState: real.globalState,
      workspaceState: real.workspaceState,
      extensionUri: vscode.Uri.file(repo),
      extensionPath: repo,
      extension: { id: 'codex-pooler-community.codex-pooler-trae', packageJSON },
    });
    const dispose = async (context) => {
      for (const d of context.subscriptions) d.dispose();
      await new Promise((r) => setTimeout(r, 20));
    };
    // The first-run offer is not part of activation: pretend it was shown.
    await real.globalState.update('codexPooler.firstRunOffered', true);

    const cold = [];
    const warm = [];
    for (let i = 0; i < ROUNDS; i++) {
      delete require.cache[require.resolve(bundle)];
      const context = contextFor();
      const t0 = performance.now();
      const { activate } = require(bundle);
      const api = activate(context);
      cold.push(performance.now() - t0);
      assert.equal(typeof api.checkConnection, 'function');
      await dispose(context);

      const again = contextFor();
      const t1 = performance.now();
      activate(again);
      warm.push(performance.now() - t1);
      await dispose(again);
    }
    const result = {
      rounds: ROUNDS,
      loadAndActivateMedianMs: median(cold),
      activateMedianMs: median(warm),
      loadAndActivateMs: cold,
      activateMs: warm,
    };
    fs.writeFileSync(process.env.BENCH_OUTPUT, JSON.stringify(result, null, 2));
  });
});
