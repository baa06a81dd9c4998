import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint, type Linter } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Probes the import matrix of STYLE.md §1 with the project's real eslint.config.js. Each probe is
 * linted virtually (`lintText` with a path inside a room, so it leaves no file behind) and imports
 * a real file of the target room, so the rules see a resolved target as they do on real code.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

type Room = 'shared' | 'store' | 'queue' | 'scraper' | 'main' | 'cli' | 'preload' | 'renderer'

/** The matrix as STYLE.md writes it: the rooms each room may import besides itself. */
const allowedRooms: Record<Room, Room[]> = {
  shared: [],
  store: ['shared'],
  queue: ['shared'],
  scraper: ['shared', 'store', 'queue'],
  main: ['shared', 'store', 'queue'],
  cli: ['shared', 'store', 'main', 'scraper', 'queue'],
  preload: ['shared'],
  renderer: ['shared']
}
const allRooms = Object.keys(allowedRooms) as Room[]

/** Where probes of a room are placed: at its top, and three folders down. */
function probePaths(room: Room): string[] {
  const paths = [`src/${room}/lint-probe.ts`, `src/${room}/__probe__/a/b/lint-probe.ts`]
  // The Electron adapters have rules of their own; they must still keep the room's.
  return room === 'main' ? [...paths, 'src/main/electron/__probe__/a/lint-probe.ts'] : paths
}

/** The first module under a folder (not in src/main/electron), found now since files move. */
function firstModule(folder: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .sort(
        (a, b) => Number(a.isDirectory()) - Number(b.isDirectory()) || (a.name < b.name ? -1 : 1)
      )
      .flatMap((entry) => {
        const path = `${dir}/${entry.name}`
        if (entry.isDirectory()) return path === 'src/main/electron' ? [] : walk(path)
        return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
      })
  const [first] = walk(folder)
  if (!first) throw new Error(`no module in ${folder}`)
  return first
}

/** A real module of the room. */
const targetOf = (room: Room): string => firstModule(`src/${room}`)

/** The relative specifier from a probe to a module, without its extension. */
function specifier(from: string, to: string): string {
  const path = relative(dirname(from), to).replace(/\.tsx?$/, '')
  return path.startsWith('.') ? path : `./${path}`
}

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
  return result?.messages ?? []
}

