/** How a crashing continuous worker is restarted. */
export interface RestartPolicy {
  /** First wait before a restart. Default: 1000 ms; doubles with each crash. */
  initialDelayMs: number
  /** Longest wait. Default: 60 000 ms. */
  maxDelayMs: number
  /** Crashes within `windowMs` after which the coordinator gives up. Default: 5. */
  maxCrashes: number
  /** How far back crashes count. Default: 10 minutes. */
  windowMs: number
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  maxCrashes: 5,
  windowMs: 10 * 60_000
}

/** What to do after a crash: restart after a delay, or give up. */
export interface CrashVerdict {
  /** Crashes within the policy's window, this one included. */
  crashes: number
  /** Wait before restarting; null when there were too many crashes to try again. */
  restartInMs: number | null
}

/**
 * Counts crashes in a sliding window and says how long to wait before the next restart:
 * exponential backoff (1 s, 2 s, 4 s…) up to a ceiling, and no restart at all after too many
 * crashes in a short time, so a worker that cannot run does not spin.
 */
export class CrashBackoff {
  readonly policy: RestartPolicy
  private crashTimes: number[] = []

  constructor(policy: Partial<RestartPolicy> = {}) {
    this.policy = { ...defaultRestartPolicy, ...policy }
  }

  /** Records a crash at `now` (ms since the epoch) and says what to do next. */
  recordCrash(now: number): CrashVerdict {
    const { windowMs, maxCrashes, initialDelayMs, maxDelayMs } = this.policy
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < windowMs), now]
    const crashes = this.crashTimes.length
    if (crashes >= maxCrashes) return { crashes, restartInMs: null }
    return { crashes, restartInMs: Math.min(maxDelayMs, initialDelayMs * 2 ** (crashes - 1)) }
  }

  /** Forgets past crashes: the user started the worker again. */
  reset(): void {
    this.crashTimes = []
  }
}
