import { afterEach, describe, expect, it, vi } from 'vitest'
import { debounce } from '../../src/renderer/src/debounce'

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs once, after the caller has been quiet for the delay, and says when a call is pending', () => {
    vi.useFakeTimers()
    const run = vi.fn()
    const search = debounce(run, 250)
    expect(search.pending).toBe(false)

    search.schedule()
    vi.advanceTimersByTime(200)
    search.schedule()
    vi.advanceTimersByTime(200)
    expect(run).not.toHaveBeenCalled()
    expect(search.pending).toBe(true)

    vi.advanceTimersByTime(50)
    expect(run).toHaveBeenCalledTimes(1)
    expect(search.pending).toBe(false)
  })
})
