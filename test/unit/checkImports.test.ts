// The structure check that `npm run lint` runs (scripts/check-imports.mjs) must find what it is there to
// find: a circle (also of type-only imports), an upward import, a Node module the webview reaches through
// another file, a file over 300 lines, too many long lines, an `export *`. A clean tree passes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.join(__dirname, '../../..');

interface Analysis {
  circles: number;
  upward: number;
  nodeFromWebview: number;
  longLines: number;
  problems: string[];
}

async function analyze(files: Record<string, string>): Promise<Analysis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-imports-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const script = (await import(pathToFileURL(path.join(root, 'scripts', 'check-imports.mjs')).href)) as {
    analyze(srcDir: string): Analysis;
  };
  try {
    return script.analyze(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const clean = {
  'core/text/messages.ts': 'export const a = 1;\n',
  'core/url/endpoint.ts': "import { a } from '../text/messages';\nexport const b = a;\n",
  'services/keyStore.ts': "import { b } from '../core/url/endpoint';\nexport const c = b;\n",
  'webview/main.ts': "import { a } from '../core/text/messages';\nexport const d = a;\n",
};

describe('the structure check (scripts/check-imports.mjs)', () => {
  it('a clean tree passes', async () => {
    const result = await analyze(clean);
    assert.deepEqual(result.problems, []);
  });

  it('finds a circle, even of type-only imports', async () => {
    const result = await analyze({
      ...clean,
      'webview/app.ts': "import type { S } from './steps/url';\nexport interface A { s?: S }\n",
      'webview/steps/url.ts': "import type { A } from '../app';\nexport interface S { a?: A }\n",
    });
    assert.equal(result.circles, 1);
    assert.ok(result.problems.some((p) => /import circle: .*app\.ts/.test(p)));
  });

  it('finds an upward import, in the core and between the layers', async () => {
    const result = await analyze({
      ...clean,
      'core/text/messages.ts': "import { b } from '../url/endpoint';\nexport const a = 1;\nexport const x = b;\n",
      'core/url/endpoint.ts': 'export const b = 2;\n',
      'services/keyStore.ts': "import { w } from '../wizard/state';\nexport const c = w;\n",
      'wizard/state.ts': 'export const w = 3;\n',
    });
    assert.equal(result.upward, 2);
  });

  it('finds a Node module the webview reaches through another file', async () => {
    const result = await analyze({
      ...clean,
      'core/text/messages.ts': "import * as fs from 'node:fs';\nexport const a = fs.constants.F_OK;\n",
    });
    assert.equal(result.nodeFromWebview, 1);
    assert.ok(
      result.problems.some((p) => /reaches the Node module node:fs \(through core\/text\/messages\.ts\)/.test(p)),
    );
  });

  it('holds the size rules and forbids export *', async () => {
    const result = await analyze({
      ...clean,
      'core/text/long.ts': `${Array.from({ length: 301 }, (_, i) => `export const v${i} = ${i};`).join('\n')}\n`,
      'core/text/wide.ts': Array.from({ length: 26 }, (_, i) => `export const w${i} = '${'x'.repeat(130)}';`).join(
        '\n',
      ),
      'core/text/all.ts': "export * from './messages';\n",
    });
    assert.ok(result.problems.some((p) => /long\.ts: 30[12] lines/.test(p)));
    assert.ok(result.problems.some((p) => /26 lines over 120 characters/.test(p)));
    assert.ok(result.problems.some((p) => /all\.ts: export \*/.test(p)));
  });
});
