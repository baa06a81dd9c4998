import { afterEach, describe, expect, it } from 'vitest'
import { nodeWorkerTransport } from '../../../src/main/coordinator/node-worker-transport'
import { SpareWorker } from '../../../src/main/coordinator/spare-worker'
import { allowListedEnv } from '../../../src/main/coordinator/worker-env'
import { WorkerHost, type WorkerHostExit } from '../../../src/main/coordinator/worker-host'
import type { WorkerMessage } from '../../../src/shared/worker-protocol'
import { isRunning } from '../../integration/process-table'
import {
  fixtureWorkerEntry,
  startCoordinator,
  type CoordinatorHarness,
  type FixtureWorkerBehaviour
} from '../../support/coordinator-harness'

const spares: SpareWorker[] = []
const hosts: WorkerHost[] = []
const harnesses: CoordinatorHarness[] = []

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.close()))
  await Promise.all(hosts.splice(0).map((host) => host.stop(1000)))
  await Promise.all(spares.splice(0).map((spare) => spare.close(1000)))
})

const envOf = (behaviour: FixtureWorkerBehaviour): Record<string, string> => ({
  ...allowListedEnv(),
  FIXTURE_WORKER: behaviour
})

/** A spare of the stand-in worker (tests/support/fixture-worker.mjs). */
function newSpare(behaviour: FixtureWorkerBehaviour = 'run', replenish = true): SpareWorker {
  const spare = new SpareWorker(nodeWorkerTransport({ entry: fixtureWorkerEntry }), {
    env: envOf(behaviour),
    replenish
  })
  spares.push(spare)
  return spare
}

/** A host started on the spare's transport, recording what it reports. */
function startHost(
  spare: SpareWorker,
  behaviour: FixtureWorkerBehaviour = 'run'
): {
  host: WorkerHost
  messages: WorkerMessage[]
  output: string[]
  exited: Promise<WorkerHostExit>
  started: Promise<WorkerMessage>
} {
  const host = new WorkerHost({ transport: spare.transport, env: envOf(behaviour) })
  hosts.push(host)
  const messages: WorkerMessage[] = []
  const output: string[] = []
  let started: (message: WorkerMessage) => void = () => undefined
  const startedMessage = new Promise<WorkerMessage>((resolve) => (started = resolve))
  host.onMessage((message) => {
    messages.push(message)
    if (message.type === 'brand-started') started(message)
  })
  host.onOutput((stream, line) => output.push(`${stream}: ${line}`))
  const exited = new Promise<WorkerHostExit>((resolve) => host.onExit(resolve))
  host.start({ mode: 'brand', brandId: 7, dbPath: '/tmp/unused.db' })
  return { host, messages, output, exited, started: startedMessage }
}

/** Polls `check` every 20 ms until it holds (the test's timeout ends a wait that never does). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('SpareWorker', () => {
  it('hands its loaded process to the first start, with all it said while it waited', async () => {
    const spare = newSpare()
    expect(await spare.whenSpareReady()).toBe(true)
    const sparePid = spare.sparePid!
    expect(isRunning(sparePid)).toBe(true)

    const { host, messages, output, started } = startHost(spare)
    expect(host.pid).toBe(sparePid)
    expect(spare.sparePid).toBeUndefined()
    expect(await started).toMatchObject({ brand: 'brand 7' })
    expect(messages.map((message) => message.type)).toEqual(['ready', 'brand-started'])
    expect(messages[0]).toMatchObject({ pid: sparePid })
    await until(() => output.length > 0)
    expect(output).toEqual([`stdout: fixture worker ${sparePid} up`])

    // Once the worker has ended, the next one is loaded ahead of need again.
    expect(await host.stop(5000)).toMatchObject({ killed: false, exit: { code: 0 } })
    await until(() => spare.sparePid !== undefined)
    const next = spare.sparePid!
    expect(next).not.toBe(sparePid)
    expect(await spare.whenSpareReady()).toBe(true)

    await spare.close()
    expect(spare.sparePid).toBeUndefined()
    expect(isRunning(next)).toBe(false)
    // Closed, it keeps none ready again, and a start forks its own process.
    const late = startHost(spare)
    expect(await late.started).toMatchObject({ type: 'brand-started' })
    expect(spare.sparePid).toBeUndefined()
  })

  it('passes a crash of the taken process to its host, as for any worker', async () => {
    const spare = newSpare('crash')
    await spare.whenSpareReady()
    const { exited } = startHost(spare, 'crash')
    expect(await exited).toMatchObject({ code: 3, crashed: true, requested: false })
  })

  it('forks a new process for a start with another environment, ending the spare', async () => {
    const spare = newSpare('run')
    await spare.whenSpareReady()
    const unused = spare.sparePid!
    const { host, exited } = startHost(spare, 'idle')
    expect(host.pid).not.toBe(unused)
    expect(await exited).toMatchObject({ code: 0, notice: 'Nothing to scrape.' })
    await until(() => !isRunning(unused))
  })

  it('never hands out a spare that died idle, nor replaces it before a start', async () => {
    const spare = newSpare()
    await spare.whenSpareReady()
    const dead = spare.sparePid!
    process.kill(dead, 'SIGKILL')
    await until(() => spare.sparePid === undefined)
    expect(await spare.whenSpareReady()).toBe(false)

    const { host, started } = startHost(spare)
    expect(host.pid).not.toBe(dead)
    expect(await started).toMatchObject({ type: 'brand-started' })
  })

  it('keeps only the first process ready when told not to replenish (a terminal run)', async () => {
    const spare = newSpare('idle', false)
    await spare.whenSpareReady()
    const { exited } = startHost(spare, 'idle')
    await exited
    // The exit that would start the next spare has been handled by now.
    await new Promise((resolve) => setImmediate(resolve))
    expect(spare.sparePid).toBeUndefined()
  })

  it('kills an idle spare that does not hear the stop on close', async () => {
    const spare = newSpare('ignore-stop')
    await spare.whenSpareReady()
    const pid = spare.sparePid!
    await spare.close(200)
    expect(isRunning(pid)).toBe(false)
  })
})

describe('SpareWorker as the source of a coordinator', () => {
  it("is closed by the coordinator's shutdown: no spare outlives it", async () => {
    const spare = newSpare()
    const harness = startCoordinator({
      workerTransport: spare.transport,
      workerEnv: envOf('run'),
      closeWorkerTransport: () => spare.close()
    })
    harnesses.push(harness)
    const { coordinator } = harness
    expect(await spare.whenSpareReady()).toBe(true)
    const first = spare.sparePid!

    // A start takes the spare; once that worker has ended, the next one is loaded.
    expect(coordinator.start('once', 0)).toEqual([first])
    expect(await coordinator.stop()).toBe('stopping')
    await until(() => spare.sparePid !== undefined)
    const next = spare.sparePid!
    expect(await spare.whenSpareReady()).toBe(true)

    await coordinator.shutdown()
    expect(spare.sparePid).toBeUndefined()
    expect(isRunning(first)).toBe(false)
    expect(isRunning(next)).toBe(false)
  })
})
