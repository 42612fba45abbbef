#!/usr/bin/env node
// npm run test:integration: the extension's integration suite in a real extension host, with what
// its fault tests need: tinyproxy and openssl from Debian, and test certificates (the suite has the
// editor trust their CA the way it trusts system certificates; see test/integration/index.ts).
import { join } from 'node:path';
import { ensureDebianPackages, repoRoot } from '../../scripts/host-tools.mjs';
import { makeTestCerts } from '../../scripts/test-certs.mjs';
import { runExtensionTests } from './runExtensionTests.mjs';

await ensureDebianPackages(['tinyproxy', 'openssl']);
const certs = makeTestCerts();
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
const { exitCode } = await runExtensionTests({
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  env: { CODEX_POOLER_TEST_CERTS: certs.dir },
  // No experiments: their HTTPS request at startup would load the editor's certificates before the
  // suite adds the test CA (VS Code loads them once).
  settings: { 'workbench.enableExperiments': false, 'telemetry.telemetryLevel': 'off' },
});
process.exit(exitCode);
