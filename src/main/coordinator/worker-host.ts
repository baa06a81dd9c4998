import { EventEmitter } from 'node:events'
import { setPriority } from 'node:os'
import { describeZodError } from '../../shared/zod-error'
import {
  workerMessageSchema,
  workerRunConfigSchema,
  type WorkerMessage,
  type WorkerRunConfigInput
} from '../../shared/worker-protocol'
import type { WorkerProcessExit, WorkerTransport, WorkerTransportFactory } from './worker-transport'

/** Environment variables a worker may see; everything else of the coordinator's stays behind. */
export const workerEnvAllowList = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'TZ',
  'SystemRoot',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XDG_RUNTIME_DIR',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'BRAND_SCRAPER_CHROMIUM',
  'PLAYWRIGHT_BROWSERS_PATH'
] as const

export function allowListedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of workerEnvAllowList) {
    const value = env[name]
    if (value !== undefined) picked[name] = value
  }
  return picked
}

interface WorkerHostEvents {
  message: [WorkerMessage]
  output: [stream: 'stdout' | 'stderr', line: string]
  exit: [WorkerProcessExit & { requested: boolean }]
}

/**
 * One worker process with its whole lifecycle: start once, hand it its run, validate what it
 * says, stop it gracefully with a deadline then kill, and report how it ended. The transport
 * (utilityProcess or child process) is the only part that differs between hosts.
 */
export class WorkerHost extends EventEmitter<WorkerHostEvents> {
  private transport: WorkerTransport | undefined
  private exited: Promise<WorkerProcessExit> | undefined
  private stopRequested = false

  constructor(
    private readonly createTransport: WorkerTransportFactory,
    private readonly env: Record<string, string> = allowListedEnv()
  ) {
    super()
  }

  get pid(): number | null {
    return this.transport?.pid ?? null
  }

  /** Starts the process and sends it `config` once it says it is ready. Refuses a second start. */
  start(config: WorkerRunConfigInput): void {
    if (this.transport) throw new Error('This worker host has already started a process.')
    const runConfig = workerRunConfigSchema.parse(config)
    const transport = this.createTransport({ env: this.env })
    this.transport = transport
    lowerPriority(transport.pid)
    this.exited = new Promise((resolve) => {
      transport.onExit((exit) => {
        this.emit('exit', { ...exit, requested: this.stopRequested })
        resolve(exit)
      })
    })
    transport.onOutput((stream, line) => this.emit('output', stream, line))
    transport.onMessage((raw) => {
      const parsed = workerMessageSchema.safeParse(raw)
      if (!parsed.success) {
        this.emit(
          'output',
          'stderr',
          `Malformed message from worker: ${describeZodError(parsed.error)}`
        )
        return
      }
      if (parsed.data.type === 'ready') {
        transport.send({ type: 'run', config: runConfig })
      }
      this.emit('message', parsed.data)
    })
  }

  /** Asks for a graceful stop; kills the process if it has not exited after `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<WorkerProcessExit | undefined> {
    if (!this.transport || !this.exited) return undefined
    this.stopRequested = true
    this.transport.send({ type: 'stop' })
    const exit = await this.waitForExit(timeoutMs)
    if (exit) return exit
    this.transport.kill()
    return this.exited
  }

  /** The exit, or undefined if the process is still running after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<WorkerProcessExit | undefined> {
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

  kill(): void {
    this.transport?.kill()
  }
}

/**
 * Scraping is background work: the worker (and the Chromium it starts, which inherits this) runs
 * at a lower CPU priority, so the coordinator answering the user is never starved on a small
 * machine.
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    setPriority(pid, 10)
  } catch {
    // Not permitted on some systems; scraping works the same, only without the hint.
  }
}
