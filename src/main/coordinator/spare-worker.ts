import { lowerPriority } from './lower-priority'
import { allowListedEnv } from './worker-env'
import type {
  WorkerProcessExit,
  WorkerSpawnOptions,
  WorkerTransport,
  WorkerTransportFactory
} from './worker-transport'

/** Options of {@link SpareWorker}. */
export interface SpareWorkerOptions {
  /**
   * Keep a spare again once every process handed out has ended (`serve`); false: only the first
   * one, started with the command (`worker`). Default: true.
   */
  replenish?: boolean
  /**
   * The spare's environment; a start that asks for another gets a new process. Default: the
   * allow-listed part of this process's.
   */
  env?: Record<string, string>
  /**
   * Load spares at a lower CPU priority, as the background work they are (`serve`); false when
   * a run is about to take it (`worker`, where its start is the command's). Default: true.
   */
  background?: boolean
}

type HeldEvent =
  | { kind: 'message'; message: unknown }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; line: string }
  | { kind: 'exit'; exit: WorkerProcessExit }

/** Events a spare may hold before it is taken; an idle worker says `ready` and little else. */
const maxHeldEvents = 200

/** How long after the last worker's end the next spare starts. */
const replenishDelayMs = 100

/** A started worker process whose events wait for whoever takes it. */
class HeldProcess {
  exited = false
  /** It has said something (its `ready`): it listens to messages now. */
  said = false
  /** What happened before the taker listened; undefined once events go straight to it. */
  private held: HeldEvent[] | undefined = []
  private readonly listeners: Array<(event: HeldEvent) => void> = []
  private settle: ((said: boolean) => void) | undefined
  /** Resolves true once it has said something (its `ready`), false if it ended first. */
  readonly ready = new Promise<boolean>((resolve) => (this.settle = resolve))

  constructor(
    readonly inner: WorkerTransport,
    readonly envKey: string
  ) {
    inner.onMessage((message) => this.emit({ kind: 'message', message }))
    inner.onOutput((stream, line) => this.emit({ kind: 'output', stream, line }))
    inner.onExit((exit) => {
      this.exited = true
      this.emit({ kind: 'exit', exit })
    })
  }

  /**
   * The process as its taker sees it. What it said meanwhile reaches the taker's listeners on the
   * next turn of the event loop, once the taker has set itself up (a host hands over its run when
   * it hears `ready`, and its owner records the start first).
   */
  handOver(): WorkerTransport {
    const { inner } = this
    setImmediate(() => {
      const held = this.held ?? []
      this.held = undefined
      for (const event of held) this.deliver(event)
    })
    const on = (listener: (event: HeldEvent) => void): void => void this.listeners.push(listener)
    return {
      get pid() {
        return inner.pid
      },
      send: (message) => inner.send(message),
      onMessage: (listener) => on((e) => e.kind === 'message' && listener(e.message)),
      onOutput: (listener) => on((e) => e.kind === 'output' && listener(e.stream, e.line)),
      onExit: (listener) => on((e) => e.kind === 'exit' && listener(e.exit)),
      kill: () => inner.kill()
    }
  }

  private emit(event: HeldEvent): void {
    if (event.kind === 'message') {
      this.said = true
      this.settle?.(true)
    }
    if (event.kind === 'exit') this.settle?.(false)
    if (!this.held) return this.deliver(event)
    if (this.held.length < maxHeldEvents || event.kind === 'exit') this.held.push(event)
  }

  private deliver(event: HeldEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}

/**
 * One worker process started ahead of need: it loads its code while nobody waits, then idles
 * until a start takes it, so that a Scrape click or a `worker` command reaches its first request
 * without waiting for a second Node to start. Use {@link transport} as the coordinator's
 * transport: a start takes the spare when one is alive (its events so far replayed to the new
 * host), else forks a new process as before.
 *
 * A spare is no worker yet: it has not registered in the catalog, claims nothing and has opened
 * nothing, since all of that follows its `run` message. A spare that dies idle is dropped and not
 * replaced until the next start, so a broken worker never loops. With `replenish`, a new spare is
 * started a moment after every process handed out has ended. {@link close} ends the idle spare
 * and keeps none again.
 */
export class SpareWorker {
  private spare: HeldProcess | undefined
  private running = 0
  private closed = false
  private replenishTimer: NodeJS.Timeout | undefined

  /** The coordinator's worker transport: takes the spare, or starts a process. */
  readonly transport: WorkerTransportFactory = (options) => this.take(options)

  constructor(
    private readonly spawn: WorkerTransportFactory,
    private readonly options: SpareWorkerOptions = {}
  ) {
    this.startSpare()
  }

  /** The idle spare's process id, when one waits now. */
  get sparePid(): number | undefined {
    return this.spare?.inner.pid
  }

  /** Resolves true once the idle spare has loaded (said `ready`); false when there is none. */
  async whenSpareReady(): Promise<boolean> {
    return this.spare ? this.spare.ready : false
  }

  /** Ends the idle spare and keeps none again; resolves once it has exited. */
  async close(timeoutMs = 2000): Promise<void> {
    this.closed = true
    clearTimeout(this.replenishTimer)
    const spare = this.spare
    this.spare = undefined
    if (!spare || spare.exited) return
    const exited = new Promise<void>((resolve) => spare.inner.onExit(() => resolve()))
    // A loaded worker asked to stop before its run exits at once; one still loading holds
    // nothing and cannot hear yet, so it is killed, as is one that does not answer.
    if (spare.said) spare.inner.send({ type: 'stop' })
    else spare.inner.kill()
    const timer = setTimeout(() => spare.inner.kill(), timeoutMs)
    await exited
    clearTimeout(timer)
  }

  private take(options: WorkerSpawnOptions): WorkerTransport {
    // A start while the next spare is due: that process would only idle beside this one.
    clearTimeout(this.replenishTimer)
    const spare = this.spare
    this.spare = undefined
    let transport: WorkerTransport
    if (spare && !spare.exited && spare.envKey === envKey(options.env)) {
      transport = spare.handOver()
    } else {
      if (spare && !spare.exited) spare.inner.kill()
      transport = this.spawn(options)
    }
    this.running++
    transport.onExit(() => {
      this.running--
      if (this.running > 0 || !(this.options.replenish ?? true)) return
      // A moment later: the coordinator reports the end first, and its answers meanwhile do not
      // wait for a fork.
      this.replenishTimer = setTimeout(() => this.startSpare(), replenishDelayMs)
    })
    return transport
  }

  private startSpare(): void {
    if (this.closed || this.spare) return
    const env = this.options.env ?? allowListedEnv()
    let inner: WorkerTransport
    try {
      inner = this.spawn({ env })
    } catch {
      // Nothing is kept ready; a start forks its own process and reports what fails.
      return
    }
    if (this.options.background ?? true) lowerPriority(inner.pid)
    const held = new HeldProcess(inner, envKey(env))
    this.spare = held
    inner.onExit(() => {
      if (this.spare === held) this.spare = undefined
    })
  }
}

/** An environment as one comparable string. */
function envKey(env: Record<string, string>): string {
  return JSON.stringify(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
