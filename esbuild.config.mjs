// Two bundles: the extension host (CommonJS, Node, `vscode` external) and the webview (browser IIFE).
// `node esbuild.config.mjs` builds both minified; `--watch` rebuilds on change with source maps.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');

// The message catalog (English text by id) is data, not code: the extension reads dist/catalog.json
// at run time, the webview receives its strings, already localized, from the extension.
const catalogSource = 'src/core/text/catalog.json';
const catalogAtRunTime = (contents) => ({
  name: 'catalog-at-run-time',
  setup(build) {
    build.onResolve({ filter: /[\\/]catalog\.json$/ }, () => ({ path: 'catalog', namespace: 'catalog' }));
    build.onLoad({ filter: /.*/, namespace: 'catalog' }, () => ({ contents, loader: 'js' }));
  },
});
const readCatalogFromDist =
  "module.exports = JSON.parse(require('fs').readFileSync(require('path').join(__dirname, 'catalog.json'), 'utf8'));";
const filledByHost = 'module.exports = {};';

// The extension loads the command handlers and the wizard with require('./interactive') on first
// use: in the bundle that is the separate dist/interactive.js, so activation does not parse them; the check
// service loads the check itself with require('./checkEngine') on the first check (dist/checkEngine.js).
const interactiveLoadedLater = {
  name: 'interactive-loaded-later',
  setup(build) {
    build.onResolve({ filter: /^\.\/(interactive|checkEngine)$/ }, (args) => ({
      path: `${args.path}.js`,
      external: true,
    }));
  },
};

// The command handlers' bundle takes the modules the check's bundle already holds from it (one copy in the VSIX,
// one in memory): each import of one resolves to `require('./checkEngine').sharedWithInteractive[<its path>]`.
const engineSource = readFileSync('src/checkEngine.ts', 'utf8');
const sharedBlock = /export const sharedWithInteractive = \{([^}]*)\};/.exec(engineSource)?.[1] ?? '';
const sharedWithInteractive = new Set([...sharedBlock.matchAll(/^\s*'([\w/]+)':/gm)].map((m) => m[1]));
if (sharedWithInteractive.size === 0) throw new Error('src/checkEngine.ts: no sharedWithInteractive keys found');
const srcRoot = path.resolve('src');
const sharedKeyOf = (args) => {
  if (args.path === 'zod/mini') return args.path;
  if (!args.path.startsWith('.') || !args.resolveDir) return undefined;
  const key = path.relative(srcRoot, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
  return sharedWithInteractive.has(key) ? key : undefined;
};
const takenFromCheckEngine = {
  name: 'taken-from-check-engine',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const key = args.namespace === 'file' ? sharedKeyOf(args) : undefined;
      return key ? { path: key, namespace: 'check-engine' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'check-engine' }, (args) => ({
      contents: `module.exports = require('./checkEngine').sharedWithInteractive[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

function writeCatalog() {
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/catalog.json', JSON.stringify(JSON.parse(readFileSync(catalogSource, 'utf8'))));
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: !watch,
  sourcemap: watch ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'info',
};

const host = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
const targets = [
  {
    ...host,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [catalogAtRunTime(readCatalogFromDist), interactiveLoadedLater],
  },
  {
    ...host,
    entryPoints: ['src/checkEngine.ts'],
    outfile: 'dist/checkEngine.js',
    plugins: [catalogAtRunTime(readCatalogFromDist)],
  },
  {
    ...host,
    entryPoints: ['src/interactive.ts'],
    outfile: 'dist/interactive.js',
    plugins: [catalogAtRunTime(readCatalogFromDist), interactiveLoadedLater, takenFromCheckEngine],
  },
];
if (existsSync('src/webview/shell/main.ts')) {
  targets.push({
    ...common,
    entryPoints: ['src/webview/shell/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: ['chrome120', 'safari16'],
    plugins: [catalogAtRunTime(filledByHost)],
  });
}

writeCatalog();
if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  const results = await Promise.all(targets.map((t) => esbuild.build({ ...t, metafile: true })));
  for (const r of results) {
    for (const [file, info] of Object.entries(r.metafile.outputs)) console.log(`${file}: ${info.bytes} bytes`);
  }
  // A module of the check's bundle that the commands' bundle imports by another way holds a second copy.
  const inputsOf = (outfile) => Object.keys(results[targets.findIndex((t) => t.outfile === outfile)].metafile.inputs);
  const engineInputs = new Set(inputsOf('dist/checkEngine.js'));
  const copied = inputsOf('dist/interactive.js').filter(
    (input) => engineInputs.has(input) && input !== 'catalog:catalog',
  );
  if (copied.length > 0) {
    console.error(`dist/interactive.js copies what dist/checkEngine.js holds: ${copied.join(', ')}`);
    console.error('Add the module that dist/interactive.js imports to sharedWithInteractive in src/checkEngine.ts.');
    process.exit(1);
  }
}
