// Two bundles: the extension host (CommonJS, Node, `vscode` external) and the webview (browser IIFE).
// `node esbuild.config.mjs` builds both minified; `--watch` rebuilds on change with source maps.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

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
    plugins: [catalogAtRunTime(readCatalogFromDist)],
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
}
