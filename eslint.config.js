// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/**
 * The import matrix of STYLE.md §1: each folder names the runtime its files run in, and may only
 * import what that runtime has. A wrong import fails the lint, not a review.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto', 'url']
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }]
})

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': [
        'error',
        {
          allowExpressions: true,
          allowTypedFunctionExpressions: true,
          allowHigherOrderFunctions: true
        }
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        ...nodeBuiltins,
        'better-sqlite3',
        'playwright',
        'react',
        'react-dom',
        '../main/*',
        '../scraper/*',
        '../renderer/*',
        '../preload/*'
      ],
      'src/shared runs anywhere: types, contracts and pure functions only.'
    )
  },
  {
    files: ['src/scraper/**'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        'react',
        'react-dom',
        '../renderer/*',
        '../../renderer/*',
        '../preload/*',
        '../main/coordinator/*',
        '../main/server/*',
        '../main/electron/*',
        '../main/cli/*',
        '../../main/coordinator/*',
        '../../main/server/*',
        '../../main/electron/*',
        '../../main/cli/*'
      ],
      'src/scraper runs in the worker process: shared, Node, Playwright and the store only.'
    )
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        'playwright',
        'react',
        'react-dom',
        '../renderer/*',
        '../../renderer/*',
        '../preload/*',
        '../../preload/*',
        '../scraper/*',
        '../../scraper/*'
      ],
      'src/main runs in Electron main and plain Node: only src/main/electron may import electron, and the coordinator never scrapes (no Playwright, no scraper code).'
    )
  },
  {
    files: ['src/main/cli/commands/extract-command.ts'],
    // `extract` is a terminal tool that runs the extractors in its own process, not the coordinator.
    rules: restrict(
      ['electron', 'electron/*', 'react', 'react-dom'],
      'The CLI runs under plain Node.'
    )
  },
  {
    files: ['src/preload/**'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'better-sqlite3',
        'playwright',
        'react',
        '../main/*',
        '../scraper/*',
        '../renderer/*'
      ],
      'The sandboxed preload may use shared and electron only.'
    )
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this app does not use; the virtualizer is fine without it.
      'react-hooks/incompatible-library': 'off',
      ...restrict(
        [
          'electron',
          'electron/*',
          ...nodeBuiltins,
          'better-sqlite3',
          'playwright',
          '../main/*',
          '../../main/*',
          '../../../main/*',
          '../scraper/*',
          '../../scraper/*',
          '../../../scraper/*',
          '../preload/*',
          '../../preload/*'
        ],
        'The renderer is a browser page: shared, the DOM and React only; it talks to main through window.api.'
      )
    }
  }
)
