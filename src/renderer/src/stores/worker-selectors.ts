import type { WorkerState } from './worker-store'

/** Whether a worker process is up or on its way up or down: Start waits, Stop applies. */
export function workerBusy({ status }: WorkerState): boolean {
  return status.is_running || status.state === 'starting' || status.state === 'stopping'
}
