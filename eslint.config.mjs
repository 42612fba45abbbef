// ESLint (flat config): typescript-eslint's type-aware rules (this code is mostly async, so a promise that nobody
// awaits or a promise passed where a callback returns nothing is an error), no `export *`, and the size rules for
// src: at most 300 lines a file, CSS included; code lines at most 120 characters (long strings stay whole).
// The structure (layers, rooms, circles, what the webview and the core may reach) is .dependency-cruiser.cjs's.
import css from '@eslint/css';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const MAX_LINES = 300;
const SCRIPT_GLOBALS = [
  ...['console', 'process', 'Buffer', 'URL', 'URLSearchParams', '__dirname', 'require', 'module', 'exports'],
  ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask'],
  ...['AbortController', 'AbortSignal', 'TextDecoder', 'TextEncoder', 'fetch', 'performance', 'structuredClone'],
  ...['window', 'document', 'navigator', 'getComputedStyle', 'requestAnimationFrame', 'MutationObserver'],
  ...['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'],
];

/** ESLint's max-lines listens for JavaScript's Program node only: the same count for a style sheet. */
const cssMaxLines = {
  meta: { type: 'suggestion', schema: [{ type: 'integer', minimum: 1 }] },
  create(context) {
    const max = context.options[0];
    return {
      StyleSheet(node) {
        const lines = context.sourceCode.lines;
        const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
        if (count > max)
          context.report({ node, message: `${count} lines (at most ${max}): split it by part or step.` });
      },
    };
  },
};

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
  { ...js.configs.recommended, files: ['**/*.{ts,js,mjs,cjs}'] },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No export *: import from the file that holds it.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: MAX_LINES }],
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    files: ['src/**/*.css'],
    language: 'css/css',
    plugins: { css, house: { rules: { 'max-lines': cssMaxLines } } },
    rules: { 'house/max-lines': ['error', MAX_LINES] },
  },
  {
    // Tests: fakes implement async interfaces without awaiting, harnesses load compiled files with require,
    // and tests read JSON bodies they built themselves. The promise rules still hold.
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
