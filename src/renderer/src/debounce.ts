/** A call put off until its caller has been quiet for a while (a search box being typed). */
export interface Debounced {
  /** Runs the call once the caller has been quiet for the delay, cancelling any earlier one. */
  schedule(): void
  /** Whether a call is scheduled and has not run yet. */
  readonly pending: boolean
}

/** Puts `run` off until `schedule` has not been called for `delayMs` milliseconds. */
export function debounce(run: () => void, delayMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    schedule() {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        run()
      }, delayMs)
    },
    get pending() {
      return timer !== null
    }
  }
}
