import { afterEach, describe, expect, it, vi } from 'vitest'
import { nodeWorkerTransport } from '../../../src/main/coordinator/node-worker-transport'
import { allowListedEnv } from '../../../src/main/coordinator/worker-env'
import type { WorkerHostExit } from '../../../src/main/coordinator/worker-host'
import {
  WorkerSupervisor,
  type CrashOutcome,
  type WorkerSupervisorOptions
} from '../../../src/main/coordinator/worker-supervisor'
import type { RestartPolicy } from '../../../src/main/coordinator/crash-backoff'
import { fixtureWorkerEntry, type FixtureWorkerBehaviour } from '../../support/coordinator-harness'

const config = { mode: 'continuous' as const, dbPath: '/tmp/unused.db' }
let supervisor: WorkerSupervisor | undefined

afterEach(async () => {
  vi.useRealTimers()
  supervisor?.cancelRestart()
  await supervisor?.stop(1000)
  supervisor = undefined
})

/**
 * A supervisor of the stand-in worker that restarts the run when told to, as the coordinator
 * does. Its restart waits run on fake timers: a test moves time on, never waits for it.
 */
function supervise(
  behaviour: FixtureWorkerBehaviour,
  restartPolicy: Partial<RestartPolicy>,
  restartOnCrash = true
): {
  supervisor: WorkerSupervisor
  exits: Array<{ exit: WorkerHostExit; crash: CrashOutcome | undefined }>
  restarts: () => number
  nextExit: () => Promise<{ exit: WorkerHostExit; crash: CrashOutcome | undefined }>
} {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  const exits: Array<{ exit: WorkerHostExit; crash: CrashOutcome | undefined }> = []
  let waiting: ((exit: (typeof exits)[number]) => void) | undefined
  let restarts = 0
  const options: WorkerSupervisorOptions = {
    transport: nodeWorkerTransport({ entry: fixtureWorkerEntry }),
    env: { ...allowListedEnv(), FIXTURE_WORKER: behaviour },
    restartPolicy
  }
  const created: WorkerSupervisor = new WorkerSupervisor(options, {
    message: () => undefined,
    output: () => undefined,
    exit: (exit, crash) => {
      exits.push({ exit, crash })
      waiting?.({ exit, crash })
    },
    restart: () => {
      restarts++
      created.start(config, restartOnCrash)
    }
  })
  supervisor = created
  created.start(config, restartOnCrash)
  return {
    supervisor: created,
    exits,
    restarts: () => restarts,
    nextExit: () => new Promise((resolve) => (waiting = resolve))
  }
}

describe('WorkerSupervisor', () => {
  it('restarts a crashing run after a doubling wait, then gives up', async () => {
    const { supervisor, restarts, nextExit } = supervise('crash', {
      initialDelayMs: 1000,
      maxCrashes: 3
    })
    expect((await nextExit()).crash).toEqual({ kind: 'restart', crashes: 1, inMs: 1000 })
    expect(supervisor.host).toBeUndefined()
    expect(supervisor.idle).toBe(false)

    let exit = nextExit()
    await vi.advanceTimersByTimeAsync(999)
    expect(restarts()).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(restarts()).toBe(1)
    expect((await exit).crash).toEqual({ kind: 'restart', crashes: 2, inMs: 2000 })

    exit = nextExit()
    await vi.advanceTimersByTimeAsync(1999)
    expect(restarts()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect((await exit).crash).toEqual({ kind: 'gave-up', crashes: 3 })
    expect(supervisor.idle).toBe(true)
    await supervisor.whenIdle()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(restarts()).toBe(2)
  })

  it('does not restart a run that did not ask for it, but counts the crash', async () => {
    const { supervisor, nextExit } = supervise('crash', {}, false)
    const { exit, crash } = await nextExit()
    expect(exit).toMatchObject({ code: 3, crashed: true })
    expect(crash).toEqual({ kind: 'no-restart', crashes: 1 })
    expect(supervisor.idle).toBe(true)
  })

  it('does not call a worker that said why it could not work a crash', async () => {
    const { supervisor, nextExit } = supervise('refuse', {})
    const { exit, crash } = await nextExit()
    expect(exit).toMatchObject({ crashed: true, error: 'no enabled brand to scrape' })
    expect(crash).toBeUndefined()
    expect(supervisor.idle).toBe(true)
  })

  it('cancels a pending restart on stop, and is idle then', async () => {
    const { supervisor, restarts, nextExit } = supervise('crash', { initialDelayMs: 1000 })
    await nextExit()
    const idle = supervisor.whenIdle()
    expect(supervisor.cancelRestart()).toBe(true)
    expect(await supervisor.stop(1000)).toBeUndefined()
    await idle
    await vi.advanceTimersByTimeAsync(10_000)
    expect(restarts()).toBe(0)
    expect(supervisor.cancelRestart()).toBe(false)
  })

  it('runs one worker at a time', async () => {
    const { supervisor } = supervise('run', {})
    expect(() => supervisor.start(config, true)).toThrow(/already running/)
    const result = await supervisor.stop(10_000)
    expect(result?.exit).toMatchObject({ code: 0, requested: true, crashed: false })
    await supervisor.whenIdle()
    expect(supervisor.host).toBeUndefined()
  })
})
