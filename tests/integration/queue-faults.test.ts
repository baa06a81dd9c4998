/**
 * The faults scale-out through Redis must survive (issue 9), with a real redis-server (AOF on)
 * and real processes: a remote worker killed mid-brand, the coordinator killed while workers keep
 * sending, Redis restarted mid-run, and a worker pointed at a Redis that is down or refuses its
 * password.
 */
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/store/catalog-store'
import { QueueFleet } from '../queue/queue-fleet'
import { waitUntil } from '../support/wait-until'
import { startQueueSites, type QueueSite } from '../queue/queue-sites'
import {
  freePort,
  redisUnavailable,
  startRedisServer,
  type RedisServer
} from '../support/redis-server'
import { useRedisServer } from '../support/use-redis-server'
import { makeTestCertificate } from '../support/https-fixture-site'
import { makeTempDir } from '../support/temp-dir'

const skip = redisUnavailable()
if (skip) console.warn(skip)

const temps: Array<{ cleanup: () => void }> = []
let fleet: QueueFleet | undefined
/** A Redis of a test's own (with a password, over TLS), stopped after it. */
let ownRedis: RedisServer | undefined
let sites: QueueSite[] = []

afterEach(async () => {
  fleet?.killAll()
  await Promise.all(sites.map(({ site }) => site.close()))
  sites = []
  await ownRedis?.stop()
  ownRedis?.cleanup()
  ownRedis = undefined
  fleet = undefined
})

afterAll(() => temps.forEach((temp) => temp.cleanup()))

interface RunRow {
  id: number
  brand: string
  status: string
  products_found: number
  worker_id: string
}

function runs(catalog: Database.Database): RunRow[] {
  return catalog
    .prepare(
      `SELECT r.id, b.name AS brand, r.status, r.products_found, r.worker_id FROM runs r
       JOIN brands b ON b.id = r.brand_id ORDER BY r.id`
    )
    .all() as RunRow[]
}

