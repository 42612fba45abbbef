// Entry point the extension host loads as extensionTestsPath: runs the self-test specs with mocha.
const path = require('node:path');
const vscode = require('vscode');
const { runMochaSuite } = require('../../mochaSuite.cjs');

// Resolves when every test passed; rejects otherwise (the workbench then reports exit code 1).
function run() {
  return runMochaSuite({
    files: [path.join(__dirname, 'selftest.spec.js')],
    timeout: 20_000,
    vscodeVersion: vscode.version,
  });
}

module.exports = { run };
