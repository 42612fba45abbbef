// What `npm run demo` prints once everything runs. What a person needs first (the editor's address, the demo
// key) comes last, so it is still on screen when the banner ends; a few scenarios, with docs/demo.md for all.
// The status bar's words come from the message catalog and the extension's bundle, so they cannot drift from
// what the status bar really shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const catalog = readJson('src/core/text/catalog.json');

/** The status bar's text before anything is set up (a fresh profile: no key). */
export const FIRST_STATUS_TEXT = catalog['ui.status.textSetUp'];

/** The same text as the extension shows it in `lang` (its bundle is keyed by the English text). */
export function firstStatusText(lang) {
  if (lang === 'en') return FIRST_STATUS_TEXT;
  return readJson(`l10n/bundle.l10n.${lang}.json`)[FIRST_STATUS_TEXT] ?? FIRST_STATUS_TEXT;
}

/** The scenarios worth a first try, each in a few words; docs/demo.md lists every one. */
export const FIRST_SCENARIOS = [
  ['down', 'the pool is down behind its proxy (502)'],
  ['key-disabled', 'your key is paused or revoked'],
  ['limit-reached', "the account's 5-hour credit window is used up"],
  ['second-turn-rejected', "Trae's 4028 (step 4's Trae-shaped check)"],
  ['ok', 'back to normal'],
];

/**
 * The addresses a person reads and types, with one spelling of the host (code-server and the emulator listen on
 * 127.0.0.1, which localhost reaches; the extension allows plain http to `localhost` only).
 */
export function demoUrls(editorPort, poolPort) {
  const controlUrl = `http://localhost:${poolPort}`;
  return { editorUrl: `http://localhost:${editorPort}/`, controlUrl, poolUrl: `${controlUrl}/v1` };
}

/** A model the demo pool can stop offering: chosen as a further model, the status bar names it when it goes. */
export const MISSING_MODEL = 'gpt-5.4-mini';

/** traeModel: the model the "play Trae" command sends; setupLink: a link that opens the wizard prefilled. */
export function demoBanner({
  editorPort,
  poolPort,
  editorVersion,
  key,
  lang = 'en',
  scenarioCount,
  traeModel,
  setupLink,
}) {
  const { editorUrl, controlUrl, poolUrl } = demoUrls(editorPort, poolPort);
  const scenarioCommands = FIRST_SCENARIOS.map(([name]) => `curl ${controlUrl}/__emulator/scenario/${name}`);
  const notes = FIRST_SCENARIOS.map(([, note]) => note);
  // The pool stops offering one model, just before "back to normal" (which offers it again too).
  scenarioCommands.splice(-1, 0, `curl -X POST '${controlUrl}/__emulator/model/remove?id=${MISSING_MODEL}'`);
  notes.splice(-1, 0, 'a model you chose is no longer offered (/model/add?id= puts it back)');
  notes[notes.length - 1] += `. All ${scenarioCount} scenarios, each with what it does: docs/demo.md`;
  const width = Math.max(...scenarioCommands.map((command) => command.length));
  const other =
    lang === 'en'
      ? 'The extension in Chinese: stop with Ctrl+C, then npm run demo -- --lang zh-cn'
      : `Display language ${lang}: the extension's strings are translated, the editor's own menus stay English.`;
  return `
  Codex Pooler for Trae: demo (code-server ${editorVersion}, language ${lang})

  Break the demo pool on purpose: switch it, then F1 > "Codex Pooler: Check Connection".
${scenarioCommands.map((command, i) => `    ${command.padEnd(width)}  # ${notes[i]}`).join('\n')}
  Play Trae's chat on the wizard's last step, Confirm in Trae (with the model you chose, here ${traeModel}):
    curl -X POST '${controlUrl}/__emulator/trae-chat?model=${traeModel}'
  A teammate's setup link (${traeModel} + ${MISSING_MODEL}): F1 > "Developer: Open URL", paste it, allow it:
    ${setupLink}
  ${other}

  Start here:
  1. Open the editor in a browser: ${editorUrl}
     The status bar shows "${firstStatusText(lang)}" and the setup wizard is offered.
  2. In the wizard, keep the Pool URL ${poolUrl}, paste the demo Pool API key:
     ${key}
     then pick a model, run the test and follow the Trae steps.
  3. Then try what is listed above: break the pool, play Trae's chat, open a setup link.
  Ctrl+C stops the editor and the demo pool.
`;
}
