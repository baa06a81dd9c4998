import { spawn } from 'node:child_process'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ClaimRequest } from '../../src/store/brand-claims'
import { claimAll, useTempCatalog } from './catalog-fixtures'
import { useClock } from '../support/use-clock'

const catalog = useTempCatalog()
const at = useClock()

const request = (workerId: string, leaseMs = 15_000): ClaimRequest => ({
  workerId,
  leaseMs,
  trigger: 'continuous'
})

const root = join(__dirname, '..', '..')

/** Runs claim-race-child.ts: resolves once it is ready, with a promise of the ids it claims. */
async function startRacer(
  file: string,
  workerId: string
): Promise<{
  go: () => void
  claimed: Promise<number[]>
}> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'claim-race-child.ts'), file, workerId],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] }
  )
  let out = ''
  const lines = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`racer exited ${code}`))
    )
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.startsWith('ready\n')) resolve()
    })
    child.on('exit', () => reject(new Error(`racer ${workerId} ended before it was ready`)))
  })
  return {
    go: () => child.stdin!.write('go\n'),
    claimed: lines.then((all) => JSON.parse(all.at(-1)!) as number[])
  }
}

describe('BrandClaims', () => {
  it('never gives one brand to two stores on the same file', () => {
    const { store } = catalog
    for (let n = 1; n <= 5; n++) store.brands.add({ name: `B${n}`, website: `https://b${n}.test/` })
    const claimed: Record<string, string[]> = { a: [], b: [] }
    for (let turn = 0; turn < 6; turn++) {
      const [id, from] = turn % 2 === 0 ? ['a', store] : ['b', catalog.other]
      const claim = from.claims.claimNext(request(id))
      if (claim) claimed[id]!.push(claim.brand.name)
    }
    expect(claimed).toEqual({ a: ['B1', 'B3', 'B5'], b: ['B2', 'B4'] })
    expect(store.claims.claimNext(request('a'))).toBeUndefined()
    expect(catalog.other.claims.claimNext(request('c'))).toBeUndefined()
    expect([...store.claims.holders().values()].map((holder) => holder.id)).toEqual([
      'a',
      'b',
      'a',
      'b',
      'a'
    ])
  })

  it('never gives one brand to two processes claiming at the same moment', async () => {
    const { store } = catalog
    const brands = 200
    store.db.transaction(() => {
      for (let n = 1; n <= brands; n++) {
        store.brands.add({ name: `Brand ${n}`, website: `https://b${n}.test/` })
      }
    })()
    const racers = await Promise.all(['w1', 'w2', 'w3'].map((id) => startRacer(store.file, id)))
    for (const racer of racers) racer.go()
    const got = await Promise.all(racers.map((racer) => racer.claimed))
    const all = got.flat()
    expect(all).toHaveLength(brands)
    expect(new Set(all).size).toBe(brands)
    // The race happened: more than one process won brands.
    expect(got.filter((ids) => ids.length > 0).length).toBeGreaterThan(1)
    const runs = store.runs.list({ limit: 1000 })
    expect(runs).toHaveLength(brands)
    expect(new Set(runs.map((run) => run.brandId)).size).toBe(brands)
    expect(store.claims.holders().size).toBe(brands)
  }, 60_000)

  it('names the worker holding a brand, and lets that worker alone claim it', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    store.workers.register({ id: 'worker-a', pid: process.pid, mode: 'brand', leaseMs: 15_000 })
    const claim = store.claims.claimBrand(krk.id, { ...request('worker-a'), trigger: 'brand' })
    expect(claim).toMatchObject({
      brand: { name: 'KRK' },
      run: { status: 'running', trigger: 'brand', workerId: 'worker-a' },
      tookOver: null
    })
    const holder = { id: 'worker-a', host: hostname(), pid: process.pid }
    expect(catalog.other.claims.claimBrand(krk.id, request('worker-b'))).toEqual({ heldBy: holder })
    expect(catalog.other.claims.holder(krk.id)).toEqual(holder)
    expect(catalog.other.brands.summary(krk.id).claimedBy).toEqual(holder)
    // Not in the queue for anyone else either.
    expect(catalog.other.claims.claimNext(request('worker-b'))).toBeUndefined()
    expect(catalog.other.claims.nextDue()).toBeUndefined()
    // A holder that never registered is still named.
    const shure = store.brands.add({ name: 'Shure', website: 'https://shure.test/' })
    catalog.other.claims.claimBrand(shure.id, request('unregistered'))
    expect(store.claims.holder(shure.id)).toEqual({
      id: 'unregistered',
      host: 'unknown host',
      pid: 0
    })
    expect(store.runs.list({ limit: 10 }).filter((run) => run.status === 'running')).toHaveLength(2)
  })

  it('takes an expired claim over, interrupting the old worker’s run and naming it', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    at('2026-03-01T12:00:00.000Z')
    const first = store.claims.claimNext(request('worker-a', 10_000))!
    // Within the lease: still held.
    at('2026-03-01T12:00:09.999Z')
    expect(catalog.other.claims.claimNext(request('worker-b'))).toBeUndefined()
    expect(catalog.other.claims.claimBrand(krk.id, request('worker-b'))).toMatchObject({
      heldBy: { id: 'worker-a' }
    })
    at('2026-03-01T12:00:10.001Z')
    expect(catalog.other.claims.holder(krk.id)).toBeUndefined()
    const taken = catalog.other.claims.claimNext(request('worker-b'))!
    expect(taken.brand.name).toBe('KRK')
    expect(taken.run).toMatchObject({ status: 'running', workerId: 'worker-b' })
    expect(taken.tookOver).toMatchObject({
      workerId: 'worker-a',
      run: { id: first.run.id, status: 'interrupted' }
    })
    const old = store.runs.get(first.run.id)!
    expect(old.status).toBe('interrupted')
    expect(old.message).toContain('worker-a')
    expect(old.message).toContain('worker-b')
    expect(store.claims.holder(krk.id)?.id).toBe('worker-b')
    // The brand stays due (an interruption is no success), and worker-a's release is a no-op.
    expect(store.brands.get(krk.id)).toMatchObject({ lastStatus: 'interrupted', nextDueAt: null })
    store.claims.release('worker-a', krk.id)
    expect(store.claims.holder(krk.id)?.id).toBe('worker-b')
  })

  it('takes over an expired claim whose run already ended without touching that run', () => {
    const { store } = catalog
    store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    at('2026-03-01T12:00:00.000Z')
    const first = store.claims.claimNext(request('worker-a', 1_000))!
    const ended = store.runs.finish(first.run.id, 'succeeded', null)
    // worker-a died between finishing its run and releasing its claim; the brand is not due yet,
    // but `once` takes the head of the queue anyway.
    at('2026-03-01T12:00:02.000Z')
    const taken = catalog.other.claims.claimNext(request('worker-b'))!
    expect(taken.tookOver).toEqual({ workerId: 'worker-a', run: null })
    expect(store.runs.get(first.run.id)).toEqual(ended)
  })

  it('releases a claim so that another worker can take the brand', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const claim = store.claims.claimNext(request('worker-a'))!
    store.runs.finish(claim.run.id, 'stopped', null)
    store.claims.release('worker-a', krk.id)
    expect(store.claims.holder(krk.id)).toBeUndefined()
    expect(store.brands.summary(krk.id).claimedBy).toBeNull()
    const next = catalog.other.claims.claimNext(request('worker-b'))!
    expect(next).toMatchObject({ brand: { name: 'KRK' }, tookOver: null })
  })

  it('queues never-scraped brands first, then the earliest due, ties by priority', () => {
    const { store } = catalog
    at('2026-03-01T12:00:00.000Z')
    const add = (name: string, priority: number, refreshHours?: number): number =>
      store.brands.add({
        name,
        website: `https://${name.toLowerCase()}.test/`,
        priority,
        settings: refreshHours ? { refreshHours } : {}
      }).id
    const scraped = (id: number): void => {
      store.runs.finish(store.runs.start(id, 'once').id, 'succeeded', null)
    }
    scraped(add('Hourly', 0, 1))
    scraped(add('HourlyTop', 9, 1))
    scraped(add('HalfHourly', 0, 0.5))
    add('New', 0)
    add('NewTop', 5)
    add('Off', 99)
    store.brands.update(store.brands.findByName('Off')!.id, { enabled: false })

    // `once`: the head of the queue whether due or not.
    expect(claimAll(store, 'worker-a')).toEqual([
      'NewTop',
      'New',
      'HalfHourly',
      'HourlyTop',
      'Hourly'
    ])
  })

  it('with dueBy, claims only brands due by then, and says which brand is due next', () => {
    const { store } = catalog
    at('2026-03-01T12:00:00.000Z')
    for (const [name, refreshHours] of [
      ['Hourly', 1],
      ['HalfHourly', 0.5]
    ] as const) {
      const brand = store.brands.add({
        name,
        website: `https://${name.toLowerCase()}.test/`,
        settings: { refreshHours }
      })
      store.runs.finish(store.runs.start(brand.id, 'once').id, 'succeeded', null)
    }
    store.brands.add({ name: 'New', website: 'https://new.test/' })
    expect(store.claims.nextDue()).toMatchObject({ brand: { name: 'New' }, dueAt: null })

    at('2026-03-01T12:10:00.000Z')
    const now = (): string => new Date().toISOString()
    // Leases outlast the clock's jumps: the claims stay held, as heartbeats would keep them.
    const leaseMs = 24 * 3_600_000
    expect(claimAll(store, 'worker-a', { dueBy: now(), leaseMs })).toEqual(['New'])
    expect(catalog.other.claims.nextDue()).toMatchObject({
      brand: { name: 'HalfHourly' },
      dueAt: '2026-03-01T12:30:00.000Z'
    })
    at('2026-03-01T12:30:00.000Z')
    expect(claimAll(catalog.other, 'worker-b', { dueBy: now(), leaseMs })).toEqual(['HalfHourly'])
    expect(store.claims.nextDue()).toMatchObject({
      brand: { name: 'Hourly' },
      dueAt: '2026-03-01T13:00:00.000Z'
    })
    expect(claimAll(store, 'worker-a', { dueBy: '2026-03-01T12:59:59.999Z' })).toEqual([])
    expect(claimAll(store, 'worker-a', { dueBy: '2026-03-01T13:00:00.000Z' })).toEqual(['Hourly'])
    expect(store.claims.nextDue()).toBeUndefined()
  })
})
