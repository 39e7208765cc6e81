// ESLint 9 flat config. `npm run lint` runs it with Prettier's check and lit-analyzer (scripts/lint.mjs).
//
// What it holds:
// - eslint's and typescript-eslint's recommended rules everywhere, plus a few type-aware rules that
//   catch real async bugs (a promise nobody awaits or catches, a promise where a callback is expected);
// - eslint-plugin-lit and eslint-plugin-wc's recommended rules for the widget's code in src/;
// - the import boundaries between src/ folders (below);
// - eslint-config-prettier last, so that no rule argues with Prettier about layout.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// ------------------------------------------------------------------------------ import boundaries
//
// Folders of src/ by where their code runs:
// - neutral: runs in any runtime (browser, Node, a worker); imports only other neutral folders, and no
//   npm package;
// - server/ and sandbox/: Node; import neutral folders and themselves, never each other, never a
//   browser folder, never a file at src/'s root (the element and its entry points);
// - everything else in src/ (camera/, upload/, flow/, signals/, ui/, storage/, persistence/, sources/,
//   workers/, the files at src/'s root, and any folder added later): the browser; never server/ or sandbox/.
// Tests, bench/, scripts/ and demo/ have no boundaries: they wire the pieces together.
//
// Why ESLint's own `no-restricted-imports` and not eslint-plugin-boundaries: the boundaries plugin
// classifies the *resolved* file, so it needs an import resolver that maps our NodeNext `./x.js`
// specifiers to `./x.ts` (eslint-import-resolver-typescript, with a native resolver), two more
// packages and slower runs. Every import in src/ is relative, so the folder an import reaches is
// read off its specifier: a file N folders below src/ reaches src/<folder> by exactly N `../`. The
// blocks below are generated per folder group and per depth, so each rule is an exact regular
// expression on the specifier, with no resolver. Each file falls in exactly one block (a later block
// setting `no-restricted-imports` would replace, not add to, an earlier one's patterns).
// Not covered: dynamic `import()` (the rule does not look at it), and bare specifiers in browser code.

const NEUTRAL = ['api', 'document', 'frame', 'behavior'];
const NODE_ONLY = ['server', 'sandbox'];
const MAX_DEPTH = 6;

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
/** The specifier prefix that climbs from a file `depth` folders below src/ back to src/. */
const up = (depth) => (depth === 0 ? '\\./' : `(?:\\.\\./){${depth}}`);
/** Matches a relative import reaching anything in src/ other than the folders `allowed`. */
const reachesOutside = (depth, allowed) => `^${up(depth)}(?!(?:${allowed.map(escape).join('|')})/)`;
/** Matches a relative import reaching one of `folders` in src/. */
const reaches = (depth, folders) => `^${up(depth)}(?:${folders.map(escape).join('|')})(?:/|$)`;
/** `src/<folder>/` then `depth - 1` more folders, then the file. */
const filesAt = (folders, depth) => folders.map((folder) => `src/${folder}/${'*/'.repeat(depth - 1)}*.ts`);

function boundary(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

const boundaries = [];
for (let depth = 1; depth <= MAX_DEPTH; depth++) {
  boundaries.push(
    boundary(filesAt(NEUTRAL, depth), [
      {
        regex: reachesOutside(depth, NEUTRAL),
        message: `api/, document/, frame/ and behavior/ run in any runtime: they may import only each other (not the browser folders, server/, sandbox/ or src/'s root files).`,
      },
      {
        regex: '^(?![./])',
        message: 'api/, document/, frame/ and behavior/ run in any runtime: they use no package. Add one to eslint.config.js only if it runs everywhere.',
      },
    ]),
  );
  for (const folder of NODE_ONLY) {
    boundaries.push(
      boundary(filesAt([folder], depth), [
        {
          regex: reachesOutside(depth, [...NEUTRAL, folder]),
          message: `${folder}/ may import ${folder}/, api/, document/, frame/ and behavior/ only: not ${NODE_ONLY.filter((f) => f !== folder)}/, a browser folder or src/'s root files.`,
        },
      ]),
    );
  }
}
// The browser: src/'s root files (depth 0) and every other folder at any depth.
for (let depth = 0; depth <= MAX_DEPTH; depth++) {
  const files = depth === 0 ? ['src/*.ts'] : [`src/*/${'*/'.repeat(depth - 1)}*.ts`];
  boundaries.push({
    ...boundary(files, [{ regex: reaches(depth, NODE_ONLY), message: 'Browser code must not import server/ or sandbox/ (Node only).' }]),
    ignores: [...NEUTRAL, ...NODE_ONLY].map((folder) => `src/${folder}/**`),
  });
}

// ------------------------------------------------------------------------------------- the config

export default defineConfig(
  globalIgnores(['dist/', 'examples/*/dist/', 'custom-elements.json', 'test/fixtures/generated/', '.sandbox-data/', '.tmp*/', '.tmp*.mjs']),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (tsc's noUnused* already covers the rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },

  // Type-aware rules for the TypeScript files (tsconfig.json holds them all): a few that find bugs.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test's test(), describe() and hooks return promises the runner itself awaits.
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
            // @open-wc/semantic-dom-diff types every chai .equal() as a promise, for the sake of its .dom.equal (which
            // is one; no test uses it): plain .equal() is not.
            { from: 'package', package: '@open-wc/semantic-dom-diff', name: 'Equal' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },

  // The widget's code: lit templates and custom elements.
  {
    files: ['src/**/*.ts'],
    ignores: [...NEUTRAL, ...NODE_ONLY].map((folder) => `src/${folder}/**`),
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ignores: [...NEUTRAL, ...NODE_ONLY].map((folder) => `src/${folder}/**`),
    ...wc.configs['flat/recommended'],
  },

  // Tests read JSON bodies deep without declaring their shapes, and chai asserts with property reads
  // (`expect(x).to.exist`).
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/**/*.browser.test.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },

  ...boundaries,

  prettier,
);
