// The one rulebook (.dependency-cruiser.cjs, run by npm run lint) breaks as it should: each case builds a small
// tree with the house's folders in a temporary directory, makes one import the house forbids, and expects the rule
// that guards it by name. A rule that stopped matching would let that import through, and its case would fail.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.join(__dirname, '../../..');

interface House {
  cruiseHouse(baseDir: string): Promise<unknown>;
  describeViolations(result: unknown): string[];
}
const loadHouse = async (): Promise<House> =>
  (await import(pathToFileURL(path.join(root, 'scripts', 'house.mjs')).href)) as House;

/** Writes `files` (path -> source) under a fresh directory and returns the rule breaks the rulebook finds there. */
async function breaks(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'house-'));
  try {
    for (const [file, source] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), source);
    }
    const house = await loadHouse();
    return house.describeViolations(await house.cruiseHouse(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const leaf = 'export const value = 1;\n';
const uses = (from: string) => `import { value } from '${from}';\nexport const used = value;\n`;

describe('the house rulebook (.dependency-cruiser.cjs)', function () {
  this.timeout(60_000);

  it('a tree that keeps every rule has no break (downward imports only)', async () => {
    const found = await breaks({
      'src/core/text/words.ts': leaf,
      'src/core/url/endpoint.ts': uses('../text/words'),
      'src/services/service.ts': uses('../core/url/endpoint'),
      'src/wizard/state/state.ts': uses('../../core/text/words'),
    });
    assert.deepEqual(found, []);
  });

  it('core-layers: the text layer may not import the URL layer above it', async () => {
    const found = await breaks({ 'src/core/url/endpoint.ts': leaf, 'src/core/text/words.ts': uses('../url/endpoint') });
    assert.ok(
      found.some((f) => f.startsWith('core-layers: src/core/text/words.ts')),
      found.join('\n'),
    );
  });

  it('house-order: the core may not import the editor', async () => {
    const found = await breaks({ 'src/editor/panel.ts': leaf, 'src/core/text/words.ts': uses('../../editor/panel') });
    assert.ok(
      found.some((f) => f.startsWith('house-order: src/core/text/words.ts')),
      found.join('\n'),
    );
  });

  it('wizard-rooms: the protocol room may not import the state room', async () => {
    const found = await breaks({
      'src/wizard/state/state.ts': leaf,
      'src/wizard/protocol/protocol.ts': uses('../state/state'),
    });
    assert.ok(
      found.some((f) => f.startsWith('wizard-rooms: src/wizard/protocol/protocol.ts')),
      found.join('\n'),
    );
  });

  it('house-plan: a file in a folder the plan does not name is refused', async () => {
    const found = await breaks({ 'src/core/text/words.ts': leaf, 'src/attic/old.ts': uses('../core/text/words') });
    assert.ok(
      found.some((f) => f.startsWith('house-plan: src/attic/old.ts')),
      found.join('\n'),
    );
  });

  it('webview-no-node: a Node module reachable from the webview entry, however far', async () => {
    const found = await breaks({
      'src/webview/shell/main.ts': "import '../steps/step';\n",
      'src/webview/steps/step.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    });
    assert.ok(
      found.some((f) => f.startsWith('webview-no-node:')),
      found.join('\n'),
    );
  });

  it('no-vscode-outside-editor: the wizard may not import vscode', async () => {
    const found = await breaks({
      'src/wizard/state/state.ts': "import * as vscode from 'vscode';\nexport { vscode };\n",
    });
    assert.ok(
      found.some((f) => f.startsWith('no-vscode-outside-editor: src/wizard/state/state.ts')),
      found.join('\n'),
    );
  });

  it('no-circular: two files of one room that import each other', async () => {
    const found = await breaks({
      'src/core/text/a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
      'src/core/text/b.ts': `import { a } from './a';\nexport const b = () => a;\n`,
    });
    assert.ok(
      found.some((f) => f.startsWith('no-circular: src/core/text/a.ts')),
      found.join('\n'),
    );
  });
});
