#!/usr/bin/env node
/**
 * Bundles the terminal command and the worker it forks into `out/cli/` with esbuild: plain
 * JavaScript that Node starts at once, where tsx compiled every TypeScript file on each start.
 *
 * - `out/cli/run-cli.js`: the CLI (`brand-scraper`, `npm run cli`); each command is its own chunk,
 *   loaded only when it runs, so `brands list` never loads the scraper, Playwright or the server.
 * - `out/cli/worker-main.cjs`: the worker process that `serve` and `worker` fork, as one file.
 * - `out/cli/build-inputs.json`: the project files the bundle was built from, so the launcher can
 *   tell a stale bundle from a fresh one without loading esbuild (see bin/brand-scraper.mjs).
 *
 * Native or heavy packages stay outside the bundle and load from node_modules as usual. The build
 * writes into a scratch folder and renames each file into place, so two launchers that find the
 * bundle stale at the same moment (parallel tests) never run a half-written file.
 *
 * Run: `node scripts/build-cli.mjs` (also part of `npm run build`); the launcher runs it on demand.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { build, stop } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the bundle lives; `src/cli/cli-paths.ts` relies on it being two folders below the root. */
export const cliOutDir = join(root, 'out', 'cli')

/** The worker's file in {@link cliOutDir}; src/main/coordinator/node-worker-transport.ts forks it. */
const workerName = 'worker-main.cjs'

/** The list of inputs the launcher checks for staleness. */
export const buildInputsFile = join(cliOutDir, 'build-inputs.json')

/**
 * Packages loaded from node_modules instead of bundled: native addons (better-sqlite3), the
 * browser driver (playwright, which finds its own files on disk), the queue client, and the
 * tools the CLI runs rather than imports.
 */
const external = [
  'better-sqlite3',
  'playwright',
  'playwright-core',
  'bullmq',
  'ioredis',
  'esbuild',
  'electron',
  'electron-vite',
  'tsx',
  'swagger-ui-dist'
]

/**
 * `import { chromium } from 'playwright'` in the bundle loads Playwright at the first use of
 * `chromium`, not at start: Playwright alone costs a worker several times Node's own start-up,
 * and most brands never need the browser. Playwright is CommonJS, so a synchronous require at
 * that moment suffices; methods are bound to the real object (it keeps private state). A value
 * other than `chromium` imported from 'playwright' fails the build here ("No matching export"),
 * to be added below. Type imports are erased and never reach this.
 */
const lazyPlaywright = {
  name: 'lazy-playwright',
  setup(build) {
    build.onResolve({ filter: /^playwright$/ }, () => ({ path: 'playwright', namespace: 'lazy' }))
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      loader: 'js',
      contents: `
const load = require
let real
const playwright = () => (real ??= load('playwright'))
export const chromium = new Proxy({}, {
  get(_, key) {
    const target = playwright().chromium
    const value = Reflect.get(target, key)
    return typeof value === 'function' ? value.bind(target) : value
  }
})
`
    }))
  }
}

/** The page parsers' own bundle, loaded at the first response a worker reads (see lazyPageLibs). */
const pageLibsName = 'page-libs.cjs'

/**
 * cheerio (with parse5, htmlparser2 and their entity tables), iconv-lite and fast-xml-parser are
 * over a megabyte of code a worker needs only once a page or sitemap has come back, not to start,
 * claim its brand and send its first request: here they are bundled apart, as CommonJS, and loaded
 * synchronously at their first use, so the worker's start parses a fraction of the code. The
 * shims forward to the real objects. Only cheerio's `load` is there: its main entry adds loaders
 * from URLs and streams that pull in undici, an HTTP client the extractors never use. A value not
 * listed here imported from one of these packages fails the build ("No matching export"), to be
 * added below; type imports are erased and never reach this.
 */
const lazyPageLibs = {
  name: 'lazy-page-libs',
  setup(build) {
    build.onResolve({ filter: /^(cheerio|iconv-lite|fast-xml-parser|lazy-page-libs)$/ }, (args) =>
      args.importer.includes('node_modules')
        ? undefined
        : { path: args.path, namespace: 'lazy-page' }
    )
    const shims = {
      'lazy-page-libs': `
const load = require
let real
export const pageLibs = () => (real ??= load('./${pageLibsName}'))
`,
      cheerio: `
import { pageLibs } from 'lazy-page-libs'
export const load = (...args) => pageLibs().load(...args)
`,
      'iconv-lite': `
import { pageLibs } from 'lazy-page-libs'
export default new Proxy({}, {
  get(_, key) {
    const target = pageLibs().iconv
    const value = Reflect.get(target, key)
    return typeof value === 'function' ? value.bind(target) : value
  }
})
`,
      'fast-xml-parser': `
import { pageLibs } from 'lazy-page-libs'
export class XMLParser {
  constructor(...args) {
    return new (pageLibs().XMLParser)(...args)
  }
}
`
    }
    build.onLoad({ filter: /.*/, namespace: 'lazy-page' }, (args) => ({
      loader: 'js',
      contents: shims[args.path]
    }))
  }
}

