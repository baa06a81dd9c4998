import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import type { WorkerRecord } from '../../../shared/worker-record'
import { errorMessage } from '../api/to-api-error'

/** Every worker on the catalog, whoever started it (the app, `serve`, a terminal). */
export interface WorkersState {
  /** As the catalog's registry last listed them. */
  workers: WorkerRecord[]
  /** False until the first list arrived (or failed). */
  loaded: boolean
  /** Ids of workers whose Stop request is in flight, to disable their buttons. */
  stopsPending: string[]
  /** The last failed request, said for a user. */
  error: string | null
}

export interface WorkersActions {
  opened(): Promise<void>
  /** The coordinator pushed the registry (it does whenever it changes). */
  listReceived(workers: WorkerRecord[]): void
  workerStopRequested(id: string): Promise<void>
  errorDismissed(): void
}

export type WorkersStore = StoreApi<WorkersState & WorkersActions>

/** The workers' store: the catalog's worker registry, and the user's Stop requests. */
export function createWorkersStore(api: Api): WorkersStore {
  // Counts pushed lists, so an answer to a request sent before one is not taken over it.
  let listsReceived = 0

  const store: WorkersStore = createStore<WorkersState & WorkersActions>()((set, get) => ({
    workers: [],
    loaded: false,
    stopsPending: [],
    error: null,

    async opened() {
      await refreshList()
    },

    listReceived(workers) {
      listsReceived += 1
      set({ workers, loaded: true })
    },

    async workerStopRequested(id) {
      set({ stopsPending: [...get().stopsPending, id], error: null })
      try {
        await api.workers.stop({ id })
        // The worker picks the request up within a heartbeat; say so until the registry does.
        set({
          workers: get().workers.map((w) => (w.id === id ? { ...w, stop_requested: true } : w))
        })
        await refreshList()
      } catch (error) {
        set({ error: errorMessage(error) })
      } finally {
        set({ stopsPending: get().stopsPending.filter((pending) => pending !== id) })
      }
    },

    errorDismissed() {
      set({ error: null })
    }
  }))
  return store

  async function refreshList(): Promise<void> {
    const before = listsReceived
    try {
      const { workers } = await api.workers.list()
      if (listsReceived === before) store.setState({ workers, loaded: true })
    } catch (error) {
      store.setState({ loaded: true, error: errorMessage(error) })
    }
  }
}
