import { afterEach, describe, expect, it, vi } from 'vitest'
import { nodeWorkerTransport } from '../../../src/main/coordinator/node-worker-transport'
import { allowListedEnv } from '../../../src/main/coordinator/worker-env'
import { WorkerHost, type WorkerHostExit } from '../../../src/main/coordinator/worker-host'
import type { WorkerMessage } from '../../../src/shared/worker-protocol'
import { fixtureWorkerEntry, type FixtureWorkerBehaviour } from '../../support/coordinator-harness'

const hosts: WorkerHost[] = []

afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(hosts.splice(0).map((host) => host.stop(1000)))
})

/** A host of the stand-in worker, recording everything it reports. */
function startHost(behaviour: FixtureWorkerBehaviour): {
  host: WorkerHost
  messages: WorkerMessage[]
  output: string[]
  crashes: WorkerHostExit[]
  exited: Promise<WorkerHostExit>
  nextMessage: (type: WorkerMessage['type']) => Promise<WorkerMessage>
} {
  const host = new WorkerHost({
    transport: nodeWorkerTransport({ entry: fixtureWorkerEntry }),
    env: { ...allowListedEnv(), FIXTURE_WORKER: behaviour }
  })
  hosts.push(host)
  const messages: WorkerMessage[] = []
  const output: string[] = []
  const crashes: WorkerHostExit[] = []
  host.onMessage((message) => messages.push(message))
  host.onOutput((stream, line) => output.push(`${stream}: ${line}`))
  host.onCrash((exit) => crashes.push(exit))
  const exited = new Promise<WorkerHostExit>((resolve) => host.onExit(resolve))
  const nextMessage = (type: WorkerMessage['type']): Promise<WorkerMessage> =>
    new Promise((resolve) => {
      const stop = host.onMessage((message) => {
        if (message.type !== type) return
        stop()
        resolve(message)
      })
    })
  host.start({ mode: 'brand', brandId: 7, dbPath: '/tmp/unused.db' })
  return { host, messages, output, crashes, exited, nextMessage }
}

describe('WorkerHost', () => {
  it('hands the worker its run once it is ready, and relays what it says', async () => {
    const { host, messages, nextMessage } = startHost('run')
    expect(host.pid).toBeGreaterThan(0)
    // stdout is a stream of its own: the line may come before or after the messages.
    const firstLine = new Promise<string>((resolve) =>
      host.onOutput((stream, line) => resolve(`${stream}: ${line}`))
    )
    const started = await nextMessage('brand-started')
    expect(started).toMatchObject({ brand: 'brand 7' })
    expect(messages.map((m) => m.type)).toEqual(['ready', 'brand-started'])
    expect(await firstLine).toBe(`stdout: fixture worker ${host.pid} up`)
    expect(() => host.start({ mode: 'once', dbPath: '/tmp/unused.db' })).toThrow(/already started/)
  })

  it('refuses a run config that breaks the protocol before starting anything', () => {
    const host = new WorkerHost({ transport: nodeWorkerTransport({ entry: fixtureWorkerEntry }) })
    expect(() => host.start({ mode: 'sometimes' as 'once', dbPath: '/tmp/unused.db' })).toThrow()
    expect(host.pid).toBeNull()
  })

  it('stops the worker gracefully: a requested exit, not a crash', async () => {
    const { host, crashes, exited, nextMessage } = startHost('run')
    await nextMessage('brand-started')
    const result = await host.stop(10_000)
    expect(result).toMatchObject({
      killed: false,
      exit: { code: 0, requested: true, crashed: false, error: null }
    })
    expect(await exited).toEqual(result!.exit)
    expect(crashes).toEqual([])
    // Stopping again answers with the same exit.
    expect(await host.stop()).toEqual({ exit: result!.exit, killed: false })
  })

  it('kills a worker that does not stop in time, and does not call that a crash', async () => {
    const { host, crashes, nextMessage } = startHost('ignore-stop')
    await nextMessage('brand-started')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const stopping = host.stop(5000)
    await vi.advanceTimersByTimeAsync(4999)
    expect(host.pid).not.toBeNull()
    await vi.advanceTimersByTimeAsync(1)
    const result = await stopping
    expect(result).toMatchObject({
      killed: true,
      exit: { signal: 'SIGKILL', requested: true, crashed: false }
    })
    expect(crashes).toEqual([])
  })

  it('reports a crash the worker did not explain through onCrash, then onExit', async () => {
    const { crashes, exited } = startHost('crash')
    const exit = await exited
    expect(exit).toMatchObject({ code: 3, crashed: true, requested: false, error: null })
    expect(exit.reason).toMatch(/code 3/)
    expect(crashes).toEqual([exit])
  })

  it('keeps what a worker that could not work said, and does not call it a crash', async () => {
    const { crashes, exited } = startHost('refuse')
    const exit = await exited
    expect(exit).toMatchObject({ code: 1, crashed: true, error: 'no enabled brand to scrape' })
    expect(crashes).toEqual([])
  })

  it('drops a message outside the protocol and says so on stderr', async () => {
    const { messages, output, nextMessage } = startHost('garbage')
    await nextMessage('brand-started')
    expect(messages.map((m) => m.type)).toEqual(['ready', 'brand-started'])
    expect(output.some((line) => /^stderr: Malformed message from worker/.test(line))).toBe(true)
  })
})

describe('allowListedEnv', () => {
  it('passes on only the allow-listed variables', () => {
    expect(
      allowListedEnv({ PATH: '/bin', HOME: '/home/a', AWS_SECRET_ACCESS_KEY: 'x', TZ: undefined })
    ).toEqual({ PATH: '/bin', HOME: '/home/a' })
  })
})
