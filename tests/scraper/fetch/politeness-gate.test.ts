import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sleep } from '../../../src/shared/sleep'
import { createPolitenessGate, GateStoppedError } from '../../../src/scraper/fetch/politeness-gate'

// The gate's clock (Date.now and setTimeout) is faked: the spacing is checked exactly, and no test
// waits on the wall clock.
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createPolitenessGate', () => {
  it('keeps to the concurrency and spaces starts by the minimum delay', async () => {
    const gate = createPolitenessGate({
      concurrency: 2,
      minDelayMs: 50,
      signal: new AbortController().signal
    })
    let active = 0
    let peak = 0
    const starts: number[] = []
    const all = Promise.all(
      Array.from({ length: 6 }, () =>
        gate.run(async () => {
          starts.push(Date.now())
          peak = Math.max(peak, ++active)
          await sleep(120)
          active--
        })
      )
    )
    await vi.runAllTimersAsync()
    await all
    expect(starts).toHaveLength(6)
    expect(peak).toBe(2)
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(50)
    }
  })

  it('holds every request during a pause, and refuses waiting tasks once stopped', async () => {
    const controller = new AbortController()
    const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 0, signal: controller.signal })
    gate.pause(200)
    let ran = false
    const first = gate.run(async () => {
      ran = true
    })
    await vi.advanceTimersByTimeAsync(199)
    expect(ran).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await first
    expect(ran).toBe(true)

    const blocker = gate.run(() => sleep(100))
    const waiting = gate.run(async () => 'ran')
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(GateStoppedError)
    await vi.advanceTimersByTimeAsync(100)
    await blocker
  })

  it('raises its spacing for a Crawl-delay, never lowers it', () => {
    const gate = createPolitenessGate({
      concurrency: 1,
      minDelayMs: 250,
      signal: new AbortController().signal
    })
    gate.raiseMinDelay(1_000)
    expect(gate.minDelayMs).toBe(1_000)
    gate.raiseMinDelay(100)
    expect(gate.minDelayMs).toBe(1_000)
  })
})