/** Expects one error of `ruleId` on every line of the probe, and nothing unresolved. */
function expectRejected(messages: Linter.LintMessage[], ruleId: string, lines = 1): void {
  const summary = messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`)
  expect(summary.filter((line) => line.includes('no-unresolved'))).toEqual([])
  for (let line = 1; line <= lines; line++) {
    expect(summary, `line ${line}`).toContainEqual(expect.stringMatching(`^${line}: ${ruleId} `))
  }
}

describe('import matrix: rooms', () => {
  const forbidden = allRooms.flatMap((room) =>
    allRooms
      .filter((other) => other !== room && !allowedRooms[room].includes(other))
      .flatMap((other) => probePaths(room).map((probe) => ({ room, other, probe })))
  )

  it.each(forbidden)('rejects $room -> $other from $probe', async ({ probe, other }) => {
    const messages = await lint(probe, `import '${specifier(probe, targetOf(other))}'\n`)
    expectRejected(messages, 'import-x/no-restricted-paths')
  })

  const allowed = allRooms.flatMap((room) =>
    [room, ...allowedRooms[room]].flatMap((other) =>
      probePaths(room).map((probe) => ({ room, other, probe }))
    )
  )

  it.each(allowed)('allows $room -> $other from $probe', async ({ probe, other }) => {
    const messages = await lint(probe, `import '${specifier(probe, targetOf(other))}'\n`)
    expect(messages).toEqual([])
  })

  it('checks re-exports and dynamic imports too', async () => {
    const probe = 'src/renderer/__probe__/a/lint-probe.ts'
    const target = specifier(probe, targetOf('main'))
    const code = `export * from '${target}'\nexport const m = (): Promise<unknown> => import('${target}')\n`
    expectRejected(await lint(probe, code), 'import-x/no-restricted-paths', 2)
  })

  it.each(['tests', 'bench'])('keeps %s out of src', async (folder) => {
    const probe = 'src/store/__probe__/lint-probe.ts'
    const outside = specifier(probe, firstModule(folder))
    expectRejected(await lint(probe, `import '${outside}'\n`), 'import-x/no-restricted-paths')
  })
})

describe('import matrix: packages', () => {
  const forbidden: Record<string, string[]> = {
    'src/shared': [
      'electron',
      'node:fs',
      'path',
      'better-sqlite3',
      'playwright',
      'react',
      'cheerio'
    ],
    'src/store': ['electron', 'electron/main', 'playwright', 'react', 'zustand'],
    'src/queue': ['electron', 'better-sqlite3', 'playwright', 'react'],
    'src/scraper': ['electron', 'react', 'react-dom/client'],
    'src/main': ['electron', 'playwright', 'react'],
    'src/main/electron': ['playwright', 'playwright-core', 'react', 'zustand'],
    'src/cli': ['electron', 'react'],
    'src/preload': ['node:fs', 'fs', 'better-sqlite3', 'playwright', 'react', 'zod'],
    'src/renderer': [
      'electron',
      'node:fs',
      'fs/promises',
      'node:test',
      'better-sqlite3',
      'playwright'
    ]
  }
  const rejected = Object.entries(forbidden).flatMap(([folder, names]) =>
    names.flatMap((name) =>
      [`${folder}/lint-probe.ts`, `${folder}/__probe__/a/b/lint-probe.ts`].map((probe) => ({
        name,
        probe
      }))
    )
  )

  it.each(rejected)('rejects $name in $probe', async ({ name, probe }) => {
    expectRejected(await lint(probe, `import '${name}'\n`), 'no-restricted-imports')
  })

  const allowed: Record<string, string[]> = {
    'src/shared': ['zod'],
    'src/store': ['better-sqlite3', 'node:fs', 'fs'],
    'src/queue': ['bullmq', 'ioredis', 'node:crypto', 'zod'],
    'src/scraper': ['playwright', 'node:path', 'cheerio'],
    'src/main': ['node:http', 'zod'],
    'src/main/electron': ['electron', 'node:path'],
    'src/cli': ['node:fs', 'playwright'],
    'src/preload': ['electron'],
    'src/renderer': ['react', 'react-dom/client', 'zustand', 'zustand/vanilla']
  }
  const passed = Object.entries(allowed).flatMap(([folder, names]) =>
    names.map((name) => ({ name, probe: `${folder}/__probe__/a/lint-probe.ts` }))
  )

  it.each(passed)('allows $name in $probe', async ({ name, probe }) => {
    expect(await lint(probe, `import '${name}'\n`)).toEqual([])
  })

  it.each(['src/shared', 'src/preload', 'src/renderer'])(
    'rejects every Node built-in, with and without node:, in %s',
    async (folder) => {
      const names = [...new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))]
      const code = names.map((name) => `import '${name}'\n`).join('')
      const messages = await lint(`${folder}/__probe__/a/b/lint-probe.ts`, code)
      expectRejected(messages, 'no-restricted-imports', names.length)
    }
  )

  it('rejects package imports the matrix cannot see', async () => {
    const probe = 'src/renderer/__probe__/lint-probe.ts'
    const code = [
      "export const a = (): Promise<unknown> => import('node:fs')",
      'export const b = (name: string): Promise<unknown> => import(name)',
      "export type C = import('electron').App",
      "export const d = require('node:fs')"
    ].join('\n')
    expectRejected(await lint(probe, code), 'no-restricted-syntax', 4)
  })
})

describe('import matrix: exceptions are single files and single specifiers', () => {
  const mainEntry = 'src/main/electron/main.ts'
  const workerEntry = '../../scraper/worker-main.ts?modulePath'
  const withDefault = (spec: string): string => `import entry from '${spec}'\nexport { entry }\n`

  it("allows main.ts's ?modulePath import of the worker entry", async () => {
    expect(await lint(mainEntry, withDefault(workerEntry))).toEqual([])
  })

  it('rejects the same specifier from any other file of src/main/electron', async () => {
    const messages = await lint('src/main/electron/lint-probe.ts', withDefault(workerEntry))
    expectRejected(messages, 'import-x/no-restricted-paths')
  })

  it.each(['../../scraper/worker-main', '../../scraper/job-runner.ts?modulePath'])(
    'rejects another specifier of the scraper in main.ts: %s',
    async (spec) => {
      expectRejected(await lint(mainEntry, withDefault(spec)), 'import-x/no-restricted-paths')
    }
  )

  it("keeps main's other rules in main.ts", async () => {
    expectRejected(
      await lint(mainEntry, "import 'playwright'\nimport 'react'\n"),
      'no-restricted-imports',
      2
    )
    const renderer = specifier(mainEntry, targetOf('renderer'))
    expectRejected(await lint(mainEntry, `import '${renderer}'\n`), 'import-x/no-restricted-paths')
  })

  it('lets only src/main/electron import the Electron adapters', async () => {
    const adapter = firstModule('src/main/electron')
    for (const probe of ['src/main/__probe__/a/lint-probe.ts', 'src/cli/__probe__/lint-probe.ts']) {
      const messages = await lint(probe, `import '${specifier(probe, adapter)}'\n`)
      expectRejected(messages, 'import-x/no-restricted-paths')
    }
    const inside = 'src/main/electron/__probe__/lint-probe.ts'
    expect(await lint(inside, `import '${specifier(inside, adapter)}'\n`)).toEqual([])
  })
})

describe("import matrix: the scraper's layers", () => {
  /** Each layer and the layers above it that it may not import. */
  const above: Record<string, string[]> = {
    url: ['fetch', 'extract', 'crawl'],
    fetch: ['extract', 'crawl'],
    extract: ['url', 'fetch', 'crawl']
  }
  const cases = Object.entries(above).flatMap(([layer, others]) =>
    others.flatMap((other) =>
      [`src/scraper/${layer}/lint-probe.ts`, `src/scraper/${layer}/a/b/lint-probe.ts`].map(
        (probe) => ({ layer, other, probe })
      )
    )
  )

  it.each(cases)('rejects $layer -> $other from $probe', async ({ probe, other }) => {
    const target = firstModule(`src/scraper/${other}`)
    const messages = await lint(probe, `import '${specifier(probe, target)}'\n`)
    expectRejected(messages, 'import-x/no-restricted-paths')
  })

  it('lets the crawl import every layer below it', async () => {
    const probe = 'src/scraper/crawl/a/lint-probe.ts'
    const code = ['url', 'fetch', 'extract']
      .map((layer) => `import '${specifier(probe, firstModule(`src/scraper/${layer}`))}'\n`)
      .join('')
    expect(await lint(probe, code)).toEqual([])
  })
})

describe('import graph: no circles', () => {
  // Cycles need both files on disk; they live a moment in a folder of their own, then go.
  it.each([
    { back: true, errors: 1 },
    { back: false, errors: 0 }
  ])('a file importing its importer is rejected ($back)', async ({ back, errors }) => {
    const folder = `src/shared/__lint-cycle-probe-${process.pid}-${String(back)}__`
    mkdirSync(join(root, folder), { recursive: true })
    try {
      writeFileSync(join(root, folder, 'a.ts'), "import { b } from './b'\nexport const a = b\n")
      writeFileSync(
        join(root, folder, 'b.ts'),
        back
          ? "import { a } from './a'\nexport const b = (): unknown => a\n"
          : 'export const b = 1\n'
      )
      const [result] = await new ESLint({ cwd: root }).lintFiles([join(root, folder, 'a.ts')])
      const cycles = result?.messages.filter((m) => m.ruleId === 'import-x/no-cycle') ?? []
      expect(result?.messages.length).toBe(errors)
      expect(cycles.length).toBe(errors)
    } finally {
      rmSync(join(root, folder), { recursive: true, force: true })
    }
  })
})