/** Builds {@link pageLibsName} into `outdir`: what the shims of {@link lazyPageLibs} load. */
async function buildPageLibs(outdir) {
  const cheerioDir = dirname(createRequire(import.meta.url).resolve('cheerio'))
  await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        `export { load } from ${JSON.stringify(join(cheerioDir, 'load-parse.js'))}`,
        "export { default as iconv } from 'iconv-lite'",
        "export { XMLParser } from 'fast-xml-parser'"
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'page-libs.js'
    },
    outfile: join(outdir, pageLibsName),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none'
  })
}

/**
 * zod's namespace object (`z`) re-exports the error messages of ~50 languages (`z.locales`), half
 * of zod's code, which every process of ours would parse at start only to use the English ones
 * zod sets by default. Here `z.locales` holds English only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(join('node_modules', 'zod'))
        ? { path: join(dirname(args.importer), '..', 'locales', 'en-only.js'), namespace: 'zod-en' }
        : undefined
    )
    build.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      loader: 'js',
      resolveDir: dirname(args.path),
      contents: `export { default as en } from './en.js'`
    }))
  }
}

/** Old chunks a running process might still load are kept this long after a rebuild. */
const staleChunkGraceMs = 10 * 60_000

/**
 * Builds the bundle. Resolves with the entry files' paths.
 *
 * @returns {Promise<{ cli: string, worker: string }>}
 */
export async function buildCli() {
  mkdirSync(cliOutDir, { recursive: true })
  const scratch = mkdtempSync(join(cliOutDir, '.build-'))
  try {
    const shared = {
      absWorkingDir: root,
      outdir: scratch,
      bundle: true,
      platform: 'node',
      target: 'node20',
      external,
      plugins: [lazyPlaywright, lazyPageLibs, zodEnglishOnly],
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
      legalComments: 'none'
    }
    const results = await Promise.all([
      build({
        ...shared,
        entryPoints: { 'run-cli': 'src/cli/run-cli.ts' },
        splitting: true,
        format: 'esm',
        // Chunks beside the entries: code that resolves paths from import.meta.url sees out/cli/.
        chunkNames: 'chunk-[hash]',
        // Bundled CommonJS packages call require() for Node built-ins, as do the lazy shims above;
        // ESM has no require of its own.
        banner: {
          js: [
            "import { createRequire as __bsCreateRequire } from 'node:module'",
            'const require = __bsCreateRequire(import.meta.url)'
          ].join('\n')
        }
      }),
      // The worker is one CommonJS file: its start (on the way to a scrape's first request) then
      // reads and compiles one script, where ES module chunks cost a resolve, a read and a
      // module record each, and their parse is slower (~40 ms of the worker's ~180 ms here).
      build({
        ...shared,
        entryPoints: { [workerName.replace(/\.cjs$/, '')]: 'src/scraper/worker-main.ts' },
        outExtension: { '.js': '.cjs' },
        format: 'cjs'
      })
    ])
    await buildPageLibs(scratch)
    // The project's own files: packages change only with package-lock.json (listed below), and
    // the lazy-Playwright shim is no file at all.
    const inputs = [
      ...new Set(results.flatMap((result) => Object.keys(result.metafile.inputs)))
    ].filter((file) => !file.includes('node_modules') && existsSync(join(root, file)))
    writeFileSync(
      join(scratch, 'build-inputs.json'),
      JSON.stringify({
        inputs: [...inputs, 'package.json', 'package-lock.json', 'scripts/build-cli.mjs']
      })
    )
    const built = readdirSync(scratch)
    // Chunks first, entries next, the inputs list last: whoever sees the new list finds it all.
    const order = (name) => (name.startsWith('chunk-') ? 0 : name === 'build-inputs.json' ? 2 : 1)
    for (const name of built.sort((a, b) => order(a) - order(b))) {
      renameSync(join(scratch, name), join(cliOutDir, name))
    }
    removeOldChunks(new Set(built))
  } finally {
    rmSync(scratch, { recursive: true, force: true })
    // esbuild's service is a child process: the CLI runs on in this process, and must leave no
    // child behind that it did not mean to start.
    await stop()
  }
  return { cli: join(cliOutDir, 'run-cli.js'), worker: join(cliOutDir, workerName) }
}

/** Drops chunks of earlier builds once no process started from them can still need them. */
function removeOldChunks(current) {
  const now = Date.now()
  for (const name of readdirSync(cliOutDir)) {
    if (current.has(name) || !name.startsWith('chunk-')) continue
    const file = join(cliOutDir, name)
    if (now - statSync(file).mtimeMs > staleChunkGraceMs) rmSync(file, { force: true })
  }
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const started = performance.now()
  const { cli } = await buildCli()
  const ms = Math.round(performance.now() - started)
  process.stderr.write(`Built ${relative(root, cli)} and its worker in ${ms} ms.\n`)
}
