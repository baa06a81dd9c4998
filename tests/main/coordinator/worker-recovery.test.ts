import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { WorkerRecovery } from '../../../src/main/coordinator/worker-recovery'
import type { WorkerHostExit } from '../../../src/main/coordinator/worker-host'
import type { LogLevel } from '../../../src/shared/log-entry'
import type { CatalogStore } from '../../../src/store/catalog-store'
import { useTempCatalog } from '../../store/catalog-fixtures'

const catalog = useTempCatalog()

interface Line {
  level: LogLevel
  message: string
  brand: string | null
}

function recovery(store: CatalogStore): { recovery: WorkerRecovery; lines: Line[] } {
  const lines: Line[] = []
  return {
    recovery: new WorkerRecovery(store, (level, message, brand) =>
      lines.push({ level, message, brand })
    ),
    lines
  }
}

/** Registers `id` (with `pid`) and has it claim and start a run of a new brand `brand`. */
function working(store: CatalogStore, id: string, brand: string, pid = process.pid): number {
  store.workers.register({ id, pid, mode: 'continuous', leaseMs: 15_000 })
  const { id: brandId } = store.brands.add({ name: brand, website: 'https://brand.test/' })
  const claim = store.claims.claimBrand(brandId, {
    workerId: id,
    leaseMs: 15_000,
    trigger: 'continuous'
  })
  if ('heldBy' in claim) throw new Error(`${brand} is held`)
  return claim.run.id
}

const crash: WorkerHostExit = {
  code: null,
  signal: 'SIGKILL',
  reason: 'killed',
  requested: false,
  crashed: true,
  error: null,
  notice: null
}

describe('WorkerRecovery', () => {
  it('interrupts the run of its own worker that crashed, frees its brand, and says which run', () => {
    const { store } = catalog
    const runId = working(store, 'w-1', 'KRK')
    const other = working(store, 'w-2', 'Shure')
    const { recovery: subject, lines } = recovery(store)

    subject.expire('w-1', 4242, crash)

    expect(store.runs.get(runId)?.status).toBe('interrupted')
    expect(store.runs.get(runId)?.message).toMatch(
      /worker w-1 \(pid 4242\) crashed \(killed by SIGKILL/
    )
    // Another worker's live run is never touched.
    expect(store.runs.get(other)?.status).toBe('running')
    expect(store.workers.get('w-1')).toBeUndefined()
    expect(store.claims.holder(store.brands.requireByName('KRK').id)).toBeUndefined()
    expect(lines).toEqual([
      {
        level: 'warn',
        message: `Run ${runId} of KRK was interrupted: worker w-1 (pid 4242) ended without finishing it.`,
        brand: 'KRK'
      }
    ])
  })

  it('does nothing for a worker that ended before it registered', () => {
    const { store } = catalog
    const runId = working(store, 'w-1', 'KRK')
    const { recovery: subject, lines } = recovery(store)
    subject.expire(null, 4242, crash)
    expect(store.runs.get(runId)?.status).toBe('running')
    expect(lines).toEqual([])
  })

  it('reports what a reap found: a gone worker, the runs it left, and orphaned runs', async () => {
    const { store } = catalog
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
    await once(child, 'exit')
    const runId = working(store, 'gone-1', 'KRK', child.pid!)
    store.workers.register({ id: 'idle-gone', pid: child.pid!, mode: 'once', leaseMs: 15_000 })
    const { recovery: subject, lines } = recovery(store)

    subject.reaped(store.workers.reap())

    expect(store.runs.get(runId)?.status).toBe('interrupted')
    expect(lines).toContainEqual({
      level: 'warn',
      message: `Run ${runId} of KRK was interrupted: Its worker gone-1 (pid ${child.pid}) is gone.`,
      brand: 'KRK'
    })
    expect(lines).toContainEqual({
      level: 'info',
      message: `Removed worker idle-gone from the registry: Its worker idle-gone (pid ${child.pid}) is gone.`,
      brand: null
    })
    expect(lines).toHaveLength(2)

    subject.reaped({ lapsed: [], orphaned: [store.runs.get(runId)!] })
    expect(lines.at(-1)).toEqual({
      level: 'warn',
      message: `Run ${runId} of KRK was left running by a worker that ended; marked interrupted.`,
      brand: 'KRK'
    })
  })
})
