import { afterEach, describe, expect, it } from 'vitest'
import type { LogEntry } from '../../src/shared/log-entry'
import { WorkerLease } from '../../src/scraper/worker-lease'
import { CatalogLogger } from '../../src/store/catalog-logger'
import { useTempCatalog } from '../store/catalog-fixtures'

const catalog = useTempCatalog()
const leases: WorkerLease[] = []

afterEach(() => {
  for (const lease of leases.splice(0)) lease.end()
})

/** A lease whose heartbeat the test beats by hand; the lines it logs. */
function lease(id: string): { lease: WorkerLease; lines: LogEntry[] } {
  const lines: LogEntry[] = []
  const logger = new CatalogLogger(catalog.store.logs, 'worker', (entry) => lines.push(entry))
  const subject = new WorkerLease({
    store: catalog.store,
    logger,
    workerId: id,
    mode: 'continuous',
    heartbeatMs: 3_600_000,
    leaseMs: 15_000
  })
  leases.push(subject)
  return { lease: subject, lines }
}

describe('WorkerLease', () => {
  it('registers the worker at once and reports what it does to every process on the catalog', () => {
    const { lease: subject } = lease('w-1')
    const coordinator = catalog.other
    expect(coordinator.workers.get('w-1')).toMatchObject({ pid: process.pid, mode: 'continuous' })
    subject.report({ state: 'stopping' })
    expect(coordinator.workers.get('w-1')?.state).toBe('stopping')
    subject.beat()
    expect(subject.signal.aborted).toBe(false)
  })

  it('stops on a stop asked for by another process, within one heartbeat, saying so once', () => {
    const { lease: subject, lines } = lease('w-1')
    const coordinator = catalog.other
    expect(coordinator.workers.requestStop('w-1')).toBe(true)
    expect(subject.signal.aborted).toBe(false)
    subject.beat()
    expect(subject.signal.aborted).toBe(true)
    subject.beat()
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['info', 'Worker w-1: a stop was asked for; stopping.']
    ])
  })

  it('stops when its registration is gone, since its brands may be someone else’s now', () => {
    const { lease: subject, lines } = lease('w-1')
    const coordinator = catalog.other
    coordinator.workers.expire('w-1', 'its lease lapsed')
    subject.beat()
    expect(subject.signal.aborted).toBe(true)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'warn' })
    expect(lines[0]!.message).toMatch(/lost its registration.*no brand is scraped twice/)
  })

  it('leaves the registry at its end', () => {
    const { lease: subject } = lease('w-1')
    leases.splice(0)
    subject.end()
    expect(catalog.store.workers.get('w-1')).toBeUndefined()
  })
})
