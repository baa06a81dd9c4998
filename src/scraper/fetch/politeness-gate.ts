/** Options of `createPolitenessGate`. */
export interface PolitenessGateOptions {
  /** Requests to the site at once. */
  concurrency: number
  /** Least time between the starts of two requests to the site, in ms. */
  minDelayMs: number
  /** When aborted, waiting tasks are refused (they reject with the signal's reason). */
  signal: AbortSignal
}

/** Paces every request to one site: a concurrency limit, a spacing, and site-wide pauses. */
export interface PolitenessGate {
  /** Runs `task` when a slot is free and the spacing since the last start has passed. */
  run<T>(task: () => Promise<T>): Promise<T>
  /** Holds every new request for `ms` (a 429 with Retry-After concerns the whole site). */
  pause(ms: number): void
  /** Raises the spacing (Crawl-delay found in robots.txt); never lowers it. */
  raiseMinDelay(ms: number): void
  readonly minDelayMs: number
}

/** Error a gate's waiting task rejects with when the run is stopped. */
export class GateStoppedError extends Error {
  constructor() {
    super('stopped')
    this.name = 'GateStoppedError'
  }
}

/**
 * Creates the per-site gate. Starts are serialised through one timer, so with concurrency 2 and a
 * 250 ms spacing two requests never start within 250 ms of each other, even when both slots free up
 * at once.
 */
export function createPolitenessGate(options: PolitenessGateOptions): PolitenessGate {
  let minDelayMs = options.minDelayMs
  let active = 0
  let nextStartAt = 0
  let timer: NodeJS.Timeout | null = null
  const waiting: Array<{ start: () => void; reject: (error: Error) => void }> = []

  const pump = (): void => {
    if (timer != null) return
    while (waiting.length > 0 && active < options.concurrency) {
      const wait = nextStartAt - Date.now()
      if (wait > 0) {
        timer = setTimeout(() => {
          timer = null
          pump()
        }, wait)
        return
      }
      const next = waiting.shift()
      if (next == null) return
      active++
      nextStartAt = Date.now() + minDelayMs
      next.start()
    }
  }

  options.signal.addEventListener(
    'abort',
    () => {
      if (timer != null) clearTimeout(timer)
      timer = null
      for (const task of waiting.splice(0)) task.reject(new GateStoppedError())
    },
    { once: true }
  )

  return {
    get minDelayMs(): number {
      return minDelayMs
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      if (options.signal.aborted) return Promise.reject(new GateStoppedError())
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          start: () => {
            // The slot is freed before the caller resumes, so its next run() can take it at once.
            const release = (): void => {
              active--
              pump()
            }
            task().then(
              (value) => {
                release()
                resolve(value)
              },
              (error: unknown) => {
                release()
                reject(error)
              }
            )
          },
          reject
        })
        pump()
      })
    },
    pause(ms: number): void {
      nextStartAt = Math.max(nextStartAt, Date.now() + ms)
      // A timer set for an earlier start must not fire before the pause ends.
      if (timer != null) {
        clearTimeout(timer)
        timer = null
      }
      pump()
    },
    raiseMinDelay(ms: number): void {
      minDelayMs = Math.max(minDelayMs, ms)
    }
  }
}
