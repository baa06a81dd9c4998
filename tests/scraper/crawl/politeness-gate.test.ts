import { describe, expect, it } from 'vitest'
import { createPolitenessGate, GateStoppedError } from '../../../src/scraper/crawl/politeness-gate'

const sleep = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms))

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
    await Promise.all(
      Array.from({ length: 6 }, () =>
        gate.run(async () => {
          starts.push(Date.now())
          peak = Math.max(peak, ++active)
          await sleep(120)
          active--
        })
      )
    )
    expect(peak).toBe(2)
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(45)
    }
  })

  it('holds every request during a pause, and refuses waiting tasks once stopped', async () => {
    const controller = new AbortController()
    const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 0, signal: controller.signal })
    const before = Date.now()
    gate.pause(200)
    await gate.run(async () => undefined)
    expect(Date.now() - before).toBeGreaterThanOrEqual(190)
    const blocker = gate.run(() => sleep(100))
    const waiting = gate.run(async () => 'ran')
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(GateStoppedError)
    await blocker
  })
})
