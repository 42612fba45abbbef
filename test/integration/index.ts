// Entry point the extension host loads as extensionTestsPath: runs every *.test.js here with mocha
// inside the real extension host (see test/host/runExtensionTests.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(__dirname, f));
  const suite = require(path.resolve(__dirname, '../../../test/host/mochaSuite.cjs')) as { runMochaSuite(o: object): Promise<void> };
  return suite.runMochaSuite({ files, timeout: 30_000, vscodeVersion: vscode.version });
}
