/**
 * Scale-out through Redis (issue 9): `serve --queue` and three `worker --queue` processes, each
 * worker in its own working directory and home with no catalog, over six fixture brand sites.
 * Every product of every site arrives in the catalog exactly once; the remote workers are listed
 * by the API with their host and pid, and Stop reaches one of them.
 */
import Database from 'better-sqlite3'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkerRecord } from '../../src/shared/worker-record'
import type { WorkerStatus } from '../../src/shared/worker-status'
import { CatalogStore } from '../../src/store/catalog-store'
import { callApi } from '../support/call-api'
import { QueueFleet } from '../queue/queue-fleet'
import { waitUntil } from '../support/wait-until'
import { startQueueSites, type QueueSite } from '../queue/queue-sites'
import { redisUnavailable } from '../support/redis-server'
import { useRedisServer } from '../support/use-redis-server'
import { makeTempDir } from '../support/temp-dir'

const skip = redisUnavailable()
if (skip) console.warn(skip)

const env = { BRAND_SCRAPER_HEARTBEAT_MS: '250', BRAND_SCRAPER_LEASE_MS: '5000' }

describe.skipIf(skip !== null)('serve --queue with three remote workers', () => {
  const temp = makeTempDir('brand-scraper-queue-fleet-')
  const db = join(temp.dir, 'catalog.db')
  const fleet = new QueueFleet(temp.dir, env)
  const redis = useRedisServer()
  let sites: QueueSite[] = []

  beforeAll(async () => {
    sites = await startQueueSites(6)
    const store = CatalogStore.open(db)
    sites.forEach(({ name, site }, i) =>
      store.brands.add({ name, website: site.url, priority: i % 3 })
    )
    store.close()
  }, 60_000)

  afterAll(async () => {
    fleet.killAll()
    await Promise.all(sites.map(({ site }) => site.close()))
    temp.cleanup()
  })

  it('scrapes every site once, each product exactly once, and lists and stops remote workers', async () => {
    const { url } = await fleet.startServe(db, redis.server.url, ['--worker', 'once'])
    const status = (): Promise<WorkerStatus> => callApi<WorkerStatus>(url, '/api/worker/status')
    // No local process, yet the status says the queue is being worked, and how.
    expect(await status()).toMatchObject({ is_running: true, state: 'running', mode: 'once' })
    const workers = [1, 2, 3].map(() => fleet.startWorker(redis.server.url))
    const catalog = new Database(db, { readonly: true })
    const finished = (): number =>
      (
        catalog
          .prepare(`SELECT count(DISTINCT brand_id) AS n FROM runs WHERE status = 'succeeded'`)
          .get() as { n: number }
      ).n
    await waitUntil(
      () => finished() === sites.length,
      180_000,
      () => fleet.describe()
    )

    for (const { name, products } of sites) {
      const stored = catalog
        .prepare(
          `SELECT p.name FROM products p JOIN brands b ON b.id = p.brand_id WHERE b.name = ?`
        )
        .all(name) as Array<{ name: string }>
      expect(stored.map((row) => row.name).sort(), name).toEqual([...products].sort())
      const runs = catalog
        .prepare(
          `SELECT r.status, r.products_found, r.products_new, r.worker_id FROM runs r
           JOIN brands b ON b.id = r.brand_id WHERE b.name = ?`
        )
        .all(name) as Array<{
        status: string
        products_found: number
        products_new: number
        worker_id: string
      }>
      // One run, which counted each product once: no entry was committed twice.
      expect(runs, name).toHaveLength(1)
      expect(runs[0]).toMatchObject({ status: 'succeeded', products_found: products.length })
      expect(runs[0]!.products_new).toBe(products.length)
    }
    const workerIds = new Set(
      (
        catalog.prepare('SELECT DISTINCT worker_id FROM runs').all() as Array<{ worker_id: string }>
      ).map((row) => row.worker_id)
    )
    expect(workerIds.size).toBeGreaterThan(1)
    // The `once` launch ends with its last job.
    let last: WorkerStatus | undefined
    await waitUntil(
      async () => (last = await status()).state === 'stopped',
      30_000,
      () => JSON.stringify(last)
    )
    expect(last).toMatchObject({ is_running: false, pid: null, current_brand: null })
    // Their log lines are in the catalog's log, with the worker's host.
    const scraping = catalog
      .prepare(`SELECT count(*) AS n FROM logs WHERE source = 'worker' AND message LIKE ?`)
      .get(`[${hostname()}] Scraping %`) as { n: number }
    expect(scraping.n).toBe(sites.length)

    // Every remote worker is listed with its host and pid, and its heartbeat.
    let listed: WorkerRecord[] = []
    await waitUntil(
      async () => {
        listed = (await callApi<{ workers: WorkerRecord[] }>(url, '/api/workers')).workers
        return workers.every((worker) => listed.some((record) => record.pid === worker.pid))
      },
      30_000,
      () => JSON.stringify(listed)
    )
    for (const record of listed) {
      expect(record.host).toBe(hostname())
      expect(Date.parse(record.heartbeat_at)).toBeGreaterThan(0)
    }

    // Stop reaches a remote worker: it exits 0 and leaves the registry.
    const victim = listed.find((record) => record.pid === workers[0]!.pid)!
    await callApi(url, `/api/workers/${encodeURIComponent(victim.id)}/stop`, {})
    const result = await workers[0]!.done
    expect(result.code, result.stderr).toBe(0)
    await waitUntil(
      async () =>
        !(await callApi<{ workers: WorkerRecord[] }>(url, '/api/workers')).workers.some(
          (record) => record.id === victim.id
        ),
      30_000,
      () => fleet.describe()
    )
    expect(catalog.pragma('integrity_check', { simple: true })).toBe('ok')

    // A continuous launch runs until Stop, which the status shows.
    await callApi(url, '/api/worker/start', { mode: 'continuous' })
    expect(await status()).toMatchObject({ is_running: true, mode: 'continuous' })
    expect(await callApi(url, '/api/worker/stop', {})).toEqual({ status: 'stopping' })
    expect(await status()).toMatchObject({ is_running: false, state: 'stopped' })
    expect(await callApi(url, '/api/worker/stop', {})).toEqual({ status: 'not_running' })
    catalog.close()
    await fleet.stopAll()
    // No password, no stack trace in what they printed.
    for (const member of fleet.members) expect(member.stderr()).not.toMatch(/\n\s+at /)
  }, 300_000)
})
