// @ts-check
import { builtinModules } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX, createNodeResolver } from 'eslint-plugin-import-x'
import globals from 'globals'

const root = dirname(fileURLToPath(import.meta.url))

/**
 * The import matrix of STYLE.md §1: each folder of `src/` is a room named after the runtime its
 * files run in, and may only import what that runtime has. A wrong import fails the lint, not a
 * review. Rooms are matched on the RESOLVED target file (import-x/no-restricted-paths), so the
 * rules hold at any folder depth; packages are matched on the specifier (no-restricted-imports).
 *
 * Flat config replaces a rule's options when a later block names the same rule, so no block adds
 * to another: every block's options are computed whole from its room by `matrixRules`, and an
 * exception is written as "the room's rules, minus one thing, for one file".
 */

/** Node's built-in modules, complete, with and without the `node:` prefix. */
const nodeBuiltins = [...new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))]

/**
 * A regex that matches a package and its subpaths (`react`, `react-dom/client`).
 *
 * @param {...string} names
 * @returns {string}
 */
const packages = (...names) =>
  `^(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?:/.*)?$`

const electron = ['electron']
const playwright = ['playwright', 'playwright-core', '@playwright/test']
const sqlite = ['better-sqlite3']
const browserOnly = ['react', 'react-dom', 'zustand', '@tanstack/react-virtual']

/**
 * @typedef {object} Room
 * @property {string[]} rooms the other rooms it may import
 * @property {string[]} [onlyPackages] an allow-list: no other package, and no Node built-in
 * @property {string[]} [neverPackages] a deny-list of packages
 * @property {boolean} [noNode] whether Node built-ins are forbidden
 * @property {string} why the message a wrong import shows
 */

/** @type {Record<string, Room>} */
const rooms = {
  shared: {
    rooms: [],
    onlyPackages: ['zod'],
    why: 'src/shared runs anywhere: zod, types, contracts and pure functions only.'
  },
  store: {
    rooms: ['shared'],
    neverPackages: [...electron, ...playwright, ...browserOnly],
    why: 'src/store runs in any Node process: shared, Node built-ins and better-sqlite3 only.'
  },
  queue: {
    rooms: ['shared'],
    neverPackages: [...electron, ...playwright, ...browserOnly, ...sqlite],
    why: 'src/queue is the Redis transport (BullMQ, ioredis): shared and Node only, never the catalog or the scraper.'
  },
  scraper: {
    rooms: ['shared', 'store', 'queue'],
    neverPackages: [...electron, ...browserOnly],
    why: 'src/scraper runs in the worker process: shared, store, Node and Playwright only.'
  },
  main: {
    rooms: ['shared', 'store', 'queue'],
    neverPackages: [...electron, ...playwright, ...browserOnly],
    why: 'src/main runs in Electron main and plain Node: shared, store and Node only; only src/main/electron may import electron, and the coordinator never scrapes.'
  },
  cli: {
    rooms: ['shared', 'store', 'main', 'scraper', 'queue'],
    neverPackages: [...electron, ...browserOnly],
    why: 'src/cli runs under plain Node: shared, store, main (not main/electron) and scraper.'
  },
  preload: {
    rooms: ['shared'],
    onlyPackages: electron,
    why: 'The sandboxed preload may use shared and electron only.'
  },
  renderer: {
    rooms: ['shared'],
    neverPackages: [...electron, ...playwright, ...sqlite],
    noNode: true,
    why: 'The renderer is a browser page: shared, the DOM and React only; it talks to main through window.api.'
  }
}

/** Folders outside src/ that no source file may reach into. */
const notSource = ['tests', 'bench', 'scripts', 'out']

/**
 * The whole rule set of one room, with a block's additions and exceptions applied to it.
 *
 * @param {string} room a key of `rooms`
 * @param {{ allowPackages?: string[], alsoFrom?: string[], except?: Record<string, string[]> }} [change]
 *   `allowPackages`: packages taken off the deny-list; `alsoFrom`: more folders it may not import;
 *   `except`: per forbidden room, the exact resolved files (with any `?query`) it may import.
 * @returns {import('eslint').Linter.RulesRecord}
 */
