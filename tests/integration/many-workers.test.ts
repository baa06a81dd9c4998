/**
 * Three workers on one catalog — two terminal workers and `serve`'s — over six fixture brand
 * sites, with SIGKILLs of random workers now and then, until the kills are made good and a brand
 * has come due again (issue 8). Everything is a real process: the CLI (through tsx's loader), its
 * worker child processes, SQLite in WAL mode. The kills are drawn from a fixed seed; the
 * assertions hold whatever the timing, and are read from the catalog file.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WorkerRecord } from '../../src/shared/worker-record'
import { CatalogStore } from '../../src/store/catalog-store'
import { linkedBrandSite, sitemapBrandSite } from '../support/brand-sites'
import { fixtureProducts, startFixtureSite, type FixtureSite } from '../support/fixture-sites/index'
import { makeTempDir } from '../support/temp-dir'
import { CliFleet, type FleetMember } from './cli-fleet'
import { callApi } from '../support/call-api'
import {
  describeHistory,
  laterSuccess,
  overlappingRuns,
  readRuns,
  wrongOutcomes,
  type KilledWorker,
  type RunRow
} from './run-history'

/** Short heartbeats and leases, so a killed worker's brand is taken over within the test. */
const workerEnv = { BRAND_SCRAPER_HEARTBEAT_MS: '250', BRAND_SCRAPER_LEASE_MS: '3000' }
/** How long workers are killed now and then; then they finish what the kills left. */
const chaosMs = 35_000
/** Killing `serve`'s worker more often would make its supervisor give up restarting it. */
const maxServeKills = 3
const seed = 8

/** A fixture brand site and the product names it lists. */
interface BrandSite {
  name: string
  site: FixtureSite
  products: string[]
}

const temp = makeTempDir('brand-scraper-many-workers-')
const db = join(temp.dir, 'catalog.db')
const fleet = new CliFleet(db, workerEnv)
/** Terminal CLIs killed with their worker: they do not exit cleanly. */
const killedMembers = new Set<FleetMember>()
let sites: BrandSite[] = []

