// Runs in the real extension host with the extension itself: link -> prefilled wizard (npm run bench).
const path = require('node:path');
const vscode = require('vscode');
const { runMochaSuite } = require(path.resolve(__dirname, '../../host/mochaSuite.cjs'));

exports.run = () =>
  runMochaSuite({
    files: [path.join(__dirname, 'link.bench.js')],
    timeout: 300_000,
    vscodeVersion: vscode.version,
  });
