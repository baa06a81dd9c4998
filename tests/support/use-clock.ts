import { afterEach, vi } from 'vitest'

/**
 * Lets the tests of the calling suite set the clock (`Date` only, timers stay real), so leases
 * and due times are exact; the real clock is back after each test.
 *
 * @returns `at(iso)`: from now on, `Date` says `iso`.
 */
export function useClock(): (iso: string) => void {
  afterEach(() => {
    vi.useRealTimers()
  })
  return (iso) => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(iso))
  }
}
