import { createInterface } from 'node:readline'
import { app, utilityProcess, type Details, type UtilityProcess } from 'electron'
import type {
  WorkerProcessExit,
  WorkerSpawnOptions,
  WorkerTransport,
  WorkerTransportFactory
} from '../coordinator/worker-transport'
import type { CoordinatorMessage } from '../../shared/worker-protocol'

/** Options of {@link createUtilityWorkerTransportFactory}. */
export interface UtilityWorkerTransportOptions {
  /** Absolute path of the built worker entry (electron-vite's `?modulePath` import). */
  modulePath: string
  /**
   * How long to wait, after the process exits, for Electron's `child-process-gone` event that
   * says why. Default: 200 ms.
   */
  goneEventGraceMs?: number
}

let forkCount = 0

/**
 * Starts workers as Electron utility processes: the Electron build of the transport the
 * coordinator's worker host uses (the headless server uses a Node child process instead).
 *
 * stdout and stderr are piped and reported line by line; the exit reason comes from
 * `app.on('child-process-gone')`, matched by the fork's unique service name.
 */
export function createUtilityWorkerTransportFactory(
  options: UtilityWorkerTransportOptions
): WorkerTransportFactory {
  return (spawn: WorkerSpawnOptions) => new UtilityWorkerTransport(options, spawn)
}

class UtilityWorkerTransport implements WorkerTransport {
  private readonly child: UtilityProcess
  private readonly serviceName: string
  private readonly messageListeners: Array<(message: unknown) => void> = []
  private readonly outputListeners: Array<(stream: 'stdout' | 'stderr', line: string) => void> = []
  private readonly exitListeners: Array<(exit: WorkerProcessExit) => void> = []
  private gone: Details | null = null
  private exited = false

  constructor(
    private readonly options: UtilityWorkerTransportOptions,
    spawn: WorkerSpawnOptions
  ) {
    this.serviceName = `Brand Scraper Worker ${++forkCount}`
    app.on('child-process-gone', this.onChildProcessGone)
    this.child = utilityProcess.fork(options.modulePath, [], {
      // The host's allow-list, never process.env: the worker gets only what it needs.
      env: spawn.env,
      stdio: 'pipe',
      serviceName: this.serviceName
    })
    this.child.on('message', (message: unknown) => {
      for (const listener of this.messageListeners) listener(message)
    })
    this.pipeLines('stdout', this.child.stdout)
    this.pipeLines('stderr', this.child.stderr)
    this.child.on('exit', (code: number) => {
      // `child-process-gone` may arrive just after `exit`: give it a moment to tell the reason.
      setTimeout(() => this.reportExit(code), this.options.goneEventGraceMs ?? 200)
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  send(message: CoordinatorMessage): void {
    if (!this.exited) this.child.postMessage(message)
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener)
  }

  onOutput(listener: (stream: 'stdout' | 'stderr', line: string) => void): void {
    this.outputListeners.push(listener)
  }

  onExit(listener: (exit: WorkerProcessExit) => void): void {
    this.exitListeners.push(listener)
  }

  kill(): void {
    const pid = this.child.pid
    if (this.exited || pid === undefined) return
    // utilityProcess.kill() sends SIGTERM on POSIX; the interface promises an immediate end.
    if (process.platform === 'win32') this.child.kill()
    else {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        this.child.kill()
      }
    }
  }

  private readonly onChildProcessGone = (_event: Electron.Event, details: Details): void => {
    if (details.type !== 'Utility') return
    if (details.serviceName !== this.serviceName && details.name !== this.serviceName) return
    this.gone = details
  }

  private pipeLines(stream: 'stdout' | 'stderr', readable: NodeJS.ReadableStream | null): void {
    if (!readable) return
    const lines = createInterface({ input: readable, crlfDelay: Infinity })
    lines.on('line', (line) => {
      for (const listener of this.outputListeners) listener(stream, line)
    })
  }

  private reportExit(code: number): void {
    if (this.exited) return
    this.exited = true
    app.removeListener('child-process-gone', this.onChildProcessGone)
    const exit: WorkerProcessExit = {
      code: this.gone?.exitCode ?? code,
      signal: null,
      reason: this.gone?.reason ?? (code === 0 ? 'clean-exit' : `exited with code ${code}`)
    }
    for (const listener of this.exitListeners) listener(exit)
  }
}
