// Runs mocha inside the VS Code extension host and writes the results JSON that runExtensionTests.mjs reads.
// CommonJS on purpose: the extension host loads extensionTestsPath with require().
// Use from a suite index:  exports.run = () => require('<repo>/test/host/mochaSuite.cjs')
//   .runMochaSuite({ files: [...absolute spec paths], vscodeVersion: require('vscode').version })
// Results format (schema "vscode-host-test-results/1") is documented in runExtensionTests.mjs.
const fs = require('node:fs');
const path = require('node:path');

// The repository root: this file lives in <repo>/test/host/.
const repoRoot = path.resolve(__dirname, '..', '..');

// mocha by absolute path: the extension host's require() would search from the extension folder, not the repo.
// mocha 12 is an ES module whose CommonJS build is lib/mocha.cjs; older mochas are CommonJS at the package root.
function loadMocha() {
  const root = process.env.HOST_TEST_MOCHA_DIR || path.join(repoRoot, 'node_modules', 'mocha');
  const cjsBuild = path.join(root, 'lib', 'mocha.cjs');
  return require(fs.existsSync(cjsBuild) ? cjsBuild : root);
}

// Runs the spec files; resolves when all passed, rejects with a summary otherwise.
// Pass vscodeVersion (require('vscode').version from the suite): a require('vscode') from this file, which is
// outside any extension folder, works but makes the extension host log a long warning.
async function runMochaSuite({
  files,
  timeout = 20_000,
  grep,
  ui = 'bdd',
  vscodeVersion = null,
  resultsFile = process.env.VSCODE_TEST_RESULTS_FILE,
} = {}) {
  const startedAt = new Date();
  const results = {
    schema: 'vscode-host-test-results/1',
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    durationMs: 0,
    vscodeVersion,
    passes: 0,
    failures: 0,
    pending: 0,
    total: 0,
    tests: [],
  };
  try {
    const Mocha = loadMocha();
    // No colors: mocha's output reaches the browser console, where escape codes are noise.
    const mocha = new Mocha({ ui, timeout, color: false, reporter: 'spec', grep: process.env.HOST_TEST_GREP || grep });
    for (const file of files) mocha.addFile(path.resolve(file));
    await mocha.loadFilesAsync(); // loads .js, .cjs and .mjs specs alike
    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => record(results, test, 'passed'));
      runner.on('fail', (test, error) => record(results, test, 'failed', error));
      runner.on('pending', (test) => record(results, test, 'pending'));
    });
  } catch (error) {
    // A spec that fails to load (syntax error, missing module) counts as one failed test.
    record(results, { title: 'load test files', fullTitle: () => 'load test files', duration: 0 }, 'failed', error);
  }
  const finishedAt = new Date();
  results.finishedAt = finishedAt.toISOString();
  results.durationMs = finishedAt - startedAt;
  writeResults(resultsFile, results);
  if (results.failures > 0) throw new Error(`${results.failures} of ${results.total} host tests failed`);
  return results;
}

// Adds one test (or failed hook) to the results and bumps its counter.
function record(results, test, state, error) {
  const entry = {
    title: test.title,
    fullTitle: test.fullTitle(),
    file: test.file,
    state,
    durationMs: test.duration ?? 0,
  };
  if (error) entry.error = describeError(error);
  results.tests.push(entry);
  results.total++;
  if (state === 'passed') results.passes++;
  else if (state === 'failed') results.failures++;
  else results.pending++;
}

// A JSON-safe view of an error: assertion errors keep actual/expected as strings.
function describeError(error) {
  const described = { message: String(error?.message ?? error), stack: String(error?.stack ?? '') };
  if (error && 'actual' in error) described.actual = safeString(error.actual);
  if (error && 'expected' in error) described.expected = safeString(error.expected);
  return described;
}

function safeString(value) {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

// Writes atomically (temp file + rename) so the launcher never reads half a file.
function writeResults(resultsFile, results) {
  if (!resultsFile) {
    console.warn('[host] VSCODE_TEST_RESULTS_FILE is not set: results JSON not written');
    return;
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(`${resultsFile}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${resultsFile}.tmp`, resultsFile);
}

module.exports = { runMochaSuite };
