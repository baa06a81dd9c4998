import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { AppStores } from './app-stores'
import type { BrandsActions, BrandsState } from './brands-store'
import type { IngestionActions, IngestionState } from './ingestion-store'
import type { LogsActions } from './logs-actions'
import type { LogsState } from './logs-state'
import type { ProductsActions } from './products-actions'
import type { ProductsState } from './products-state'
import type { WorkerActions, WorkerState } from './worker-store'
import type { WorkersActions, WorkersState } from './workers-store'

const StoresContext = createContext<AppStores | null>(null)

/** Makes the app's stores available to the components below. */
export function StoresProvider(props: { stores: AppStores; children: ReactNode }): ReactNode {
  return <StoresContext.Provider value={props.stores}>{props.children}</StoresContext.Provider>
}

function useStores(): AppStores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('StoresProvider is missing')
  return stores
}

/** Selects from the worker store; select single fields or use `useShallow`. */
export function useWorkerStore<T>(selector: (state: WorkerState & WorkerActions) => T): T {
  return useStore(useStores().worker, selector)
}

/** Selects from the store of every worker on the catalog. */
export function useWorkersStore<T>(selector: (state: WorkersState & WorkersActions) => T): T {
  return useStore(useStores().workers, selector)
}

export function useBrandsStore<T>(selector: (state: BrandsState & BrandsActions) => T): T {
  return useStore(useStores().brands, selector)
}

export function useProductsStore<T>(selector: (state: ProductsState & ProductsActions) => T): T {
  return useStore(useStores().products, selector)
}

export function useLogsStore<T>(selector: (state: LogsState & LogsActions) => T): T {
  return useStore(useStores().logs, selector)
}

export function useIngestionStore<T>(selector: (state: IngestionState & IngestionActions) => T): T {
  return useStore(useStores().ingestion, selector)
}
