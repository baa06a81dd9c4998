import { execFileSync, fork } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { defaultWorkerEntry } from '../../src/main/coordinator/node-worker-transport'
import { descendantPids, isRunning } from '../integration/process-table'
import { sitemapBrandSite } from '../support/brand-sites'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites/start-fixture-site'
import { makeTempDir } from '../support/temp-dir'
import {
  bundleDir,
  eventually,
  isListening,
  root,
  runBuiltCli,
  startBuiltCli,
  startProcess,
  type StartedProcess
} from './built-cli'

/**
 * The built command (issue 12): `brand-scraper` of package.json's `bin` runs the esbuild bundle in
 * out/cli/, in its own process, and forks the bundled worker. These run the real launcher, the
 * real bundle and real processes against fixture sites on 127.0.0.1.
 */
const temp = makeTempDir('brand-scraper-built-')
const sites: FixtureSite[] = []
const started: StartedProcess[] = []

beforeAll(() => {
  // Built once up front; the launcher would otherwise build it on its first start.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root })
}, 60_000)

afterEach(() => {
  for (const { child } of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

afterAll(async () => {
  await Promise.all(sites.map((site) => site.close()))
  temp.cleanup()
})

async function fixtureSite(routes: Parameters<typeof startFixtureSite>[0]): Promise<FixtureSite> {
  const site = await startFixtureSite(routes)
  sites.push(site)
  return site
}

/** Reads /proc's command line of `pid` ('' once it is gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

/**
 * The current build's files: the CLI's entry and every chunk it imports, however deep, and the
 * worker (one file).
 */
function bundleFiles(): string[] {
  const seen = new Set<string>()
  const visit = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    const text = readFileSync(join(bundleDir, name), 'utf8')
    for (const [, chunk] of text.matchAll(/["']\.\/(chunk-[A-Z0-9]+\.js)["']/g)) visit(chunk!)
  }
  visit('run-cli.js')
  return [...seen, 'worker-main.cjs']
}

describe('the built command', () => {
  it('answers --help from the bundle', async () => {
    const help = await runBuiltCli(['--help'])
    expect(help).toMatchObject({ code: 0 })
    expect(help.stdout).toMatch(/npx brand-scraper <command>/)
    expect(existsSync(join(bundleDir, 'run-cli.js'))).toBe(true)
    expect(existsSync(join(bundleDir, 'worker-main.cjs'))).toBe(true)
    // The launcher rebuilds when a listed input is newer or missing: each must be a real file.
    const { inputs } = JSON.parse(readFileSync(join(bundleDir, 'build-inputs.json'), 'utf8')) as {
      inputs: string[]
    }
    expect(inputs).toContain('src/cli/cli.ts')
    expect(inputs.filter((input) => !existsSync(join(root, input)))).toEqual([])
  })

  it('lists brands without loading the scraper, the coordinator, Playwright or React', async () => {
    const db = join(temp.dir, 'list.db')
    const added = await runBuiltCli([
      'brands',
      'add',
      'Listed Audio',
      'https://listed.test/',
      '--db',
      db
    ])
    expect(added).toMatchObject({ code: 0 })
    const record = join(temp.dir, 'imports.txt')
    const listed = await runBuiltCli(['brands', 'list', '--db', db], {
      nodeArgs: ['--import', pathToFileURL(join(__dirname, 'record-imports-hook.mjs')).href],
      env: { RECORD_IMPORTS_FILE: record }
    })
    expect(listed).toMatchObject({ code: 0 })
    expect(listed.stdout).toMatch(/Listed Audio\thttps:\/\/listed\.test\//)
    const loaded = readFileSync(record, 'utf8').trim().split('\n')
    const bundleFiles = loaded.filter((url) => url.startsWith(pathToFileURL(bundleDir).href))
    // The hook saw the bundle run: the entry and the brands command's chunks.
    expect(bundleFiles.length).toBeGreaterThan(1)
    expect(loaded.filter((url) => /\/node_modules\/(playwright|react|cheerio)/.test(url))).toEqual(
      []
    )
    // esbuild heads each module it bundles with a `// path` comment.
    const modules = bundleFiles.flatMap((url) =>
      [...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1]!)
    )
    expect(modules).toContain('src/cli/commands/brands-command.ts')
    const heavyModule =
      /^src\/(scraper|main\/coordinator|main\/server)\/|node_modules\/(cheerio|react|playwright)/
    const heavy = modules.filter((path) => heavyModule.test(path))
    expect(heavy).toEqual([])
  })

  it('starts the bundled worker without the page parsers or Playwright', async () => {
    // What a worker loads before its `ready` is on the way to every scrape's first request; the
    // parsers and the browser load at the first page that needs them.
    const record = join(temp.dir, 'worker-requires.txt')
    const worker = fork(join(bundleDir, 'worker-main.cjs'), [], {
      execArgv: ['--import', pathToFileURL(join(__dirname, 'record-requires-hook.mjs')).href],
      env: { ...process.env, RECORD_REQUIRES_FILE: record },
      stdio: 'ignore'
    })
    const exited = new Promise((resolve) => worker.on('exit', resolve))
    const ready = await new Promise((resolve) => worker.once('message', resolve))
    expect(ready).toMatchObject({ type: 'ready', pid: worker.pid })
    const loaded = readFileSync(record, 'utf8').trim().split('\n')
    worker.send({ type: 'stop' })
    await exited
    expect(loaded).toContainEqual(expect.stringMatching(/node_modules\/better-sqlite3\//))
    expect(
      loaded.filter((file) =>
        /page-libs|node_modules\/(playwright|cheerio|fast-xml|iconv)/.test(file)
      )
    ).toEqual([])
  })

  it('scrapes a fixture brand with the bundled worker', async () => {
    const fixture = sitemapBrandSite({ products: 3, prefix: 'Built Monitor' })
    const site = await fixtureSite(fixture.routes)
    const db = join(temp.dir, 'scrape.db')
    await runBuiltCli(['brands', 'add', 'Built Audio', site.url, '--db', db])
    const run = await runBuiltCli(['worker', '--brand', 'Built Audio', '--db', db], {
      env: { BRAND_SCRAPER_NO_BUILD: '1' }
    })
    expect(run, run.stderr).toMatchObject({ code: 0 })
    const exported = await runBuiltCli(['products', 'export', '--brand', 'Built Audio', '--db', db])
    const names = (JSON.parse(exported.stdout) as { name: string }[]).map((p) => p.name).sort()
    expect(names).toEqual(fixture.products.map((p) => p.name).sort())
  }, 60_000)

  it('loads Playwright only when a page needs the browser', async () => {
    // No chunk imports Playwright at load: the bundle's shim requires it at first use.
    const chunks = bundleFiles()
    expect(chunks).toContain('worker-main.cjs')
    const eager = chunks.filter((name) =>
      /^import .* from "playwright";?$|^var \w+ = require\("playwright"\)/m.test(
        readFileSync(join(bundleDir, name), 'utf8')
      )
    )
    expect(eager).toEqual([])
    // …and the browser path still works through it: a page built by script, rendered.
    const product = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Rendered Widget',
      sku: 'RW-1'
    })
    const markup = `<h1>Rendered Widget</h1><script type="application/ld+json">`
    const script = `document.body.innerHTML = '${markup}' + ${JSON.stringify(product)} + '<\\/script>'`
    const site = await fixtureSite({
      '/widget': `<!doctype html><title>Widget</title><body><script>${script}</script></body>`
    })
    const run = await runBuiltCli(['extract', '--render', `${site.origin}/widget`])
    expect(run, run.stderr).toMatchObject({ code: 0 })
    expect(JSON.parse(run.stdout)).toMatchObject({
      product: { name: 'Rendered Widget', sku: 'RW-1' }
    })
  }, 60_000)

  it('forks the bundled worker when it runs from the bundle, the sources otherwise', () => {
    const bundled = pathToFileURL(join(bundleDir, 'chunk-ABC.js')).href
    expect(defaultWorkerEntry(bundled)).toBe(join(bundleDir, 'worker-main.cjs'))
    expect(defaultWorkerEntry()).toBe(join(root, 'src', 'scraper', 'worker-main.ts'))
  })
})

describe('signals reach the real process', () => {
  /**
   * `serve` with a scrape in flight (the product pages never answer): its worker is a bundled
   * process below it. Returns the server's address and every process below `pid`.
   */
  async function serveWithWorker(
    cli: StartedProcess,
    pid: number
  ): Promise<{ url: string; below: number[] }> {
    const site = await fixtureSite({
      ...sitemapBrandSite({ products: 2 }).routes,
      '/products/*': { hang: true }
    })
    const [, url] = await cli.waitForStdout(/serving (http:\/\/\S+)/)
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
      })
    expect((await post('/api/brands', { name: 'Hanging Audio', website: site.url })).ok).toBe(true)
    expect((await post('/api/worker/scrape/Hanging%20Audio', {})).ok).toBe(true)
    let below: number[] = []
    const workerUp = await eventually(() => {
      below = descendantPids(pid)
      return below.some((child) => commandLine(child).includes('out/cli/worker-main.cjs'))
    })
    expect(workerUp, `no bundled worker below ${pid}: ${below.map(commandLine).join('; ')}`).toBe(
      true
    )
    return { url: url!, below }
  }

  it('SIGTERM to `brand-scraper serve` stops the server and its worker', async () => {
    const db = join(temp.dir, 'serve-direct.db')
    const cli = startBuiltCli(['serve', '--port', '0', '--db', db])
    started.push(cli)
    const { url, below } = await serveWithWorker(cli, cli.child.pid!)
    cli.child.kill('SIGTERM')
    const result = await cli.done
    expect(result.code, result.stderr).toBe(0)
    expect(await eventually(() => below.every((pid) => !isRunning(pid)))).toBe(true)
    expect(await isListening(url)).toBe(false)
  }, 90_000)

  it('SIGTERM to `npm run cli -- serve` leaves no server without a parent', async () => {
    const db = join(temp.dir, 'serve-npm.db')
    const npm = startProcess('npm', [
      'run',
      '--silent',
      'cli',
      '--',
      'serve',
      '--port',
      '0',
      '--db',
      db
    ])
    started.push(npm)
    const { url, below } = await serveWithWorker(npm, npm.child.pid!)
    npm.child.kill('SIGTERM')
    await npm.done
    const gone = await eventually(() => below.every((pid) => !isRunning(pid)))
    expect(gone, `still running: ${below.filter(isRunning).map(commandLine).join('; ')}`).toBe(true)
    expect(await isListening(url)).toBe(false)
  }, 90_000)
})
