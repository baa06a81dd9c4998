import { describe, expect, it } from 'vitest'
import { CrashBackoff, defaultRestartPolicy } from '../../../src/main/coordinator/crash-backoff'

describe('CrashBackoff', () => {
  it('doubles the wait with each crash, up to the ceiling, then gives up', () => {
    const backoff = new CrashBackoff({ initialDelayMs: 1000, maxDelayMs: 5000, maxCrashes: 5 })
    const verdicts = [0, 1, 2, 3, 4].map((second) => backoff.recordCrash(second * 1000))
    expect(verdicts).toEqual([
      { crashes: 1, restartInMs: 1000 },
      { crashes: 2, restartInMs: 2000 },
      { crashes: 3, restartInMs: 4000 },
      { crashes: 4, restartInMs: 5000 },
      { crashes: 5, restartInMs: null }
    ])
  })

  it('counts only the crashes within the window', () => {
    const backoff = new CrashBackoff({ windowMs: 60_000, maxCrashes: 3 })
    backoff.recordCrash(0)
    backoff.recordCrash(10_000)
    // The first crash is a minute old: two in the window, so it restarts again.
    expect(backoff.recordCrash(60_000)).toEqual({ crashes: 2, restartInMs: 2000 })
    expect(backoff.recordCrash(61_000)).toEqual({ crashes: 3, restartInMs: null })
  })

  it('starts over after a reset', () => {
    const backoff = new CrashBackoff()
    backoff.recordCrash(0)
    backoff.recordCrash(1)
    backoff.reset()
    expect(backoff.recordCrash(2)).toEqual({ crashes: 1, restartInMs: 1000 })
  })

  it('has the documented defaults', () => {
    expect(new CrashBackoff().policy).toEqual(defaultRestartPolicy)
    expect(defaultRestartPolicy).toEqual({
      initialDelayMs: 1000,
      maxDelayMs: 60_000,
      maxCrashes: 5,
      windowMs: 600_000
    })
  })
})
