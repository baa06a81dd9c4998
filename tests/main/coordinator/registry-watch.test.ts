import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  RegistryWatch,
  type RegistryWatchHooks
} from '../../../src/main/coordinator/registry-watch'
import type { WorkerRecord } from '../../../src/shared/worker-record'
import type { CatalogStore } from '../../../src/store/catalog-store'
import { useTempCatalog } from '../../store/catalog-fixtures'

const catalog = useTempCatalog()
const watches: RegistryWatch[] = []

afterEach(() => {
  for (const watch of watches.splice(0)) watch.close()
  vi.useRealTimers()
})

interface Seen {
  changed: WorkerRecord[][]
  reaped: Array<Parameters<RegistryWatchHooks['reaped']>[0]>
  failed: Error[]
}

/** A watch that never polls by itself (the test polls), reaping on every poll. */
function watch(store: CatalogStore): { watch: RegistryWatch; seen: Seen } {
  const seen: Seen = { changed: [], reaped: [], failed: [] }
  const subject = new RegistryWatch(
    store,
    {
      changed: (workers) => seen.changed.push(workers),
      reaped: (result) => seen.reaped.push(result),
      failed: (error) => seen.failed.push(error)
    },
    { pollMs: 3_600_000, reapMs: 0 }
  )
  watches.push(subject)
  return { watch: subject, seen }
}

const register = (store: CatalogStore, id: string, pid = process.pid, leaseMs = 15_000): void =>
  store.workers.register({ id, pid, mode: 'continuous', leaseMs })

describe('RegistryWatch', () => {
  it('reports every worker on the catalog when the registry changes, not on heartbeats alone', () => {
    const { store } = catalog
    const { watch: subject, seen } = watch(store)
    expect(subject.poll()).toEqual([])
    expect(seen.changed).toEqual([[]])

    register(store, 'w-1')
    expect(subject.poll()?.map((worker) => worker.id)).toEqual(['w-1'])
    expect(seen.changed.at(-1)?.map((worker) => worker.id)).toEqual(['w-1'])

    store.workers.heartbeat('w-1')
    subject.poll()
    expect(seen.changed).toHaveLength(2)

    store.workers.unregister('w-1')
    subject.poll()
    expect(seen.changed).toHaveLength(3)
    expect(seen.changed.at(-1)).toEqual([])
  })

  it('expires a worker whose process is gone and reports it', async () => {
    const { store } = catalog
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
    await once(child, 'exit')
    register(store, 'gone', child.pid!)
    register(store, 'alive')
    const { watch: subject, seen } = watch(store)

    expect(subject.poll({ leases: false })?.map((worker) => worker.id)).toEqual(['alive'])
    expect(seen.reaped).toHaveLength(1)
    expect(seen.reaped[0]!.lapsed.map((worker) => worker.id)).toEqual(['gone'])
    // Nothing more to reap: nothing more reported.
    subject.poll()
    expect(seen.reaped).toHaveLength(1)
  })

  it('judges lapsed leases only while every heartbeat sent is known to be recorded', () => {
    const { store } = catalog
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'))
    register(store, 'far-away', process.pid, 15_000)
    const { watch: subject, seen } = watch(store)
    let caughtUp = false
    subject.judgeLeasesWhen(() => caughtUp)
    // No heartbeat for longer than its lease.
    vi.setSystemTime(new Date('2026-03-01T12:00:20.000Z'))

    subject.poll()
    expect(seen.reaped).toEqual([])
    expect(store.workers.get('far-away')).toBeDefined()

    caughtUp = true
    subject.poll()
    expect(seen.reaped[0]?.lapsed.map((worker) => worker.id)).toEqual(['far-away'])
    expect(seen.reaped[0]?.lapsed[0]?.why).toMatch(/missed its heartbeats for 15 s/)
    expect(store.workers.get('far-away')).toBeUndefined()
  })
})
