import type { WorkerMessage, WorkerRunConfigInput } from '../../shared/worker-protocol'
import { CrashBackoff, type RestartPolicy } from './crash-backoff'
import { WorkerHost, type WorkerHostExit, type WorkerStopResult } from './worker-host'
import type { WorkerTransportFactory } from './worker-transport'

/** Options of {@link WorkerSupervisor}. */
export interface WorkerSupervisorOptions {
  /** Starts worker processes: utilityProcess in the app, child processes under Node. */
  transport: WorkerTransportFactory
  /** The worker's environment. Default: the allow-listed part of this process's. */
  env?: Record<string, string>
  /** Default: see {@link CrashBackoff}. */
  restartPolicy?: Partial<RestartPolicy>
}

/** What follows an unexplained crash. */
export type CrashOutcome =
  /** The run does not restart on a crash (once, brand). */
  | { kind: 'no-restart'; crashes: number }
  | { kind: 'restart'; crashes: number; inMs: number }
  /** Too many crashes in the policy's window. */
  | { kind: 'gave-up'; crashes: number }

/** How the supervisor reports to its owner. */
export interface WorkerSupervisorHooks {
  /** A validated message of the running worker. */
  message(message: WorkerMessage, host: WorkerHost): void
  /** A line of the running worker's stdout or stderr. */
  output(stream: 'stdout' | 'stderr', line: string, host: WorkerHost): void
  /** The worker ended; `crash` is set when it crashed without saying why. */
  exit(exit: WorkerHostExit, crash: CrashOutcome | undefined): void
  /** The wait after a crash is over: start the crashed run again. */
  restart(): void
}

/**
 * Keeps at most one worker process: starts it, stops it, and restarts a crashed run that asked for
 * it after a growing wait, giving up after too many crashes (see {@link CrashBackoff}).
 */
export class WorkerSupervisor {
  private current: WorkerHost | undefined
  private restartTimer: NodeJS.Timeout | undefined
  private readonly backoff: CrashBackoff
  private idleWaiters: Array<() => void> = []

  constructor(
    private readonly options: WorkerSupervisorOptions,
    private readonly hooks: WorkerSupervisorHooks
  ) {
    this.backoff = new CrashBackoff(options.restartPolicy)
  }

  get restartPolicy(): RestartPolicy {
    return this.backoff.policy
  }

  /** The running worker's host, if one runs. */
  get host(): WorkerHost | undefined {
    return this.current
  }

  /** No worker runs and none is about to be restarted. */
  get idle(): boolean {
    return !this.current && !this.restartTimer
  }

  /**
   * Starts a worker on `config`. `restartOnCrash` (continuous mode) restarts it with backoff
   * after an unexplained crash. Throws when one is running already.
   */
  start(config: WorkerRunConfigInput, restartOnCrash: boolean): WorkerHost {
    if (this.current) throw new Error('A worker is already running.')
    const host = new WorkerHost({ transport: this.options.transport, env: this.options.env })
    let crash: CrashOutcome | undefined
    host.onMessage((message) => this.hooks.message(message, host))
    host.onOutput((stream, line) => this.hooks.output(stream, line, host))
    host.onCrash(() => (crash = this.judgeCrash(restartOnCrash)))
    host.onExit((exit) => this.onExit(host, exit, crash))
    host.start(config)
    this.current = host
    return host
  }

  /**
   * Asks the running worker to stop, then kills it after `timeoutMs` (see {@link WorkerHost.stop});
   * with none running, settles {@link whenIdle} after a cancelled restart.
   */
  async stop(timeoutMs: number): Promise<WorkerStopResult | undefined> {
    if (this.current) return this.current.stop(timeoutMs)
    this.settleIfIdle()
    return undefined
  }

  /**
   * Cancels a pending restart; says whether there was one. {@link whenIdle} stays unsettled: the
   * caller is about to start a worker, or to {@link stop}.
   */
  cancelRestart(): boolean {
    if (!this.restartTimer) return false
    clearTimeout(this.restartTimer)
    this.restartTimer = undefined
    return true
  }

  /** Resolves when no worker runs and none is about to be restarted. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private judgeCrash(restartOnCrash: boolean): CrashOutcome {
    const verdict = this.backoff.recordCrash(Date.now())
    if (!restartOnCrash) return { kind: 'no-restart', crashes: verdict.crashes }
    if (verdict.restartInMs === null) return { kind: 'gave-up', crashes: verdict.crashes }
    return { kind: 'restart', crashes: verdict.crashes, inMs: verdict.restartInMs }
  }

  private onExit(host: WorkerHost, exit: WorkerHostExit, crash: CrashOutcome | undefined): void {
    if (this.current !== host) return
    this.current = undefined
    if (crash?.kind === 'restart') {
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined
        if (!this.current) this.hooks.restart()
        this.settleIfIdle()
      }, crash.inMs)
    }
    this.hooks.exit(exit, crash)
    this.settleIfIdle()
  }

  private settleIfIdle(): void {
    if (!this.idle) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
