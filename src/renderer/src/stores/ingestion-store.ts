import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import type { IngestionStatusRow } from '../../../shared/brand'
import { errorMessage } from '../api/to-api-error'

/** Per brand: last run, counts and errors. */
export interface IngestionState {
  rows: IngestionStatusRow[]
  loading: boolean
  loaded: boolean
  error: string | null
}

export interface IngestionActions {
  opened(): Promise<void>
  refreshRequested(): Promise<void>
}

export type IngestionStore = StoreApi<IngestionState & IngestionActions>

/** The ingestion status' store. */
export function createIngestionStore(api: Api): IngestionStore {
  return createStore<IngestionState & IngestionActions>()((set, get) => ({
    rows: [],
    loading: false,
    loaded: false,
    error: null,

    async opened() {
      await get().refreshRequested()
    },

    async refreshRequested() {
      set({ loading: true })
      try {
        const rows = await api.ingestion.status()
        set({ rows, loading: false, loaded: true, error: null })
      } catch (error) {
        set({ loading: false, loaded: true, error: errorMessage(error) })
      }
    }
  }))
}
