// `npm run house`: the house's import picture, one box per folder, drawn from the one rulebook that
// `npm run lint` runs (.dependency-cruiser.cjs). It writes docs/images/house.dot (every arrow), and house.svg
// when Graphviz is installed (apt-get install graphviz). The rules check the picture itself: a circle between boxes or
// an arrow that runs back up fails it. test/unit/houseRules.test.ts cruises small trees with cruiseHouse.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const rules = require(path.join(root, '.dependency-cruiser.cjs'));

/** Every folder is one box (three levels deep at most); src/extension.ts and src/interactive.ts stay files. */
export const FOLDERS = '^src/[^/]+/[^/]+/[^/]+/|^src/[^/]+/[^/]+/|^src/[^/]+/';

/** Cruises `baseDir`/src with the rulebook; `collapse` draws folders as boxes. Returns the JSON result. */
export async function cruiseHouse(baseDir = root, { collapse } = {}) {
  const tsConfigFile = path.join(baseDir, 'tsconfig.json');
  const withTsConfig = existsSync(tsConfigFile);
  const options = {
    ...rules.options,
    tsConfig: withTsConfig ? { fileName: tsConfigFile } : undefined,
    baseDir,
    ruleSet: rules,
    validate: true,
    outputType: 'json',
    ...(collapse ? { collapse, includeOnly: '^src/' } : {}),
  };
  const transpile = withTsConfig ? { tsConfig: extractTSConfig(tsConfigFile) } : {};
  const { output } = await cruise(['src'], options, undefined, transpile);
  return typeof output === 'string' ? JSON.parse(output) : output;
}

/** The violations, one line each: `rule: from -> to`. */
export function describeViolations(result) {
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

async function main() {
  const house = await cruiseHouse(root, { collapse: FOLDERS });
  const arrows = house.modules.flatMap((m) => m.dependencies);
  const circles = arrows.filter((d) => d.circular).length;
  const problems = describeViolations(house);
  const dir = path.join(root, 'docs', 'images');
  mkdirSync(dir, { recursive: true });
  const { output: dot } = await format(house, { outputType: 'dot' });
  writeFileSync(path.join(dir, 'house.dot'), dot);
  // The svg leaves out the arrows that others imply (Graphviz's tred), so the floors read top-down.
  let svg = 'no house.svg: Graphviz is not installed (apt-get install graphviz)';
  try {
    const reduced = execFileSync('tred', [], { input: dot });
    writeFileSync(path.join(dir, 'house.svg'), execFileSync('dot', ['-Tsvg'], { input: reduced }));
    svg = 'house.svg (arrows implied by others left out)';
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  console.log(
    `house: ${house.modules.length} boxes, ${arrows.length} arrows, ${circles} in a circle, ${problems.length} ` +
      `breaking a rule; wrote docs/images/house.dot and ${svg}`,
  );
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(problems.length === 0 && circles === 0 ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
