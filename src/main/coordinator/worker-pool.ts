import type { WorkerMessage, WorkerRunConfigInput } from '../../shared/worker-protocol'
import type { WorkerHost, WorkerHostExit, WorkerStopResult } from './worker-host'
import {
  WorkerSupervisor,
  type CrashOutcome,
  type WorkerSupervisorOptions
} from './worker-supervisor'

/** One of the pool's worker processes, and what it was started for. */
export interface WorkerSlot {
  /** Its place in the launch, from 0: the status shows the first slot's pid. */
  readonly index: number
  readonly supervisor: WorkerSupervisor
  readonly config: WorkerRunConfigInput
  /** Continuous mode: a crash restarts it, on this slot's own backoff. */
  readonly restartOnCrash: boolean
  /** Its id in the catalog's worker registry, once its process said `ready`. */
  workerId: string | null
  /** Crashes in the restart policy's window, as its supervisor last counted them. */
  crashes: number
}

/** How the pool reports to its owner, naming the slot each time. */
export interface WorkerPoolHooks {
  message(message: WorkerMessage, slot: WorkerSlot): void
  output(stream: 'stdout' | 'stderr', line: string, slot: WorkerSlot): void
  /** The slot's process ended; `crash` is set when it crashed without saying why. */
  exit(exit: WorkerHostExit, crash: CrashOutcome | undefined, slot: WorkerSlot): void
  /** The slot's wait after a crash is over: start its run again ({@link WorkerPool.restart}). */
  restart(slot: WorkerSlot): void
}

/**
 * The coordinator's worker processes: N of them sharing the catalog's queue (each claims its own
 * brands), each under its own {@link WorkerSupervisor}, so that each restarts after a crash on
 * its own backoff while the others keep working.
 */
export class WorkerPool {
  private current: WorkerSlot[] = []

  constructor(
    private readonly options: WorkerSupervisorOptions,
    private readonly hooks: WorkerPoolHooks
  ) {}

  /** The slots of the last launch. */
  get slots(): readonly WorkerSlot[] {
    return this.current
  }

  /** Slots whose process runs now. */
  get live(): WorkerSlot[] {
    return this.current.filter((slot) => slot.supervisor.host !== undefined)
  }

  /** No process runs and none is about to be restarted. */
  get idle(): boolean {
    return this.current.every((slot) => slot.supervisor.idle)
  }

  /**
   * Starts `count` processes on `config`, each with a fresh crash count (the user started them).
   * The caller checks that the pool is idle first.
   */
  start(config: WorkerRunConfigInput, restartOnCrash: boolean, count: number): WorkerSlot[] {
    if (!this.idle) throw new Error('Workers are already running.')
    this.current = Array.from({ length: count }, (_, index) => {
      const slot: WorkerSlot = {
        index,
        config,
        restartOnCrash,
        workerId: null,
        crashes: 0,
        supervisor: new WorkerSupervisor(this.options, {
          message: (message) => {
            if (message.type === 'ready') slot.workerId = message.workerId
            this.hooks.message(message, slot)
          },
          output: (stream, line) => this.hooks.output(stream, line, slot),
          exit: (exit, crash) => {
            if (crash) slot.crashes = crash.crashes
            this.hooks.exit(exit, crash, slot)
          },
          restart: () => this.hooks.restart(slot)
        })
      }
      return slot
    })
    for (const slot of this.current) slot.supervisor.start(config, restartOnCrash)
    return this.current
  }

  /** Starts a slot's run again after its crash wait; a new process registers with a new id. */
  restart(slot: WorkerSlot): WorkerHost {
    slot.workerId = null
    return slot.supervisor.start(slot.config, slot.restartOnCrash)
  }

  /** The slot whose process registered as `workerId`. */
  slotOf(workerId: string): WorkerSlot | undefined {
    return this.current.find((slot) => slot.workerId === workerId)
  }

  /** Cancels every pending restart; returns the slots that had one. */
  cancelRestarts(): WorkerSlot[] {
    return this.current.filter((slot) => slot.supervisor.cancelRestart())
  }

  /** Stops every process gracefully, killing those still running after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<WorkerStopResult[]> {
    const results = await Promise.all(this.current.map((slot) => slot.supervisor.stop(timeoutMs)))
    return results.filter((result): result is WorkerStopResult => result !== undefined)
  }

  /** Resolves when no process runs and none is about to be restarted. */
  async whenIdle(): Promise<void> {
    // A launch may replace the slots while this waits: wait for the new ones too.
    while (!this.idle) {
      await Promise.all(this.current.map((slot) => slot.supervisor.whenIdle()))
    }
  }
}
