// Runs in the real extension host: measures dist/extension.js's activate() (npm run bench).
const path = require('node:path');
const vscode = require('vscode');
const { runMochaSuite } = require(path.resolve(__dirname, '../../host/mochaSuite.cjs'));

exports.run = () =>
  runMochaSuite({
    files: [path.join(__dirname, 'activation.bench.js')],
    timeout: 120_000,
    vscodeVersion: vscode.version,
  });
