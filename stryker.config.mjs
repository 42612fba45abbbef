// Mutation testing (`npm run mutation`, docs/mutation.md): how much the unit tests are worth where a defect costs
// most: the key's rules, the URL rules, the origin policy, the key writes, the Trae watch and setup links.
// Not part of npm test: it takes about an hour on two shared cores. Mutants are built with the test build (tsc into
// out/) and run by mocha on the compiled unit tests, only the tests that reach each mutant.

// The property tests run FUZZ_RUNS inputs (100,000 in npm test): 200 here, for every mutant they reach (a
// defect they can see shows within a few hundred; more would only make the run longer).
process.env['FUZZ_RUNS'] ??= '200';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: [
    'src/core/secrets/**/*.ts',
    'src/core/url/**/*.ts',
    'src/wizard/state/originPolicy.ts',
    'src/services/keyStore.ts',
    'src/services/keyReplacement.ts',
    'src/services/traeWatch.ts',
    'src/core/trae/setupLink.ts',
  ],
  // The mocha runner through scripts/stryker-mocha12.mjs, which lets StrykerJS 9's runner load mocha 12.
  plugins: ['@stryker-mutator/typescript-checker', './scripts/stryker-mocha12.mjs'],
  testRunner: 'mocha',
  mochaOptions: {
    config: '.mocharc.json',
    // The unit tests that import these files (less onDemand, the emulator over real HTTP), and the pool client's
    // and models' redaction tests. The rest reach the URL rules and the key store only in passing, and running
    // them for every mutant (most reach the URL rules) would take hours on a shared two-core machine.
    spec: [
      ...['diagnosis', 'endpoint', 'endpoint.mutation', 'keyReplacement', 'keyStore', 'keyWrites'],
      ...['endpointRules.mutation', 'endpointTidy'],
      ...['originPolicy', 'originPolicy.property', 'poolClient', 'poolKey', 'poolKey.mutation', 'properties'],
      ...['redact.mutation', 'security.models', 'security.paste', 'security.redact', 'security.url', 'services'],
      ...[
        'setupLink',
        'setupLink.mutation',
        'setupLinkModels',
        'setupLinkWizard',
        'statusModel',
        'traeConfirm',
        'traeGuide',
        'traeWatch',
      ],
      ...['traeWatch.mutation', 'wizardController'],
    ].map((name) => `out/test/unit/${name}.test.js`),
  },
  // Run without a shell; the sandbox starts with no out/ (ignorePatterns), so no clean is needed.
  buildCommand: 'tsc -p tsconfig.test.json',
  checkers: ['typescript'],
  // The checker type-checks each mutant: only the mutated files and what they import (the whole project is four
  // times slower). A mutant that would break a caller outside them is then run by the tests instead.
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // A static mutant (module-level code) needs every test file loaded afresh for each run: hours for the 159 there
  // are. They are counted as ignored (docs/mutation.md); --ignoreStatic false runs them.
  ignoreStatic: true,
  // Two cores shared with other work; the emulator tests listen on port 0, so two runners do not collide.
  concurrency: 2,
  timeoutMS: 3000,
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    'out',
    'dist',
    'out-dev',
    '.vscode-test',
    'test-output',
    'bench-output',
    'mutation-output',
    '*.vsix',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'mutation-output/mutation.html' },
  jsonReporter: { fileName: 'mutation-output/mutation.json' },
  // `npm run mutation -- --incremental` runs again only the mutants whose code or tests changed.
  incrementalFile: 'mutation-output/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: null },
};
