// ESLint (flat config) with typescript-eslint's type-aware rules: this code is mostly async, so a promise
// that nobody awaits or a promise passed where a callback returns nothing is an error. The import rules
// hold the layers: `vscode` only in the editor layer, the core's folders import only the ones above them
// (src/core/README.md), and nothing below src/core reaches up into services, the wizard or the editor.
// scripts/check-imports.mjs adds what a per-file rule cannot see: circles, and Node modules reachable from
// the webview bundle.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const CORE_LAYERS = ['text', 'url', 'secrets', 'http', 'pool', 'trae', 'check'];
const OUTSIDE_CORE = [
  '**/services/**',
  '**/wizard/**',
  '**/editor/**',
  '**/webview/**',
  '**/extension',
  '**/interactive',
];
const SCRIPT_GLOBALS = [
  ...['console', 'process', 'Buffer', 'URL', 'URLSearchParams', '__dirname', 'require', 'module', 'exports'],
  ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask'],
  ...['AbortController', 'AbortSignal', 'TextDecoder', 'TextEncoder', 'fetch', 'performance', 'structuredClone'],
  ...['window', 'document', 'navigator', 'getComputedStyle', 'requestAnimationFrame', 'MutationObserver'],
  ...['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'],
];
const VSCODE_FILES = ['src/editor/**', 'src/extension.ts', 'src/interactive.ts'];

/** A core layer may import the layers listed before it, never those after it. */
function coreLayerRules() {
  return CORE_LAYERS.map((layer, index) => {
    const below = CORE_LAYERS.slice(index + 1);
    return {
      files: [`src/core/${layer}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [{ name: 'vscode', message: 'src/core never imports vscode: it runs in plain Node.' }],
            patterns: [
              ...(below.length === 0
                ? []
                : [
                    {
                      group: below.flatMap((l) => [`../${l}/**`, `../../${l}/**`, `./${l}/**`]),
                      message: `core/${layer} is below ${below.join(', ')} (src/core/README.md): move the shared piece down, or this code up.`,
                    },
                  ]),
              { group: OUTSIDE_CORE, message: 'src/core imports nothing outside src/core.' },
            ],
          },
        ],
      },
    };
  });
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'out-dev/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-output/**',
      'bench-output/**',
      '.stryker-tmp/**',
      'mutation-output/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No export *: import from the file that holds it.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: VSCODE_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'Only src/editor/, src/extension.ts and src/interactive.ts import vscode.',
            },
          ],
        },
      ],
    },
  },
  ...coreLayerRules(),
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [
            {
              group: ['**/wizard/**', '**/editor/**', '**/webview/**'],
              message: 'services sit below the wizard and the editor.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'net', 'tls', 'os', 'child_process'],
              message: 'The webview runs in a browser: no Node modules.',
            },
            {
              group: ['**/services/**', '**/editor/**', '**/http/node/**'],
              message: 'The webview talks to the host only through src/wizard/protocol/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests: fakes implement async interfaces without awaiting, harnesses load compiled files with require,
    // and tests read JSON bodies they built themselves. The promise rules and the boundaries still hold.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Scripts and browser tests in plain JavaScript: Node's globals, the browser's inside page.evaluate, mocha's.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: Object.fromEntries(SCRIPT_GLOBALS.map((name) => [name, 'readonly'])) },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
);