function matrixRules(room, change = {}) {
  const { rooms: allowed, onlyPackages, neverPackages = [], noNode, why } = rooms[room]
  const forbidden = Object.keys(rooms).filter((other) => other !== room && !allowed.includes(other))
  const zones = [
    ...forbidden.map((other) => ({
      target: `src/${room}`,
      from: `src/${other}`,
      except: change.except?.[other] ?? [],
      message: why
    })),
    ...[...notSource, ...(change.alsoFrom ?? [])].map((from) => ({
      target: `src/${room}`,
      from,
      message: why
    }))
  ]
  const never = neverPackages.filter((name) => !change.allowPackages?.includes(name))
  const patterns = onlyPackages
    ? // Anything that is neither relative nor on the allow-list, Node built-ins included.
      [{ regex: `^(?!\\.{1,2}(?:/|$))(?!${packages(...onlyPackages).slice(1)})`, message: why }]
    : [
        ...(never.length > 0 ? [{ regex: packages(...never), message: why }] : []),
        // Prefix-only built-ins (node:test, node:sqlite) are not in builtinModules.
        ...(noNode ? [{ regex: '^node:', message: why }] : [])
      ]
  return {
    'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    'no-restricted-imports': [
      'error',
      { paths: noNode ? nodeBuiltins.map((name) => ({ name, message: why })) : [], patterns }
    ]
  }
}

/** The worker entry, bundled by electron-vite as its own entry and imported only by its path. */
const workerEntryPath = './worker-main.ts?modulePath'

/**
 * The scraper's layers, lowest first (STYLE.md §4): a layer never imports one above it, so URL
 * rules, fetching and extraction can each be tested alone. The crawl and the job runner on top
 * may import them all.
 */
const scraperLayers = {
  url: ['fetch', 'extract', 'crawl'],
  fetch: ['extract', 'crawl'],
  extract: ['url', 'fetch', 'crawl']
}

const matrix = [
  ...['shared', 'store', 'queue', 'scraper', 'cli', 'preload', 'renderer'].map((room) => ({
    files: [`src/${room}/**`],
    rules: matrixRules(room, room === 'cli' ? { alsoFrom: ['src/main/electron'] } : {})
  })),
  ...Object.entries(scraperLayers).map(([layer, above]) => ({
    files: [`src/scraper/${layer}/**`],
    rules: matrixRules('scraper', {
      alsoFrom: [...above.map((other) => `src/scraper/${other}`), 'src/scraper/job-runner.ts']
    })
  })),
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    // The headless server shares src/main: only the Electron adapters may pull electron in.
    rules: matrixRules('main', { alsoFrom: ['src/main/electron'] })
  },
  {
    files: ['src/main/electron/**'],
    ignores: ['src/main/electron/main.ts'],
    rules: matrixRules('main', { allowPackages: electron })
  },
  {
    files: ['src/main/electron/main.ts'],
    // `../../scraper/worker-main.ts?modulePath` is the worker entry's built path, not its code.
    rules: matrixRules('main', { allowPackages: electron, except: { scraper: [workerEntryPath] } })
  }
]

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
    files: ['src/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.d.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'] })
      ]
    },
    rules: {
      // No two files import each other, even through a third (type-only imports aside).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // An import the resolver cannot find would slip past the room zones: fail closed.
      // electron/main and its kin are provided by the Electron runtime, not by a file on disk.
      'import-x/no-unresolved': [
        'error',
        { ignore: ['^electron/(?:main|renderer|common|utility)$'] }
      ],
      // The matrix only sees static specifiers.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.type!="Literal"]',
          message: 'Import a literal path so the import matrix can check it.'
        },
        {
          selector: 'ImportExpression[source.value=/^[^.]/]',
          message: 'Import packages statically so the import matrix can check them.'
        },
        {
          selector: 'CallExpression[callee.name="require"]',
          message: 'Use import, so the import matrix can check it.'
        },
        {
          selector: 'TSImportType',
          message: 'Use `import type`, so the import matrix can check it.'
        }
      ]
    }
  },
  ...matrix,
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this app does not use; the virtualizer is fine without it.
      'react-hooks/incompatible-library': 'off'
    }
  }
)
