import { afterEach, beforeEach, vi } from 'vitest'

/**
 * Stops the calling suite's clock at `now` for each test (heartbeats and due times are counted
 * from it). Only `Date` is faked: React and user-event keep their real timers.
 */
export function useFixedClock(now: Date): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(now)
  })
  afterEach(() => {
    vi.useRealTimers()
  })
}
