// What `npm run demo` prints once everything runs: where to go, what the user will see first, and every
// emulator scenario. The status bar's words come from the message catalog, so they cannot drift from
// what the status bar really shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalog = JSON.parse(readFileSync(path.join(root, 'src/core/text/catalog.json'), 'utf8'));

/** The status bar's text before anything is set up (a fresh profile: no key). */
export const FIRST_STATUS_TEXT = catalog['ui.status.textSetUp'];

export function demoBanner({ editorUrl, editorVersion, poolUrl, key, scenarios, extraLines = [] }) {
  return `
  Codex Pooler for Trae: demo
  ---------------------------
  Editor (code-server ${editorVersion}) with the extension: ${editorUrl}
  Demo pool (emulator):  ${poolUrl}
  Demo Pool API key:     ${key}

  1. Open the editor URL in a browser. The status bar shows "${FIRST_STATUS_TEXT}" and the setup wizard is offered.
  2. In the wizard, keep ${poolUrl}, paste the demo key, pick a model, run the test, follow the Trae steps.
  3. Try failures: switch the pool to a scenario below, then run "Codex Pooler: Check Connection" from the
     command palette (F1).
${extraLines.map((line) => `  ${line}`).join('\n')}
${scenarios.replace(/^/gm, '  ')}

  Press Ctrl+C to stop.
`;
}
