import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrandInput } from '../../src/shared/brand'
import type { WorkerRecord } from '../../src/shared/worker-record'
import { CatalogStore } from '../../src/store/catalog-store'
import { sitemapBrandSite } from '../support/brand-sites'
import { overlappingRuns } from '../support/coordinator-harness'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites/start-fixture-site'
import { runCli, startCli, type StartedCli } from '../support/run-cli'
import { makeTempDir } from '../support/temp-dir'

const root = join(__dirname, '..', '..')
const temp = makeTempDir('brand-scraper-cli-workers-')
/** Short heartbeats, so that registry changes show within a fraction of a second. */
const heartbeatEnv = { BRAND_SCRAPER_HEARTBEAT_MS: '200', BRAND_SCRAPER_LEASE_MS: '5000' }
const sites: FixtureSite[] = []

beforeAll(async () => {
  for (const [prefix, products, productDelayMs] of [
    ['Head Monitor', 3, 0],
    ['Asked Monitor', 3, 0],
    // Long enough (about a minute) that it is still being scraped while the test looks; it is stopped.
    ['Held Monitor', 400, 300]
  ] as const) {
    sites.push(
      await startFixtureSite(sitemapBrandSite({ products, productDelayMs, prefix }).routes)
    )
  }
})
afterAll(async () => {
  await Promise.all(sites.map((site) => site.close()))
  temp.cleanup()
})

/** A catalog of only these brands: one that exists is not seeded with the real manufacturers. */
function catalog(name: string, brands: BrandInput[]): string {
  const db = join(temp.dir, name)
  const store = CatalogStore.open(db)
  for (const brand of brands) {
    const added = store.brands.add(brand)
    if (brand.enabled === false) store.brands.update(added.id, { enabled: false })
  }
  store.close()
  return db
}

function withStore<T>(db: string, read: (store: CatalogStore) => T): T {
  const store = CatalogStore.open(db)
  try {
    return read(store)
  } finally {
    store.close()
  }
}

async function api(
  base: string,
  method: string,
  path: string
  // Response bodies are asserted by shape with toMatchObject; typing each one adds nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any }> {
  // The control API takes state-changing requests as JSON only, even without a body.
  const headers: Record<string, string> =
    method === 'GET' ? {} : { 'Content-Type': 'application/json' }
  const response = await fetch(base + path, { method, headers })
  return { status: response.status, json: await response.json() }
}

async function poll<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the original worker commands, exactly', () => {
  const brands = (): BrandInput[] => [
    { name: 'Head Audio', website: sites[0]!.url, priority: 9 },
    { name: 'Asked Audio', website: sites[1]!.url }
  ]

  it('worker --mode once --brand NAME scrapes that brand, not the head of the queue, then exits', async () => {
    const db = catalog('once-brand.db', brands())
    const result = await runCli(['worker', '--mode', 'once', '--brand', 'asked audio', '--db', db])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Started the worker \(pid \d+\) in brand mode for Asked Audio\./)
    expect(result.stdout).toMatch(/\[Asked Audio\] Asked Audio: succeeded\. \d+ pages, 3 products/)
    const runs = withStore(db, (store) => store.runs.list({ limit: 10 }))
    expect(runs.map((run) => [run.brandName, run.status])).toEqual([['Asked Audio', 'succeeded']])
    expect(sites[0]!.requests).toEqual([])
  })

  it('npm run worker:once takes the head of the queue; repeated, it rotates through every brand', async () => {
    const db = catalog('worker-once.db', brands())
    const workerOnce = (): Promise<{ stdout: string }> =>
      promisify(execFile)('npm', ['run', '--silent', 'worker:once', '--', '--db', db], {
        cwd: root
      })
    expect((await workerOnce()).stdout).toMatch(/Started the worker \(pid \d+\) in once mode\./)
    expect((await workerOnce()).stdout).toMatch(/Asked Audio: succeeded/)
    // Both were scraped once; the one due first (scraped longest ago) comes next, not the
    // higher priority every time.
    expect((await workerOnce()).stdout).toMatch(/Head Audio: succeeded/)
    const runs = withStore(db, (store) => store.runs.list({ limit: 10 }).reverse())
    expect(runs.map((run) => [run.brandName, run.trigger])).toEqual([
      ['Head Audio', 'once'],
      ['Asked Audio', 'once'],
      ['Head Audio', 'once']
    ])
    // Three npm + tsx start-ups in a row: slow on a loaded 2-core machine, not a hang.
  }, 150_000)

  it('with no enabled brand, worker --mode once says what to do and exits 0: idle, not a crash', async () => {
    const db = catalog('idle.db', [{ name: 'Off Audio', website: sites[0]!.url, enabled: false }])
    const result = await runCli(['worker', '--mode', 'once', '--db', db])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/INFO {2}There is no enabled brand to scrape\. Add one/)
    expect(result.stdout).toMatch(/had nothing to do and exited\./)
    expect(result.stdout).not.toMatch(/ERROR|crash/i)
  })

  it('npm run dev:worker serves the API and the UI with a continuous worker', async () => {
    const db = catalog('dev-worker.db', [{ name: 'Head Audio', website: sites[0]!.url }])
    // Its own process group, so that the signal reaches npm, tsx and the CLI alike.
    const npm = spawn('npm', ['run', '--silent', 'dev:worker', '--', '--port', '0', '--db', db], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    npm.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const exited = new Promise((resolve) => npm.on('exit', resolve))
    try {
      const url = await poll(
        async () => stdout.match(/serving (http:\/\/127\.0\.0\.1:\d+)/)?.[1],
        'the server'
      )
      const status = await poll(async () => {
        const { json } = await api(url, 'GET', '/api/worker/status')
        return json.mode === 'continuous' && json.is_running ? json : undefined
      }, 'a running continuous worker')
      expect(status).toMatchObject({ worker_count: 1 })
      expect((await fetch(`${url}/`)).status).toBe(200)
    } finally {
      process.kill(-npm.pid!, 'SIGTERM')
      await exited
    }
  })
})

