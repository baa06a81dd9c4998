import { sleep } from '../../shared/sleep'

/** Options of {@link runCrawlPool}. */
export interface CrawlPoolOptions<T> {
  /** Tasks in flight at once (at least 1). */
  concurrency: number
  /** Tasks started at most; once reached, no more are taken. */
  maxTasks: number
  /** The next task, or undefined when none is waiting (more may come from running tasks). */
  next(): T | undefined
  /** How many tasks wait: any left at `maxTasks` means the pool was cut short. */
  pendingCount(): number
  /** Runs one task; must not reject (a page's failure is the page's to report). */
  run(task: T): Promise<void>
  /** Whether a task must finish alone before any other starts. Default: none. */
  runsAlone?(task: T): boolean
  /** When aborted, no task is started, and tasks in flight get `stopGraceMs` to finish. */
  signal: AbortSignal
  /** How long tasks in flight get to finish after a stop, in ms. Default: 2 000. */
  stopGraceMs?: number
}

/** How a pool ended. */
export interface CrawlPoolResult {
  /** Tasks started. */
  started: number
  /** True when tasks were left waiting at `maxTasks`. */
  cutByCap: boolean
}

/**
 * Runs tasks from a queue that running tasks may grow (a page's links), keeping up to
 * `concurrency` in flight, until the queue is empty and nothing runs, `maxTasks` have started, or
 * the signal aborts. Pacing is not its business: the politeness gate spaces the requests.
 */
export async function runCrawlPool<T>(options: CrawlPoolOptions<T>): Promise<CrawlPoolResult> {
  const { signal } = options
  const active = new Set<Promise<void>>()
  let started = 0
  let cutByCap = false
  while (!signal.aborted) {
    while (active.size < options.concurrency && !signal.aborted) {
      if (started >= options.maxTasks) {
        if (options.pendingCount() > 0) cutByCap = true
        break
      }
      const next = options.next()
      if (next === undefined) break
      started++
      const task = options.run(next).finally(() => active.delete(task))
      active.add(task)
      if (options.runsAlone?.(next) === true) await task
    }
    if (active.size === 0) break
    await Promise.race(active)
  }
  if (signal.aborted) {
    // Give tasks in flight a moment to finish; the rest are dropped with their tab or socket.
    const grace = new AbortController()
    await Promise.race([
      Promise.allSettled(active),
      sleep(options.stopGraceMs ?? 2_000, grace.signal)
    ])
    grace.abort()
  }
  return { started, cutByCap }
}
