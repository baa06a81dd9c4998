import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import {
  idleWorkerStatus,
  type WorkerProgress,
  type WorkerStatus
} from '../../../shared/worker-status'
import { defaultDelaySeconds, type StartMode } from '../../../shared/worker-mode'
import { errorMessage } from '../api/to-api-error'

/** Most worker processes one Start runs (the API's limit). */
export const maxWorkerCount = 16

/** What the worker panel and the brand rows show of the worker. */
export interface WorkerState {
  status: WorkerStatus
  /** False until the first status arrived. */
  loaded: boolean
  /** The mode the next Start uses. Default: continuous. */
  mode: StartMode
  /** Seconds between brands in continuous mode, as typed. Default: 60. */
  delay: number
  /** Worker processes the next Start runs, sharing the queue (1-16). Default: 1. */
  workerCount: number
  /** The request in flight, to disable its button. */
  pending: 'start' | 'stop' | 'scrape' | null
  /** The last failed request, said for a user. */
  error: string | null
}

export interface WorkerActions {
  opened(): Promise<void>
  modeChanged(mode: WorkerState['mode']): void
  delayChanged(seconds: number): void
  workerCountChanged(count: number): void
  startRequested(): Promise<void>
  stopRequested(): Promise<void>
  brandScrapeRequested(brand: string): Promise<void>
  statusReceived(status: WorkerStatus): void
  progressReceived(progress: WorkerProgress): void
  errorDismissed(): void
}

export type WorkerStore = StoreApi<WorkerState & WorkerActions>

/** The worker's store: its status as pushed by the coordinator, and the user's requests. */
export function createWorkerStore(api: Api): WorkerStore {
  const store: WorkerStore = createStore<WorkerState & WorkerActions>()((set, get) => ({
    status: idleWorkerStatus,
    loaded: false,
    mode: 'continuous',
    delay: defaultDelaySeconds,
    workerCount: 1,
    pending: null,
    error: null,

    async opened() {
      try {
        acceptStatus(await api.worker.status())
      } catch (error) {
        set({ loaded: true, error: errorMessage(error) })
      }
    },

    modeChanged(mode) {
      set({ mode })
    },

    delayChanged(seconds) {
      set({ delay: Number.isFinite(seconds) ? Math.max(0, seconds) : 0 })
    },

    workerCountChanged(count) {
      const whole = Number.isFinite(count) ? Math.round(count) : 1
      set({ workerCount: Math.min(maxWorkerCount, Math.max(1, whole)) })
    },

    async startRequested() {
      const { mode, delay, workerCount } = get()
      set({ pending: 'start', error: null })
      try {
        await api.worker.start({ mode, delay, workers: workerCount })
        await refreshStatus()
      } catch (error) {
        set({ error: errorMessage(error) })
      } finally {
        set({ pending: null })
      }
    },

    async stopRequested() {
      set({ pending: 'stop', error: null })
      try {
        await api.worker.stop()
        await refreshStatus()
      } catch (error) {
        set({ error: errorMessage(error) })
      } finally {
        set({ pending: null })
      }
    },

    async brandScrapeRequested(brand) {
      set({ pending: 'scrape', error: null })
      try {
        await api.worker.scrapeBrand({ brand })
        await refreshStatus()
      } catch (error) {
        set({ error: errorMessage(error) })
      } finally {
        set({ pending: null })
      }
    },

    statusReceived(status) {
      acceptStatus(status)
    },

    progressReceived(progress) {
      const { status } = get()
      set({ status: { ...status, progress, current_brand: progress.brand } })
    },

    errorDismissed() {
      set({ error: null })
    }
  }))
  return store

  /** Keeps the newest status: an answer sent before a pushed event may arrive after it. */
  function acceptStatus(status: WorkerStatus): void {
    if (status.version < store.getState().status.version) return
    store.setState({ status, loaded: true })
  }

  // The status events usually arrive first; this keeps a missed one from leaving a stale view.
  async function refreshStatus(): Promise<void> {
    try {
      acceptStatus(await api.worker.status())
    } catch {
      // The next status event corrects it.
    }
  }
}
