import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCrawlPool } from '../../../src/scraper/crawl/crawl-pool'

/** A task the test finishes by hand, so the pool's order is checked without any clock. */
interface HeldTask {
  id: number
  finish(): void
}

/** A queue the pool drains, and the tasks it started, held until the test finishes them. */
function heldQueue(ids: number[]): {
  queue: number[]
  running: HeldTask[]
  run: (id: number) => Promise<void>
} {
  const queue = [...ids]
  const running: HeldTask[] = []
  const run = (id: number): Promise<void> =>
    new Promise((resolve) => running.push({ id, finish: resolve }))
  return { queue, running, run }
}

/** Lets the pool react to a finished task (promise callbacks only, no timers). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

afterEach(() => {
  vi.useRealTimers()
})

describe('runCrawlPool', () => {
  it('runs the first task alone, then keeps `concurrency` in flight until the queue is empty', async () => {
    const held = heldQueue([1, 2, 3, 4])
    const pool = runCrawlPool({
      concurrency: 2,
      maxTasks: 100,
      next: () => held.queue.shift(),
      pendingCount: () => held.queue.length,
      run: held.run,
      runsAlone: (id) => id === 1,
      signal: new AbortController().signal
    })
    await settle()
    expect(held.running.map((task) => task.id)).toEqual([1])
    held.running[0]!.finish()
    await settle()
    expect(held.running.map((task) => task.id)).toEqual([1, 2, 3])
    // A finished task frees its slot for the next; a running task may grow the queue.
    held.queue.push(5)
    held.running[1]!.finish()
    await settle()
    expect(held.running.map((task) => task.id)).toEqual([1, 2, 3, 4])
    for (const task of held.running.slice(2)) task.finish()
    await settle()
    expect(held.running.map((task) => task.id)).toEqual([1, 2, 3, 4, 5])
    held.running[4]!.finish()
    await expect(pool).resolves.toEqual({ started: 5, cutByCap: false })
  })

  it('stops taking tasks at maxTasks and says when some were left', async () => {
    const done: number[] = []
    const queue = [1, 2, 3, 4, 5]
    const result = await runCrawlPool({
      concurrency: 3,
      maxTasks: 3,
      next: () => queue.shift(),
      pendingCount: () => queue.length,
      run: async (id) => void done.push(id),
      signal: new AbortController().signal
    })
    expect(result).toEqual({ started: 3, cutByCap: true })
    expect(done).toEqual([1, 2, 3])

    const exact = [1, 2, 3]
    await expect(
      runCrawlPool({
        concurrency: 3,
        maxTasks: 3,
        next: () => exact.shift(),
        pendingCount: () => exact.length,
        run: async () => undefined,
        signal: new AbortController().signal
      })
    ).resolves.toEqual({ started: 3, cutByCap: false })
  })

  it('on a stop starts nothing more, and gives tasks in flight the grace period only', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const held = heldQueue([1, 2, 3, 4])
    let ended = false
    const pool = runCrawlPool({
      concurrency: 2,
      maxTasks: 100,
      next: () => held.queue.shift(),
      pendingCount: () => held.queue.length,
      run: held.run,
      signal: controller.signal,
      stopGraceMs: 2_000
    }).then((result) => {
      ended = true
      return result
    })
    await settle()
    expect(held.running.map((task) => task.id)).toEqual([1, 2])
    controller.abort()
    held.running[0]!.finish()
    await vi.advanceTimersByTimeAsync(1_999)
    expect(ended).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await expect(pool).resolves.toEqual({ started: 2, cutByCap: false })
    expect(held.running.map((task) => task.id)).toEqual([1, 2])
  })
})
