import { describe, expect, it } from 'vitest'
import {
  describeExit,
  describeWorker,
  reportExit
} from '../../../src/main/coordinator/worker-exit-report'
import type { WorkerHostExit } from '../../../src/main/coordinator/worker-host'

const policy = { maxCrashes: 5, windowMs: 10 * 60_000 }

function exit(patch: Partial<WorkerHostExit>): WorkerHostExit {
  return {
    code: 0,
    signal: null,
    reason: 'exited',
    requested: false,
    crashed: false,
    error: null,
    notice: null,
    ...patch
  }
}

describe('describeExit', () => {
  it("says the transport's reason only when it adds something", () => {
    expect(describeExit({ code: null, signal: 'SIGKILL', reason: 'killed by SIGKILL' })).toBe(
      'killed by SIGKILL'
    )
    expect(describeExit({ code: 3, signal: null, reason: 'exited with code 3' })).toBe(
      'exit code 3'
    )
    expect(describeExit({ code: 9, signal: null, reason: 'oom' })).toBe('exit code 9: oom')
  })
})

describe('reportExit', () => {
  const who = describeWorker(null, 42)

  it('calls an end with a notice idle: stopped, at info, without repeating the notice', () => {
    const report = reportExit(
      exit({ notice: 'There is no enabled brand.' }),
      undefined,
      who,
      policy
    )
    expect(report).toEqual({
      state: 'stopped',
      level: 'info',
      message: 'The worker (pid 42) had nothing to do and exited.',
      gaveUp: null
    })
  })

  it('tells a requested stop from a worker that finished by itself', () => {
    expect(reportExit(exit({ requested: true }), undefined, who, policy).message).toBe(
      'The worker (pid 42) stopped.'
    )
    expect(reportExit(exit({}), undefined, who, policy).message).toBe(
      'The worker (pid 42) finished and exited.'
    )
  })

  it('says a crash cause once, and what follows it', () => {
    const killed = exit({
      code: null,
      signal: 'SIGKILL',
      reason: 'killed by SIGKILL',
      crashed: true
    })
    expect(reportExit(killed, { kind: 'no-restart', crashes: 1 }, who, policy)).toMatchObject({
      state: 'crashed',
      level: 'error',
      message: 'The worker (pid 42) crashed (killed by SIGKILL). Saved products are kept.'
    })
    expect(
      reportExit(killed, { kind: 'restart', crashes: 2, inMs: 2000 }, who, policy).message
    ).toBe('The worker (pid 42) crashed (killed by SIGKILL); restarting in 2 s (crash 2 of 5).')
    const gaveUp = reportExit(killed, { kind: 'gave-up', crashes: 5 }, who, policy)
    expect(gaveUp.gaveUp).toBe(
      'The worker (pid 42) crashed 5 times in 10 minutes (last: killed by SIGKILL); not restarting. Check the log, then start it again.'
    )
    expect(gaveUp.message).toBe(gaveUp.gaveUp)
  })

  it('reports what a worker that could not run said', () => {
    const refused = exit({ code: 1, crashed: true, error: 'Brand 7 is no longer in the catalog.' })
    expect(reportExit(refused, undefined, describeWorker('host-1-ab', 7), policy)).toMatchObject({
      state: 'crashed',
      message: 'Worker host-1-ab (pid 7) could not run: Brand 7 is no longer in the catalog.'
    })
  })
})
