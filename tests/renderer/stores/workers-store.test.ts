import { describe, expect, it } from 'vitest'
import type { Api } from '../../../src/shared/api-contract'
import type { WorkerRecord } from '../../../src/shared/worker-record'
import { connectApiEvents, createAppStores } from '../../../src/renderer/src/stores/app-stores'
import { workerStopping } from '../../../src/renderer/src/stores/workers-selectors'
import { createWorkersStore } from '../../../src/renderer/src/stores/workers-store'
import { createFakeApi, workerRecord } from '../support/fake-api'

const terminal = workerRecord('laptop-311-a1', { host: 'laptop', pid: 311, mode: 'once' })
const app = workerRecord('studio-42-b2', { pid: 42, current_brand: 'Shure' })

describe('workers store', () => {
  it('lists every worker on the catalog when opened', async () => {
    const fake = createFakeApi({ workers: [terminal, app] })
    const store = createWorkersStore(fake.api)
    expect(store.getState().loaded).toBe(false)
    await store.getState().opened()
    expect(store.getState().loaded).toBe(true)
    expect(store.getState().workers.map((w) => w.id)).toEqual([terminal.id, app.id])
  })

  it('takes the pushed registry, and keeps it over an older answer that arrives after it', async () => {
    let answer: (list: { workers: WorkerRecord[] }) => void = () => {}
    // The list was asked for, then a worker ended and the registry was pushed before the answer.
    const api = {
      workers: { list: () => new Promise((resolve) => (answer = resolve)) }
    } as unknown as Api
    const store = createWorkersStore(api)
    const opening = store.getState().opened()
    store.getState().listReceived([app])
    answer({ workers: [terminal, app] })
    await opening
    expect(store.getState().workers).toEqual([app])
  })

  it('is fed by the `workers` event', () => {
    const fake = createFakeApi()
    const stores = createAppStores(fake.api)
    const disconnect = connectApiEvents(fake.api, stores)
    fake.emit('workers', [terminal])
    expect(stores.workers.getState().workers).toEqual([terminal])
    disconnect()
    fake.emit('workers', [])
    expect(stores.workers.getState().workers).toEqual([terminal])
  })

  it('asks one worker to stop, and says it is stopping until it is gone', async () => {
    const fake = createFakeApi({ workers: [terminal, app] })
    const store = createWorkersStore(fake.api)
    await store.getState().opened()
    const stop = store.getState().workerStopRequested(terminal.id)
    // Its button is disabled while the request is in flight…
    expect(workerStopping(store.getState(), store.getState().workers[0]!)).toBe(true)
    await stop
    expect(fake.calls.filter((c) => c.method === 'workers.stop').map((c) => c.request)).toEqual([
      { id: terminal.id }
    ])
    // …and after, from the registry's stop_requested; the other worker is untouched.
    const [stopped, other] = store.getState().workers
    expect(store.getState().stopsPending).toEqual([])
    expect(stopped!.stop_requested).toBe(true)
    expect(workerStopping(store.getState(), stopped!)).toBe(true)
    expect(workerStopping(store.getState(), other!)).toBe(false)
    expect(store.getState().error).toBeNull()
  })

  it('says why a stop failed', async () => {
    const fake = createFakeApi({ workers: [app] })
    const store = createWorkersStore(fake.api)
    await store.getState().opened()
    await store.getState().workerStopRequested('gone-1-x')
    expect(store.getState().error).toBe('No worker gone-1-x on this catalog.')
    expect(store.getState().stopsPending).toEqual([])
  })
})
