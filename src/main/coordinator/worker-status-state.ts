import type { WorkerMessage } from '../../shared/worker-protocol'
import { defaultDelaySeconds, type WorkerMode } from '../../shared/worker-mode'
import {
  idleWorkerStatus,
  type WorkerProgress,
  type WorkerStatus
} from '../../shared/worker-status'
import type { WorkerHostExit } from './worker-host'

/**
 * The worker status the coordinator reports: every change bumps its version and is handed to
 * `onChange`, except progress, which changes too often to be a status change of its own (it has
 * its own event).
 */
export class WorkerStatusState {
  private value: WorkerStatus = { ...idleWorkerStatus }

  constructor(private readonly onChange: (status: WorkerStatus) => void) {}

  get current(): WorkerStatus {
    return this.value
  }

  update(patch: Partial<WorkerStatus>): void {
    this.value = { ...this.value, ...patch, version: this.value.version + 1 }
    this.onChange(this.value)
  }

  setProgress(progress: WorkerProgress): void {
    this.value = { ...this.value, progress }
  }
}

/** The status of a worker just started. */
export function launchedStatus(
  run: { mode: WorkerMode; delay?: number; brandName?: string },
  pid: number | null,
  now: Date = new Date()
): Partial<WorkerStatus> {
  return {
    is_running: true,
    state: 'starting',
    pid,
    mode: run.mode,
    delay: run.mode === 'continuous' ? (run.delay ?? defaultDelaySeconds) : null,
    current_brand: run.mode === 'brand' ? (run.brandName ?? null) : null,
    progress: null,
    started_at: now.toISOString(),
    next_brand_at: null
  }
}

/**
 * How a worker's message changes the status (progress aside); undefined when it does not.
 * `ready` only moves a starting worker to running: a stop asked for meanwhile stays visible.
 */
export function statusPatchFor(
  message: WorkerMessage,
  status: WorkerStatus
): Partial<WorkerStatus> | undefined {
  switch (message.type) {
    case 'ready':
      return status.state === 'starting' ? { state: 'running' } : undefined
    case 'brand-started':
      return { current_brand: message.brand, progress: null, next_brand_at: null }
    case 'brand-finished':
      return { current_brand: null, progress: null }
    case 'waiting':
      return { next_brand_at: message.until }
    default:
      return undefined
  }
}

/** The status of a worker that has ended, before the coordinator decides what comes next. */
export function exitedStatus(exit: WorkerHostExit, now: Date = new Date()): Partial<WorkerStatus> {
  return {
    is_running: false,
    pid: null,
    current_brand: null,
    progress: null,
    next_brand_at: null,
    last_exit: {
      code: exit.code,
      signal: exit.signal,
      crashed: exit.crashed,
      reason: exit.error ?? exit.reason,
      at: now.toISOString()
    }
  }
}