const productCount = (catalog: Database.Database): number =>
  (catalog.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n

const succeededBrands = (catalog: Database.Database): number =>
  new Set(
    runs(catalog)
      .filter((run) => run.status === 'succeeded')
      .map((run) => run.brand)
  ).size

/** Every site's products are in the catalog, each once (by name and by URL). */
function expectEveryProductOnce(catalog: Database.Database): void {
  for (const { name, products } of sites) {
    const stored = catalog
      .prepare(
        `SELECT p.name, p.url FROM products p JOIN brands b ON b.id = p.brand_id WHERE b.name = ?`
      )
      .all(name) as Array<{ name: string; url: string }>
    expect(stored.map((row) => row.name).sort(), name).toEqual([...products].sort())
    expect(new Set(stored.map((row) => row.url)).size).toBe(products.length)
  }
  expect(catalog.pragma('integrity_check', { simple: true })).toBe('ok')
}

describe.skipIf(skip !== null)('remote workers through Redis survive faults', () => {
  const redisServer = useRedisServer()

  /** A catalog with `count` slow fixture sites as brands, a fleet, and the suite's (emptied) Redis. */
  async function setUp(
    count: number,
    env: Record<string, string>,
    productDelayMs = 120
  ): Promise<{ db: string; fleet: QueueFleet; redisUrl: string }> {
    const temp = makeTempDir('brand-scraper-queue-faults-')
    temps.push(temp)
    const db = join(temp.dir, 'catalog.db')
    sites = await startQueueSites(count, productDelayMs)
    const store = CatalogStore.open(db)
    for (const { name, site } of sites) store.brands.add({ name, website: site.url })
    store.close()
    fleet = new QueueFleet(temp.dir, { BRAND_SCRAPER_HEARTBEAT_MS: '250', ...env })
    return { db, fleet, redisUrl: redisServer.server.url }
  }

  it('takes over the brand of a worker killed mid-brand once its lock expires', async () => {
    const { db, fleet, redisUrl } = await setUp(1, {
      BRAND_SCRAPER_QUEUE_LOCK_MS: '2000',
      BRAND_SCRAPER_LEASE_MS: '3000'
    })
    await fleet.startServe(db, redisUrl, ['--worker', 'once'])
    const workers = [fleet.startWorker(redisUrl), fleet.startWorker(redisUrl)]
    const catalog = new Database(db, { readonly: true })
    // Killed in the middle of the brand: some products sent, many to come.
    await waitUntil(
      () => runs(catalog).some((run) => run.status === 'running' && run.products_found >= 5),
      120_000,
      () => fleet.describe()
    )
    const killedRun = runs(catalog).find((run) => run.status === 'running')!
    const pid = Number(/-(\d+)-[a-z0-9]+$/.exec(killedRun.worker_id)![1])
    const victim = workers.find((worker) => worker.pid === pid)!
    expect(victim, killedRun.worker_id).toBeDefined()
    process.kill(victim.pid, 'SIGKILL')

    await waitUntil(
      () => succeededBrands(catalog) === 1,
      120_000,
      () => fleet.describe()
    )
    const all = runs(catalog)
    const killed = all.find((run) => run.id === killedRun.id)!
    expect(killed.status).toBe('interrupted')
    expect(killed.products_found).toBeGreaterThanOrEqual(5)
    const survivor = all.find((run) => run.status === 'succeeded')!
    expect(survivor.worker_id).not.toBe(killedRun.worker_id)
    expectEveryProductOnce(catalog)
    catalog.close()
  }, 300_000)

  it('keeps every product sent while the coordinator was killed, none twice', async () => {
    const { db, fleet, redisUrl } = await setUp(3, { BRAND_SCRAPER_LEASE_MS: '120000' })
    const first = await fleet.startServe(db, redisUrl, ['--worker', 'once'])
    fleet.startWorker(redisUrl, ['--concurrency-brands', '2'])
    fleet.startWorker(redisUrl)
    const catalog = new Database(db, { readonly: true })
    await waitUntil(
      () => productCount(catalog) >= 5,
      120_000,
      () => fleet.describe()
    )
    process.kill(first.member.pid, 'SIGKILL')
    await first.member.done
    const atKill = productCount(catalog)
    // The workers keep crawling and sending while no one commits.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect(productCount(catalog)).toBe(atKill)
    await fleet.startServe(db, redisUrl)
    await waitUntil(
      () => succeededBrands(catalog) === sites.length,
      180_000,
      () => fleet.describe()
    )
    expectEveryProductOnce(catalog)
    // Each run counted each of its products once: no entry was committed twice.
    for (const run of runs(catalog)) {
      const expected = sites.find((site) => site.name === run.brand)!.products.length
      expect(run, run.brand).toMatchObject({ status: 'succeeded', products_found: expected })
    }
    catalog.close()
  }, 300_000)

  it('keeps the runs of live workers when the coordinator was down longer than a lease', async () => {
    // A lease of 1.5 s and 4 s without a coordinator: only heartbeats read from the stream at
    // restart show the workers were alive all along.
    const { db, fleet, redisUrl } = await setUp(2, { BRAND_SCRAPER_LEASE_MS: '1500' }, 500)
    const first = await fleet.startServe(db, redisUrl, ['--worker', 'once'])
    fleet.startWorker(redisUrl, ['--concurrency-brands', '2'])
    const catalog = new Database(db, { readonly: true })
    const running = (): number =>
      runs(catalog).filter((run) => run.status === 'running' && run.products_found >= 1).length
    await waitUntil(
      () => running() === sites.length,
      120_000,
      () => fleet.describe()
    )
    process.kill(first.member.pid, 'SIGKILL')
    await first.member.done
    await new Promise((resolve) => setTimeout(resolve, 4000))
    // Still crawling: the restarted coordinator finds runs whose last heartbeat is 4 s old.
    expect(runs(catalog).filter((run) => run.status === 'running')).toHaveLength(sites.length)
    await fleet.startServe(db, redisUrl)
    // Every run ended, whichever way: an interrupted one fails below rather than by a timeout.
    await waitUntil(
      () => runs(catalog).every((run) => run.status !== 'running'),
      180_000,
      () => fleet.describe()
    )
    expect(runs(catalog).map((run) => run.status)).toEqual(sites.map(() => 'succeeded'))
    expectEveryProductOnce(catalog)
    catalog.close()
  }, 300_000)

  it('reconnects workers and coordinator after Redis restarts mid-run', async () => {
    const { db, fleet, redisUrl } = await setUp(3, { BRAND_SCRAPER_LEASE_MS: '60000' }, 400)
    await fleet.startServe(db, redisUrl, ['--worker', 'once'])
    fleet.startWorker(redisUrl, ['--concurrency-brands', '3'])
    const catalog = new Database(db, { readonly: true })
    await waitUntil(
      () => productCount(catalog) >= 5,
      120_000,
      () => fleet.describe()
    )
    // Mid-run: no brand has finished yet.
    expect(succeededBrands(catalog)).toBe(0)
    await redisServer.restart()
    await waitUntil(
      () => succeededBrands(catalog) === sites.length,
      180_000,
      () => fleet.describe()
    )
    expectEveryProductOnce(catalog)
    // Both said so, and that it was back.
    for (const text of [
      fleet.members[1]!.stdout(),
      readFileSync(join(db, '..', 'brand-scraper.log'), 'utf8')
    ]) {
      // Closed with a reset (an error) or cleanly (a reconnect): whichever the client saw first.
      expect(text).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+: the connection was (lost|closed)/)
      expect(text).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is back/)
    }
    catalog.close()
    await fleet.stopAll()
  }, 300_000)

  it('says in one line that Redis is down or refused the password, and exits non-zero', async () => {
    const temp = makeTempDir('brand-scraper-queue-down-')
    temps.push(temp)
    fleet = new QueueFleet(temp.dir)
    const down = fleet.startWorker(`redis://127.0.0.1:${await freePort()}`)
    const result = await down.done
    expect(result.code).not.toBe(0)
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /Cannot use the queue at redis:\/\/127\.0\.0\.1:\d+: connection refused/
      )
    ])

    const redis = (ownRedis = await startRedisServer({ password: 'right-secret' }))
    const wrongUrl = redis.url.replace('right-secret', 'wrong-secret')
    const refused = await fleet.startWorker(wrongUrl).done
    expect(refused.code).not.toBe(0)
    const lines = refused.stderr.trim().split('\n')
    expect(lines).toEqual([expect.stringMatching(/refused the password/)])
    expect(refused.stderr + refused.stdout).not.toContain('wrong-secret')
    expect(lines[0]).toContain('redis://:***@127.0.0.1')

    // The right password works: the worker starts, and says where without the password.
    const good = fleet.startWorker(redis.url)
    await waitUntil(
      () => /takes jobs from/.test(good.stdout()),
      60_000,
      () => fleet!.describe()
    )
    expect(good.stdout()).not.toContain('right-secret')
    process.kill(good.pid, 'SIGTERM')
    expect((await good.done).code).toBe(0)
  }, 120_000)
  it('reaches Redis over TLS (rediss://) when it trusts the certificate, and says so when not', async () => {
    const temp = makeTempDir('brand-scraper-queue-tls-')
    temps.push(temp)
    // A self-signed certificate for localhost, made for this test.
    const { certFile, keyFile } = makeTestCertificate(temp.dir)
    const redis = (ownRedis = await startRedisServer({
      password: 'tls-secret',
      tls: { certFile, keyFile }
    }))
    expect(redis.url).toMatch(/^rediss:\/\//)

    // Not trusted: the certificate is checked, never waved through.
    fleet = new QueueFleet(temp.dir)
    const untrusted = await fleet.startWorker(redis.url).done
    expect(untrusted.code).not.toBe(0)
    expect(untrusted.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /Cannot use the queue at rediss:\/\/:\*\*\*@localhost:\d+: .*NODE_EXTRA_CA_CERTS/
      )
    ])
    expect(untrusted.stderr + untrusted.stdout).not.toContain('tls-secret')

    // Trusted (as a private CA would be, through Node's NODE_EXTRA_CA_CERTS): it takes jobs.
    const trusting = new QueueFleet(temp.dir, { NODE_EXTRA_CA_CERTS: certFile })
    const good = trusting.startWorker(redis.url)
    try {
      await waitUntil(
        () => /takes jobs from/.test(good.stdout()),
        60_000,
        () => trusting.describe()
      )
      expect(good.stdout()).not.toContain('tls-secret')
      process.kill(good.pid, 'SIGTERM')
      expect((await good.done).code).toBe(0)
    } finally {
      trusting.killAll()
    }
  }, 120_000)
})