/** mulberry32: a small seeded generator, so the kills are drawn the same way on every run. */
function seededRandom(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}.\n${fleet.describe()}\n${describeHistory(readRuns(db), [])}`
      )
    }
    await pause(250)
  }
}

async function startSites(): Promise<BrandSite[]> {
  const routed = async (
    name: string,
    site: { routes: Parameters<typeof startFixtureSite>[0]; products: Array<{ name: string }> }
  ): Promise<BrandSite> => ({
    name,
    site: await startFixtureSite(site.routes),
    products: site.products.map((product) => product.name)
  })
  return Promise.all([
    routed('Atlas Audio', sitemapBrandSite({ products: 40, productDelayMs: 40, prefix: 'Atlas' })),
    routed('Boreal Sound', sitemapBrandSite({ products: 30, productDelayMs: 40, prefix: 'Bor' })),
    routed('Fjord Labs', sitemapBrandSite({ products: 20, prefix: 'Fjord Monitor' })),
    routed('Echo Mixers', linkedBrandSite(16)),
    startFixtureSite('sitemap-index', { products: 24 }).then((site) => ({
      name: 'Cirrus Pro',
      site,
      products: fixtureProducts(24).map((product) => product.name)
    })),
    // Three products a catalog page: twelve keep the last page within the default depth.
    startFixtureSite('links-only', { products: 12 }).then((site) => ({
      name: 'Delta Monitors',
      site,
      products: fixtureProducts(12, 'Linked Amp').map((product) => product.name)
    }))
  ])
}

beforeAll(async () => {
  sites = await startSites()
  // Brands go in before any CLI opens the catalog, so it is not seeded with real manufacturers.
  const store = CatalogStore.open(db)
  sites.forEach(({ name, site }, i) =>
    // The shortest refresh interval there is (36 s): brands fall due again during the test.
    store.brands.add({ name, website: site.url, priority: i % 3, settings: { refreshHours: 0.01 } })
  )
  store.close()
})

afterAll(async () => {
  fleet.killAll()
  await Promise.all(sites.map(({ site }) => site.close()))
  temp.cleanup()
})

/** Kills `victim` (and, for a terminal worker, its CLI too) and starts what replaces it. */
function kill(victim: WorkerRecord, owner: FleetMember): KilledWorker {
  const at = new Date().toISOString()
  process.kill(victim.pid, 'SIGKILL')
  if (owner.kind === 'terminal') {
    // The whole terminal worker dies: no supervisor of its own is left to record the crash, so
    // only the others' lease checks can. A new terminal worker takes its place.
    process.kill(owner.pid, 'SIGKILL')
    killedMembers.add(owner)
    fleet.startTerminalWorker()
  }
  // `serve` restarts its own crashed worker.
  return { workerId: victim.id, pid: victim.pid, at, owner: owner.label }
}

async function killNowAndThen(url: string): Promise<KilledWorker[]> {
  const random = seededRandom(seed)
  const killed: KilledWorker[] = []
  let serveKills = 0
  const end = Date.now() + chaosMs
  let next = Date.now() + 2000 + random() * 2000
  while (Date.now() < end) {
    await pause(200)
    if (Date.now() < next) continue
    const { workers } = await callApi<{ workers: WorkerRecord[] }>(url, '/api/workers')
    // Killed in the middle of a brand, where a kill does harm; and only processes of this test.
    const candidates = workers.flatMap((worker) => {
      const owner = worker.current_brand === null ? undefined : fleet.ownerOf(worker.pid)
      if (!owner || (owner.kind === 'serve' && serveKills >= maxServeKills)) return []
      return [{ worker, owner }]
    })
    if (candidates.length === 0) continue
    const { worker, owner } = candidates[Math.floor(random() * candidates.length)]!
    killed.push(kill(worker, owner))
    if (owner.kind === 'serve') serveKills++
    // A replacement takes seconds to start (tsx compiles): closer kills would leave no one working.
    next = Date.now() + 4000 + random() * 3000
  }
  return killed
}

/** Successful runs of the brand. */
const successes = (runs: RunRow[], brand: string): number =>
  runs.filter((run) => run.brand === brand && run.status === 'succeeded').length

/**
 * The kills have been made good (every interrupted brand was scraped again by another worker),
 * every brand was scraped, and one came due again: the waiting workers woke together for it.
 */
function recovered(runs: RunRow[], killed: KilledWorker[]): boolean {
  const killedIds = new Set(killed.map((kill) => kill.workerId))
  return (
    sites.every(({ name }) => successes(runs, name) >= 1) &&
    sites.some(({ name }) => successes(runs, name) >= 2) &&
    runs.every((run) => !(killedIds.has(run.worker_id ?? '') && run.status === 'running')) &&
    runs
      .filter((run) => run.status === 'interrupted')
      .every((run) => laterSuccess(runs, run) !== undefined)
  )
}

it('three workers, random SIGKILLs: no overlap, no false interruption, nothing lost', async () => {
  fleet.startTerminalWorker()
  fleet.startTerminalWorker()
  const { url } = await fleet.startServe()
  await callApi(url, '/api/worker/start', { mode: 'continuous', delay: 0 })
  await waitUntil(
    () => fleet.running.length === 3 && readRuns(db).length >= 3,
    // Generous: on a loaded 2-core CI machine three tsx-compiled CLIs take a while to start.
    90_000,
    'three workers scraping'
  )

  const killed = await killNowAndThen(url)
  await waitUntil(() => recovered(readRuns(db), killed), 50_000, 'the kills made good, a 2nd round')
  const results = await fleet.stopAll()

  for (const [member, result] of results) {
    // Everything still running at the end stops gracefully when asked.
    if (!killedMembers.has(member)) expect(result.code, `${member.label}: ${result.stderr}`).toBe(0)
  }
  const runs = readRuns(db)
  const history = describeHistory(runs, killed)
  const interrupted = runs.filter((run) => run.status === 'interrupted')
  // The test did what it says: workers were killed in the middle of brands.
  expect(killed.length, history).toBeGreaterThanOrEqual(3)
  expect(interrupted.length, history).toBeGreaterThanOrEqual(2)

  expect(overlappingRuns(runs), history).toEqual([])
  expect(wrongOutcomes(runs, killed), history).toEqual([])
  for (const run of interrupted) expect(laterSuccess(runs, run), history).toBeDefined()
  const unexpected = runs.filter(
    (run) => !['succeeded', 'interrupted', 'stopped'].includes(run.status)
  )
  expect(unexpected, history).toEqual([])

  const sqlite = new Database(db, { readonly: true, fileMustExist: true })
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(sqlite.prepare('SELECT count(*) AS n FROM workers').get()).toEqual({ n: 0 })
    expect(sqlite.prepare('SELECT count(*) AS n FROM claims').get()).toEqual({ n: 0 })
    for (const { name, products } of sites) {
      const rows = sqlite
        .prepare(
          `SELECT p.name, p.url, p.missing_since FROM products p JOIN brands b ON b.id = p.brand_id
           WHERE b.name = ? ORDER BY p.name`
        )
        .all(name) as Array<{ name: string; url: string; missing_since: string | null }>
      // Every product the site lists, exactly once, and none flagged missing: the site lists all.
      expect(
        rows.map((row) => row.name),
        name
      ).toEqual([...products].sort())
      expect(new Set(rows.map((row) => row.url)).size, name).toBe(products.length)
      expect(
        rows.filter((row) => row.missing_since !== null),
        name
      ).toEqual([])
    }
  } finally {
    sqlite.close()
  }
}, 170_000)