describe('a terminal worker beside serve, on one catalog', () => {
  let serve: StartedCli
  let worker: StartedCli
  let url: string
  let db: string

  beforeAll(async () => {
    db = catalog('shared.db', [{ name: 'Held Audio', website: sites[2]!.url }])
    serve = startCli(['serve', '--port', '0', '--db', db], heartbeatEnv)
    url = (await serve.waitForStdout(/serving (http:\/\/127\.0\.0\.1:\d+)/))[1]!
  })
  afterAll(async () => {
    worker?.child.kill('SIGTERM')
    serve.child.kill('SIGTERM')
    await Promise.all([worker?.done, serve.done])
  })

  it('is listed by GET /api/workers, holds its brand against others, and stops through POST /api/workers/{id}/stop', async () => {
    expect((await api(url, 'GET', '/api/workers')).json).toEqual({ workers: [] })
    worker = startCli(
      ['worker', '--mode', 'continuous', '--min-delay', '0', '--db', db],
      heartbeatEnv
    )
    const listed: WorkerRecord = await poll(async () => {
      const { json } = await api(url, 'GET', '/api/workers')
      const [first] = json.workers as WorkerRecord[]
      return first?.current_brand === 'Held Audio' && first.progress ? first : undefined
    }, 'the terminal worker in GET /api/workers')
    expect(listed).toMatchObject({ mode: 'continuous', state: 'running', stop_requested: false })
    expect(listed.progress).toMatchObject({ brand: 'Held Audio' })
    // serve's own worker is not running; the catalog has one live worker.
    const status = await poll(async () => {
      const { json } = await api(url, 'GET', '/api/worker/status')
      return json.workers === 1 ? json : undefined
    }, 'status.workers')
    expect(status).toMatchObject({ is_running: false, pid: null, worker_count: 0 })

    // Nobody else starts a second crawl of the brand: the API answers 409 naming the worker…
    const scrape = await api(url, 'POST', '/api/worker/scrape/Held%20Audio')
    expect(scrape.status).toBe(409)
    expect(scrape.json.error.message).toContain(
      `Held Audio is being scraped by worker ${listed.id} (pid ${listed.pid} on ${listed.host})`
    )
    // …and so does a second terminal, with exit code 1.
    const second = await runCli(['worker', '--mode', 'once', '--brand', 'Held Audio', '--db', db])
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`Held Audio is being scraped by worker ${listed.id}`)
    // status and brands list say who holds it, and when each brand is due.
    const table = await runCli(['status', '--db', db])
    expect(table.stdout).toMatch(/NEXT DUE \(UTC\)\s+HELD BY/)
    expect(table.stdout).toMatch(new RegExp(`Held Audio .*now\\s+worker ${listed.id} \\(pid`))
    const list = await runCli(['brands', 'list', '--db', db])
    expect(list.stdout).toContain(`next due now\tscraped now by worker ${listed.id}`)

    expect((await api(url, 'POST', '/api/workers/nobody/stop')).status).toBe(404)
    const stop = await api(url, 'POST', `/api/workers/${encodeURIComponent(listed.id)}/stop`)
    expect(stop).toEqual({ status: 200, json: { status: 'stopping', id: listed.id } })
    const ended = await worker.done
    expect(ended.code).toBe(0)
    expect(ended.stdout).toMatch(/a stop was asked for; stopping/)
    expect(ended.stdout).toMatch(/Held Audio: stopped\./)
    await poll(async () => {
      const { json } = await api(url, 'GET', '/api/workers')
      return json.workers.length === 0 ? true : undefined
    }, 'the worker gone from the registry')
    const runs = withStore(db, (store) => store.runs.list({ limit: 10 }))
    expect(runs.map((run) => [run.status, run.workerId])).toEqual([['stopped', listed.id]])
    expect(overlappingRuns(runs)).toEqual([])
  })
})
