// `npm run lint` (after ESLint): what a per-file lint rule cannot see, over the whole of src/.
// - No import circles, type-only imports included (a circle of types is still a knot for the reader).
// - No upward import: the core's folders by layer (src/core/README.md), then services, the wizard's logic,
//   the editor layer, the wizard's panel, interactive.ts, extension.ts; the webview sees only the core and
//   the wizard's protocol.
// - No Node module reachable from the webview bundle (src/webview/main.ts), however many files away.
// - The house rules for size: no src file over 300 lines, at most 25 lines over 120 characters (long
//   strings stay whole; code is split, not packed), no `export *`.
// Prints what it found and exits 1 on any breach.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const MAX_LINES = 300;
const MAX_LINE_LENGTH = 120;
const MAX_LONG_LINES = 25;
const CORE_LAYERS = ['text', 'url', 'secrets', 'http', 'pool', 'trae', 'check'];
const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Where a file stands: a file may import files of its own rank or lower. */
export function rankOf(rel) {
  const parts = rel.split('/');
  if (parts[0] === 'core') return CORE_LAYERS.indexOf(parts[1]);
  if (parts[0] === 'services') return 10;
  if (parts[0] === 'wizard') return 20;
  if (parts[0] === 'editor') return 30;
  if (rel === 'interactive.ts') return 40;
  if (rel === 'extension.ts') return 50;
  return undefined;
}

/** What the webview may import besides its own files: the core below the pool, Trae's data, the protocol. */
function webviewMayImport(rel) {
  const protocol = rel.startsWith('wizard/protocol/');
  return rel.startsWith('webview/') || protocol || /^core\/(text|url|secrets|trae)\//.test(rel);
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) ? [full] : [];
  });
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return { external: spec };
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.json`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return { file: candidate };
  }
  return { missing: spec };
}

/** Everything this script checks, for the source tree at `srcDir` (src/ unless a test gives its own). */
export function analyze(srcDir = src) {
  const files = sourceFiles(srcDir);
  const graph = new Map();
  const problems = [];
  let longLines = 0;
  const longest = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    const lines = text.split('\n');
    if (lines.length > MAX_LINES)
      problems.push(`${rel}: ${lines.length} lines (at most ${MAX_LINES}): split it along a seam`);
    for (const line of lines) if (line.length > MAX_LINE_LENGTH) (longLines++, longest.push(`${rel} (${line.length})`));
    if (/^\s*export\s*\*/m.test(text)) problems.push(`${rel}: export * hides where things live`);
    const imports = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
    const edges = [];
    for (const spec of imports) {
      const target = resolveImport(file, spec);
      if (target.missing) problems.push(`${rel}: cannot resolve ${target.missing}`);
      edges.push(target);
    }
    graph.set(file, { rel, edges });
  }
  if (longLines > MAX_LONG_LINES)
    problems.push(
      `${longLines} lines over ${MAX_LINE_LENGTH} characters (at most ${MAX_LONG_LINES}): ${longest.slice(0, 5).join(', ')}…`,
    );

  let upward = 0;
  for (const { rel, edges } of graph.values()) {
    for (const edge of edges) {
      if (!edge.file || edge.file.endsWith('.json')) continue;
      const to = path.relative(srcDir, edge.file).split(path.sep).join('/');
      if (rel.startsWith('webview/')) {
        if (!webviewMayImport(to))
          (upward++,
            problems.push(
              `${rel} -> ${to}: the webview sees only the core's text, url, secrets and trae, and the protocol`,
            ));
        continue;
      }
      const from = rankOf(rel);
      const target = rankOf(to);
      if (to.startsWith('webview/'))
        (upward++, problems.push(`${rel} -> ${to}: only the webview imports webview code`));
      else if (from !== undefined && target !== undefined && target > from)
        (upward++, problems.push(`${rel} -> ${to}: imports upward`));
    }
  }

  const circles = stronglyConnected(graph).filter((c) => c.length > 1);
  for (const circle of circles) problems.push(`import circle: ${circle.map((f) => graph.get(f).rel).join(' -> ')}`);

  const nodeFromWebview = reachableExternals(graph, path.join(srcDir, 'webview', 'main.ts')).filter((m) =>
    NODE_MODULES.has(m.module),
  );
  for (const hit of nodeFromWebview)
    problems.push(`the webview bundle reaches the Node module ${hit.module} (through ${hit.via})`);

  return {
    files: files.length,
    edges: [...graph.values()].reduce((n, g) => n + g.edges.length, 0),
    circles: circles.length,
    upward,
    nodeFromWebview: nodeFromWebview.length,
    longLines,
    problems,
  };
}

function stronglyConnected(graph) {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const out = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const edge of graph.get(v).edges) {
      const w = edge.file;
      if (!w || !graph.has(w)) continue;
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) visit(v);
  return out;
}

function reachableExternals(graph, start) {
  const seen = new Set();
  const found = [];
  const walk = (file) => {
    if (seen.has(file) || !graph.has(file)) return;
    seen.add(file);
    for (const edge of graph.get(file).edges) {
      if (edge.external) found.push({ module: edge.external, via: graph.get(file).rel });
      else if (edge.file) walk(edge.file);
    }
  };
  walk(start);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = analyze();
  console.log(
    `imports: ${result.files} files, ${result.edges} imports, ${result.circles} circles, ${result.upward} upward, ` +
      `${result.nodeFromWebview} Node modules reachable from the webview; ${result.longLines} lines over ${MAX_LINE_LENGTH} characters`,
  );
  for (const problem of result.problems) console.error(`  - ${problem}`);
  process.exit(result.problems.length === 0 ? 0 : 1);
}
