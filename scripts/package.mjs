// `npm run package`: codex-pooler-trae-<version>.vsix (vsce runs the build as vscode:prepublish), then a check that
// the VSIX holds only what runs (no sources, tests, scripts, CI workflows, source maps or node_modules).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const vsce = require.resolve('@vscode/vsce/vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out]);

// The files vsce packs, as it lists them (paths relative to the extension root).
const entries = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const forbidden = entries.filter((name) =>
  /(^|\/)(src|test|out|node_modules|scripts|docs|\.github|\.ci|\.vscode-test)\/|\.map$|\.ts$|\.mjs$|\.ya?ml$|tsconfig/.test(
    name,
  ),
);
console.log(`\n${path.basename(out)}: ${statSync(out).size} bytes, ${entries.length} entries`);
for (const name of entries) console.log(`  ${name}`);
if (forbidden.length) {
  console.error(`\nThe VSIX must hold only runtime files; found: ${forbidden.join(', ')}`);
  process.exit(1);
}
