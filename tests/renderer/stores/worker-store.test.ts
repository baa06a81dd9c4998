import { describe, expect, it } from 'vitest'
import type { Api } from '../../../src/shared/api-contract'
import { idleWorkerStatus, type WorkerStatus } from '../../../src/shared/worker-status'
import { createWorkerStore } from '../../../src/renderer/src/stores/worker-store'

const stopping: WorkerStatus = {
  ...idleWorkerStatus,
  version: 4,
  is_running: true,
  state: 'stopping',
  pid: 7
}
const stopped: WorkerStatus = { ...idleWorkerStatus, version: 5, state: 'stopped' }

describe('worker store', () => {
  it('keeps a pushed status that overtook the answer to an earlier request', async () => {
    let answer: (status: WorkerStatus) => void = () => {}
    // The coordinator answered "stopping"; the answer is still on its way when "stopped" is pushed.
    const api = {
      worker: {
        stop: async () => ({ status: 'stopping' as const }),
        status: () => new Promise<WorkerStatus>((resolve) => (answer = resolve))
      }
    } as unknown as Api
    const store = createWorkerStore(api)
    const stop = store.getState().stopRequested()
    await new Promise((resolve) => setTimeout(resolve, 0))
    store.getState().statusReceived(stopped)
    answer(stopping)
    await stop
    expect(store.getState().status.state).toBe('stopped')
  })

  it('takes a newer status from either path', () => {
    const store = createWorkerStore({} as Api)
    store.getState().statusReceived(stopping)
    expect(store.getState().status.state).toBe('stopping')
    store.getState().statusReceived(stopped)
    expect(store.getState().status.state).toBe('stopped')
  })
})
