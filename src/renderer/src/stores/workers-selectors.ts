import type { WorkerRecord } from '../../../shared/worker-record'
import type { WorkersState } from './workers-store'

/** Whether a worker was asked to stop (by anyone) or is on its way out: its Stop is done. */
export function workerStopping(state: WorkersState, worker: WorkerRecord): boolean {
  return (
    worker.stop_requested || worker.state === 'stopping' || state.stopsPending.includes(worker.id)
  )
}

/** The live worker scraping a brand now, if the registry lists one. */
export function workerOnBrand(state: WorkersState, brand: string): WorkerRecord | null {
  return state.workers.find((worker) => worker.current_brand === brand) ?? null
}

/** The first worker waiting for a brand to fall due, for "Next: BRAND at TIME". */
export function firstWaitingWorker(state: WorkersState): WorkerRecord | null {
  return state.workers.find((worker) => worker.next_brand && worker.next_brand_at) ?? null
}
