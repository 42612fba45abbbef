// Entry point the extension host loads as extensionTestsPath: runs every *.test.js here with mocha
// inside the real extension host (see test/host/runExtensionTests.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  trustTestCertificateAuthority();
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(__dirname, f));
  const suite = require(path.resolve(__dirname, '../../../test/host/mochaSuite.cjs')) as {
    runMochaSuite(o: object): Promise<void>;
  };
  return suite.runMochaSuite({ files, timeout: 30_000, vscodeVersion: vscode.version });
}

/**
 * Trusts the test CA the way VS Code trusts system certificates: through its proxy agent's additional
 * certificates, which load test certificates from https.globalAgent.testCertificates when extension
 * tests run. Done before the first HTTPS request, as the agent loads them once.
 */
function trustTestCertificateAuthority(): void {
  const dir = process.env['CODEX_POOLER_TEST_CERTS'];
  if (!dir) return;
  const https = require('node:https') as { globalAgent: { testCertificates?: string[] } };
  https.globalAgent.testCertificates = [fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8')];
}
