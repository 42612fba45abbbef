// `npm run demo`: the whole thing without Trae or a pool. Builds the VSIX, starts the Codex Pooler
// emulator on localhost:4000 (a demo key is printed), and starts code-server on loopback with the
// extension installed; open the printed URL in a browser. Ctrl+C stops everything.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, makeProfile, startCodeServer } from '../test/host/codeServer.mjs';
import { demoBanner } from './demo-banner.mjs';
import { ensureCodeServer } from './host-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (line) => console.log(`[demo] ${line}`);
const npm = (script) =>
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
  });
const portArg = process.argv.find((a) => a.startsWith('--pool-port='));
const poolPort = portArg ? Number(portArg.split('=')[1]) : 4000;

say('building the VSIX and the emulator…');
npm('package');
npm('compile-tests');
const codeServer = await ensureCodeServer();

const { scenarioHelp, startEmulator } = require(path.join(root, 'out/test/emulator/server.js'));
let emulator;
try {
  emulator = await startEmulator({ host: '127.0.0.1', port: poolPort });
} catch (error) {
  console.error(
    `[demo] port ${poolPort} is taken (${error.code ?? error.message}): stop what runs there, or use npm run demo -- --pool-port=4100 and set the Pool URL to match.`,
  );
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const profile = await makeProfile({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
await installVsix(profile, path.join(root, `${pkg.name}-${pkg.version}.vsix`));
const server = await startCodeServer(profile);

const poolUrl = `http://localhost:${emulator.port}/v1`;
console.log(
  demoBanner({
    editorUrl: server.url,
    editorVersion: codeServer.version,
    poolUrl,
    key: emulator.key,
    scenarios: scenarioHelp(emulator.url),
    extraLines: demoExtras(poolUrl, emulator.url),
  }),
);

/** Steps 4 and 5 of the banner: play Trae on the last step, and open a setup link like a teammate. */
function demoExtras(poolUrl, emulatorUrl) {
  const { buildSetupLink } = require(path.join(root, 'out/src/core/trae/setupLink.js'));
  const link = buildSetupLink('code-oss', `${pkg.publisher}.${pkg.name}`, {
    url: poolUrl,
    fullUrl: false,
    modelId: 'gpt-5.4-mini',
  });
  return [
    "4. On the last step, Confirm in Trae, play Trae's chat with the model you chose (here gpt-5.5):",
    `     curl -X POST '${emulatorUrl}/__emulator/trae-chat?model=gpt-5.5'`,
    '5. Open a setup link as a teammate would: F1 > "Developer: Open URL", paste this link, allow it:',
    `     ${link}`,
  ];
}

const stop = async () => {
  say('stopping…');
  await server.stop();
  await emulator.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
