// The command handlers' bundle takes the modules the check's bundle holds from it (src/checkEngine.ts,
// sharedWithInteractive; esbuild.config.mjs resolves their imports there). Unit tests run the sources unbundled,
// so a wrong entry would only break the built extension: each key must hold its own module, and every zod/mini
// function a schema calls must be among those the check's bundle hands over.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedWithInteractive } from '../../src/checkEngine';

const srcRoot = path.join(__dirname, '../../../src');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourcesUnder(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('modules the commands bundle takes from the check bundle', () => {
  it('each path under src names the module it holds', () => {
    for (const [key, held] of Object.entries(sharedWithInteractive)) {
      if (key === 'zod/mini') continue;
      assert.equal(held, require(`../../src/${key}`), key);
    }
  });

  it('every zod/mini function a source calls is handed over', () => {
    const zodMini: Record<string, unknown> = sharedWithInteractive['zod/mini'];
    const zodUsers = sourcesUnder(srcRoot)
      .map((file) => readFileSync(file, 'utf8'))
      .filter((text) => text.includes("from 'zod/mini'"));
    assert.ok(zodUsers.length > 0, 'the sources use zod/mini');
    // A call, with or without type arguments: z.object({…}), z.custom<Name>(…); never a type such as z.infer<…>.
    const called = new Set(zodUsers.flatMap((text) => [...text.matchAll(/\bz\.(\w+)\s*(?:<[^;=()]*>)?\s*\(/g)]));
    const names = [...new Set([...called].map((m) => m[1] ?? ''))].sort();
    assert.ok(names.includes('object'), 'the scan finds calls');
    assert.deepEqual(
      names.filter((name) => typeof zodMini[name] !== 'function'),
      [],
    );
  });
});
