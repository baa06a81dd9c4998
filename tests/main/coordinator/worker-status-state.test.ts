import { describe, expect, it } from 'vitest'
import {
  WorkerStatusState,
  launchedSlot,
  launchedStatus,
  statusPatchFor
} from '../../../src/main/coordinator/worker-status-state'
import type { WorkerStatus } from '../../../src/shared/worker-status'

function launch(count: number): { state: WorkerStatusState; published: WorkerStatus[] } {
  const published: WorkerStatus[] = []
  const state = new WorkerStatusState((status) => published.push(status))
  state.resetSlots(Array.from({ length: count }, (_, i) => launchedSlot(100 + i)))
  state.update(launchedStatus({ mode: 'continuous', delay: 5 }))
  return { state, published }
}

describe('WorkerStatusState with several worker processes', () => {
  it("shows the first worker's pid and the count of processes, in the original shape", () => {
    const { state } = launch(3)
    expect(state.current).toMatchObject({
      is_running: true,
      state: 'starting',
      pid: 100,
      worker_count: 3,
      mode: 'continuous',
      delay: 5
    })
  })

  it('is running while any process works, and crashed only once none does', () => {
    const { state } = launch(2)
    state.updateSlot(0, { state: 'running' })
    state.settleSlot(1, { ...launchedSlot(null), state: 'crashed' }, { recent_crashes: 1 })
    expect(state.current).toMatchObject({ state: 'running', worker_count: 1, recent_crashes: 1 })
    state.settleSlot(0, { ...launchedSlot(null), state: 'stopped' }, {})
    expect(state.current).toMatchObject({ state: 'crashed', is_running: false, pid: null })
  })

  it('shows the brand one process scrapes and the one another waits for', () => {
    const { state } = launch(2)
    const waiting = statusPatchFor(
      { type: 'waiting', until: '2030-01-01T00:00:00.000Z', brand: 'Genelec' },
      state.slot(0)!
    )
    state.updateSlot(0, waiting!)
    state.updateSlot(
      1,
      statusPatchFor({ type: 'brand-started', brand: 'KRK Systems', runId: 4 }, state.slot(1)!)!
    )
    expect(state.current).toMatchObject({
      current_brand: 'KRK Systems',
      next_brand: 'Genelec',
      next_brand_at: '2030-01-01T00:00:00.000Z'
    })
  })

  it('bumps the version on every change but not on progress, which has its own event', () => {
    const { state, published } = launch(1)
    const version = state.current.version
    state.setProgress(0, {
      brand: 'KRK Systems',
      runId: 1,
      pagesVisited: 1,
      pagesDiscovered: 2,
      productsFound: 0,
      productsNew: 0,
      productsUpdated: 0,
      errorCount: 0,
      currentUrl: null,
      startedAt: '2030-01-01T00:00:00.000Z'
    })
    expect(state.current.version).toBe(version)
    expect(state.current.progress).toMatchObject({ pagesVisited: 1 })
    state.updateSlot(0, { state: 'running' })
    expect(published.at(-1)).toMatchObject({ version: version + 1, state: 'running' })
  })
})

describe('WorkerStatusState in queue mode', () => {
  it('shows the queue launch: running and its mode, then stopped; progress is no new version', () => {
    const published: WorkerStatus[] = []
    const state = new WorkerStatusState((status) => published.push(status))
    state.updateQueue({})
    expect(state.current).toMatchObject({ is_running: false, state: 'stopped', pid: null })
    state.update(launchedStatus({ mode: 'once' }))
    state.updateQueue({ state: 'running', current_brand: 'KRK' })
    expect(state.current).toMatchObject({
      is_running: true,
      state: 'running',
      mode: 'once',
      pid: null,
      worker_count: 0,
      current_brand: 'KRK'
    })
    const version = state.current.version
    const progress = {
      brand: 'KRK',
      runId: 1,
      pagesDiscovered: 4,
      pagesVisited: 2,
      productsFound: 1,
      productsNew: 1,
      productsUpdated: 0,
      errorCount: 0,
      currentUrl: null,
      startedAt: '2026-03-01T12:00:00.000Z'
    }
    state.updateQueue({ progress })
    expect(state.current).toMatchObject({ version, progress })
    state.updateQueue({ state: 'stopped', current_brand: null, progress: null })
    expect(state.current).toMatchObject({ is_running: false, state: 'stopped', progress: null })
    expect(published.at(-1)).toEqual(state.current)
  })
})
