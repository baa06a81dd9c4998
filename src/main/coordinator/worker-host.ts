import { EventEmitter } from 'node:events'
import { describeZodError } from '../../shared/zod-error'
import {
  workerMessageSchema,
  workerRunConfigSchema,
  type WorkerMessage,
  type WorkerRunConfigInput
} from '../../shared/worker-protocol'
import { lowerPriority } from './lower-priority'
import { allowListedEnv } from './worker-env'
import type { WorkerProcessExit, WorkerTransport, WorkerTransportFactory } from './worker-transport'

/** How a hosted worker ended, as its host classifies it. */
export interface WorkerHostExit extends WorkerProcessExit {
  /** The host asked it to stop ({@link WorkerHost.stop}). */
  requested: boolean
  /** It ended abnormally: a non-zero code or a signal, unless the host killed it after a stop. */
  crashed: boolean
  /** What the worker said in its `finished` message when it could not do its work, else null. */
  error: string | null
  /**
   * What the worker said in its `finished` message when it had nothing to do (no enabled brand,
   * every brand held by another worker), else null: an idle end, not a crash.
   */
  notice: string | null
}

/** Options of {@link WorkerHost}. */
export interface WorkerHostOptions {
  /** Starts the process: a utilityProcess in the app, a Node child process elsewhere. */
  transport: WorkerTransportFactory
  /** The worker's whole environment. Default: the allow-listed part of this process's. */
  env?: Record<string, string>
}

/** What {@link WorkerHost.stop} saw. */
export interface WorkerStopResult {
  exit: WorkerHostExit
  /** The worker did not stop within the timeout and was killed. */
  killed: boolean
}

type Unsubscribe = () => void

interface WorkerHostEvents {
  message: [WorkerMessage]
  output: [stream: 'stdout' | 'stderr', line: string]
  crash: [WorkerHostExit]
  exit: [WorkerHostExit]
}

/**
 * One worker process with its whole lifecycle, like VS Code's UtilityProcess wrapper: start once,
 * hand it its run, validate what it says, stop it gracefully with a deadline then kill, and
 * classify how it ended. The transport (utilityProcess or child process) is the only part that
 * differs between hosts.
 *
 * Events: `onMessage` (validated protocol messages), `onOutput` (its stdout and stderr lines, and
 * malformed messages), `onCrash` (an abnormal end the worker did not explain) just before
 * `onExit` (every end).
 */
export class WorkerHost {
  private readonly events = new EventEmitter()
  private transport: WorkerTransport | undefined
  private exited: Promise<WorkerHostExit> | undefined
  private exit: WorkerHostExit | undefined
  private stopRequested = false
  private killedByHost = false
  private workerError: string | null = null
  private workerNotice: string | null = null

  constructor(private readonly options: WorkerHostOptions) {}

  /** The process id, once started (null before, or when the transport has none). */
  get pid(): number | null {
    return this.transport?.pid ?? null
  }

  onMessage(listener: (message: WorkerMessage) => void): Unsubscribe {
    return this.listen('message', listener)
  }

  onOutput(listener: (stream: 'stdout' | 'stderr', line: string) => void): Unsubscribe {
    return this.listen('output', listener)
  }

  onCrash(listener: (exit: WorkerHostExit) => void): Unsubscribe {
    return this.listen('crash', listener)
  }

  onExit(listener: (exit: WorkerHostExit) => void): Unsubscribe {
    return this.listen('exit', listener)
  }

  /** Starts the process and sends it `config` once it says it is ready. Refuses a second start. */
  start(config: WorkerRunConfigInput): void {
    if (this.transport) throw new Error('This worker host has already started a process.')
    const runConfig = workerRunConfigSchema.parse(config)
    const transport = this.options.transport({ env: this.options.env ?? allowListedEnv() })
    this.transport = transport
    lowerPriority(transport.pid)
    this.exited = new Promise((resolve) => {
      transport.onExit((processExit) => {
        const exit = this.classify(processExit)
        this.exit = exit
        if (exit.crashed && exit.error === null) this.emit('crash', exit)
        this.emit('exit', exit)
        resolve(exit)
      })
    })
    transport.onOutput((stream, line) => this.emit('output', stream, line))
    transport.onMessage((raw) => {
      const parsed = workerMessageSchema.safeParse(raw)
      if (!parsed.success) {
        const problem = `Malformed message from worker: ${describeZodError(parsed.error)}`
        this.emit('output', 'stderr', problem)
        return
      }
      const message = parsed.data
      if (message.type === 'ready') transport.send({ type: 'run', config: runConfig })
      if (message.type === 'finished') {
        this.workerError = message.error
        this.workerNotice = message.notice
      }
      this.emit('message', message)
    })
  }

  /**
   * Asks for a graceful stop; kills the process if it has not exited after `timeoutMs`.
   * Resolves once it has exited; undefined when it was never started.
   */
  async stop(timeoutMs = 10_000): Promise<WorkerStopResult | undefined> {
    if (!this.transport || !this.exited) return undefined
    if (this.exit) return { exit: this.exit, killed: false }
    this.stopRequested = true
    this.transport.send({ type: 'stop' })
    const exit = await this.waitForExit(timeoutMs)
    if (exit) return { exit, killed: false }
    this.killedByHost = true
    this.transport.kill()
    return { exit: await this.exited, killed: true }
  }

  /** The exit, or undefined if the process is still running after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<WorkerHostExit | undefined> {
    if (!this.exited) return undefined
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs)
    })
    try {
      return await Promise.race([this.exited, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private classify(exit: WorkerProcessExit): WorkerHostExit {
    // The kill that ends a stop the worker did not finish in time is ours, not a crash.
    const killedAfterStop = this.killedByHost || (this.stopRequested && exit.signal === 'SIGKILL')
    return {
      ...exit,
      requested: this.stopRequested,
      crashed: exit.code !== 0 && !killedAfterStop,
      error: this.workerError,
      notice: this.workerNotice
    }
  }

  private listen<E extends keyof WorkerHostEvents>(
    event: E,
    listener: (...args: WorkerHostEvents[E]) => void
  ): Unsubscribe {
    this.events.on(event, listener)
    return () => void this.events.off(event, listener)
  }

  private emit<E extends keyof WorkerHostEvents>(event: E, ...args: WorkerHostEvents[E]): void {
    this.events.emit(event, ...args)
  }
}
