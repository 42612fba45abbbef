// Explores the property tests with a fresh random seed and ten times the inputs of npm test.
// A failure prints its seed and shrunk counterexample; replay it with FUZZ_SEED=<seed> npm run test:unit.
//   npm run fuzz              1,000,000 runs per property (100,000 message sequences), random seed
//   FUZZ_RUNS=200000 npm run fuzz
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  FUZZ_SEED: process.env.FUZZ_SEED ?? 'random',
  FUZZ_RUNS: process.env.FUZZ_RUNS ?? '1000000',
};
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const compile = spawnSync('npm', ['run', '-s', 'compile-tests'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (compile.status !== 0) process.exit(compile.status ?? 1);
const run = spawnSync(
  npx,
  [
    'mocha',
    '--no-config',
    '--timeout',
    '0',
    '--enable-source-maps',
    'out/test/unit/properties.test.js',
    // The origin policy over message sequences: a tenth of FUZZ_RUNS sequences (each is a whole wizard session).
    'out/test/unit/originPolicy.property.test.js',
  ],
  { stdio: 'inherit', env, shell: process.platform === 'win32' },
);
process.exit(run.status ?? 1);
