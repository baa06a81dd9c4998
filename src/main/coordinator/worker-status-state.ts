import type { WorkerMessage } from '../../shared/worker-protocol'
import { defaultDelaySeconds, type WorkerMode } from '../../shared/worker-mode'
import {
  idleWorkerStatus,
  type WorkerProgress,
  type WorkerState,
  type WorkerStatus
} from '../../shared/worker-status'
import type { WorkerHostExit } from './worker-host'

/** What one of the coordinator's worker processes is doing, as the status shows it. */
export interface WorkerSlotStatus {
  state: WorkerState
  pid: number | null
  current_brand: string | null
  progress: WorkerProgress | null
  next_brand_at: string | null
  next_brand: string | null
}

/**
 * What remote workers do for a coordinator in queue mode (`serve --queue`): it has no worker
 * process of its own, so the status says whether its queue is being worked.
 */
export interface QueueLaunchStatus {
  state: 'running' | 'stopped'
  current_brand: string | null
  progress: WorkerProgress | null
}

/** The status fields that come from the worker processes rather than from the whole launch. */
type SlotFields = keyof WorkerSlotStatus | 'is_running' | 'worker_count'

/** A process that is not running (yet, or any more). */
function settledSlot(state: WorkerState): WorkerSlotStatus {
  return {
    state,
    pid: null,
    current_brand: null,
    progress: null,
    next_brand_at: null,
    next_brand: null
  }
}

/**
 * When processes disagree, the status shows the most telling state: one that works makes the
 * launch `running`; a crash shows only once none works any more.
 */
const statePrecedence: WorkerState[] = ['running', 'starting', 'stopping', 'crashed', 'stopped']

/**
 * The worker status the coordinator reports, for all of its worker processes together: every
 * change bumps its version and is handed to `onChange`, except progress, which changes too often
 * to be a status change of its own (it has its own event).
 *
 * Fields of the whole launch (mode, delay, last exit, crashes, notice) are set with
 * {@link update}; each process's own (state, pid, brand, progress) with {@link updateSlot}, and
 * the status shows the first process that has one (`pid` is the first worker's pid).
 */
export class WorkerStatusState {
  private shared: Omit<WorkerStatus, SlotFields | 'version'> = { ...idleWorkerStatus }
  private slots: WorkerSlotStatus[] = []
  private value: WorkerStatus = { ...idleWorkerStatus }
  private queue: QueueLaunchStatus | null = null

  constructor(private readonly onChange: (status: WorkerStatus) => void) {}

  get current(): WorkerStatus {
    return this.value
  }

  /** Sets fields of the whole launch. */
  update(patch: Partial<Omit<WorkerStatus, SlotFields | 'version'>>): void {
    this.shared = { ...this.shared, ...patch }
    this.publish()
  }

  /** Starts over with these processes (a launch); published with the next {@link update}. */
  resetSlots(slots: WorkerSlotStatus[]): void {
    this.slots = slots
  }

  slot(index: number): WorkerSlotStatus | undefined {
    return this.slots[index]
  }

  updateSlot(index: number, patch: Partial<WorkerSlotStatus>): void {
    const slot = this.slots[index]
    if (!slot) return
    this.slots[index] = { ...slot, ...patch }
    this.publish()
  }

  /** A process ended: its own status and the launch's fields change together, in one version. */
  settleSlot(
    index: number,
    slot: WorkerSlotStatus,
    patch: Partial<Omit<WorkerStatus, SlotFields | 'version'>>
  ): void {
    if (this.slots[index]) this.slots[index] = slot
    this.update(patch)
  }

  /**
   * Queue mode: the status shows the queue's launch instead of processes. A change of progress
   * alone is no new version, as with a process's progress.
   */
  updateQueue(patch: Partial<QueueLaunchStatus>): void {
    const before = this.queue
    this.queue = { state: 'stopped', current_brand: null, progress: null, ...before, ...patch }
    const progressOnly = before !== null && Object.keys(patch).every((key) => key === 'progress')
    if (progressOnly) this.value = this.compose(this.value.version)
    else this.publish()
  }

  get queueLaunch(): QueueLaunchStatus | null {
    return this.queue
  }

  setProgress(index: number, progress: WorkerProgress): void {
    const slot = this.slots[index]
    if (!slot) return
    this.slots[index] = { ...slot, progress }
    this.value = this.compose(this.value.version)
  }

  private publish(): void {
    this.value = this.compose(this.value.version + 1)
    this.onChange(this.value)
  }

  private compose(version: number): WorkerStatus {
    if (this.queue) {
      return {
        ...this.shared,
        version,
        is_running: this.queue.state === 'running',
        worker_count: 0,
        state: this.queue.state,
        pid: null,
        current_brand: this.queue.current_brand,
        progress: this.queue.progress,
        next_brand_at: null,
        next_brand: null
      }
    }
    const live = this.slots.filter((slot) => slot.pid !== null)
    const scraping = this.slots.find((slot) => slot.current_brand !== null)
    const waiting = this.slots.find((slot) => slot.next_brand_at !== null)
    const state =
      statePrecedence.find((candidate) => this.slots.some((slot) => slot.state === candidate)) ??
      'stopped'
    return {
      ...this.shared,
      version,
      is_running: live.length > 0,
      worker_count: live.length,
      state,
      pid: live[0]?.pid ?? null,
      current_brand: scraping?.current_brand ?? null,
      progress: scraping?.progress ?? this.slots.find((slot) => slot.progress)?.progress ?? null,
      next_brand_at: waiting?.next_brand_at ?? null,
      next_brand: waiting?.next_brand ?? null
    }
  }
}

/** The launch-wide status of workers just started. */
export function launchedStatus(
  run: { mode: WorkerMode; delay?: number },
  now: Date = new Date()
): Partial<WorkerStatus> {
  return {
    mode: run.mode,
    delay: run.mode === 'continuous' ? (run.delay ?? defaultDelaySeconds) : null,
    started_at: now.toISOString(),
    notice: null
  }
}

/** The status of one worker process just started. */
export function launchedSlot(pid: number | null, brandName?: string): WorkerSlotStatus {
  return { ...settledSlot('starting'), pid, current_brand: brandName ?? null }
}

/**
 * How a worker's message changes its process's status (progress aside); undefined when it does
 * not. `ready` only moves a starting worker to running: a stop asked for meanwhile stays visible.
 */
export function statusPatchFor(
  message: WorkerMessage,
  slot: WorkerSlotStatus
): Partial<WorkerSlotStatus> | undefined {
  switch (message.type) {
    case 'ready':
      return slot.state === 'starting' ? { state: 'running' } : undefined
    case 'brand-started':
      return { current_brand: message.brand, progress: null, next_brand_at: null, next_brand: null }
    case 'brand-finished':
      return { current_brand: null, progress: null }
    case 'waiting':
      return { next_brand_at: message.until, next_brand: message.brand }
    default:
      return undefined
  }
}

/**
 * A process that has ended, before the coordinator decides what comes next: its state, and the
 * launch's `last_exit`.
 */
export function exitedSlot(
  exit: WorkerHostExit,
  state: WorkerState,
  now: Date = new Date()
): { slot: WorkerSlotStatus; last_exit: WorkerStatus['last_exit'] } {
  return {
    slot: settledSlot(state),
    last_exit: {
      code: exit.code,
      signal: exit.signal,
      crashed: exit.crashed,
      reason: exit.error ?? exit.reason,
      at: now.toISOString()
    }
  }
}
