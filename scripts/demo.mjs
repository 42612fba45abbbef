// `npm run demo`: the whole thing without Trae or a pool. Builds the VSIX, starts the Codex Pooler
// emulator on localhost:4000 (a demo key is printed), and starts code-server on loopback with the
// extension installed; open the printed URL in a browser. Ctrl+C stops everything.
// `npm run demo -- --lang zh-cn`: the editor's locale is zh-cn, so the extension speaks Chinese.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, makeProfile, startCodeServer } from '../test/host/codeServer.mjs';
import { demoUsage, demoLanguages, parseDemoArgs } from './demo-args.mjs';
import { demoBanner, demoUrls, MISSING_MODEL } from './demo-banner.mjs';
import { useEditorLocale } from './demo-locale.mjs';
import { ensureCodeServer } from './host-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (line) => console.log(`[demo] ${line}`);
const npm = (script) =>
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
  });

// Arguments first: a typo is reported before minutes of building.
const options = parseDemoArgs(process.argv.slice(2));
if (options.help) {
  console.log(demoUsage(demoLanguages()));
  process.exit(0);
}
if (options.error) {
  console.error(`[demo] ${options.error}`);
  process.exit(2);
}
const { lang, poolPort } = options;

say('building the VSIX and the emulator…');
npm('package');
npm('compile-tests');
const codeServer = await ensureCodeServer();

const { scenarioList, startEmulator } = require(path.join(root, 'out/test/emulator/server.js'));
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
useEditorLocale(profile, lang);
await installVsix(profile, path.join(root, `${pkg.name}-${pkg.version}.vsix`));
const server = await startCodeServer(profile);

console.log(
  demoBanner({
    editorPort: server.port,
    poolPort: emulator.port,
    editorVersion: codeServer.version,
    key: emulator.key,
    lang,
    scenarioCount: scenarioList().length,
    traeModel: 'gpt-5.5',
    setupLink: setupLinkFor(demoUrls(server.port, emulator.port).poolUrl),
  }),
);

/** A setup link for this editor, as a pool operator would send it to a teammate. */
function setupLinkFor(poolUrl) {
  const { buildSetupLink } = require(path.join(root, 'out/src/core/trae/setupLink.js'));
  return buildSetupLink('code-oss', `${pkg.publisher}.${pkg.name}`, {
    url: poolUrl,
    fullUrl: false,
    // The walkthrough's own set: the main model, and the one the pool can stop offering.
    modelId: 'gpt-5.5',
    moreModels: [MISSING_MODEL],
  });
}

const stop = async () => {
  say('stopping…');
  await server.stop();
  await emulator.stop();
  rmSync(profile.root, { recursive: true, force: true }); // the throwaway profile, so runs do not pile up in /tmp
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
