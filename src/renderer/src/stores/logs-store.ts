import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import { createLogsActions, type LogsActions } from './logs-actions'
import { initialLogsState, type LogsState } from './logs-state'

export type LogsStore = StoreApi<LogsState & LogsActions>

/** The log viewer's store: the newest lines from the database, then the live tail. */
export function createLogsStore(api: Api): LogsStore {
  return createStore<LogsState & LogsActions>()((set, get) => ({
    ...initialLogsState,
    ...createLogsActions(api, set, get)
  }))
}
