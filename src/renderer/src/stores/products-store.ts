import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import { createProductsActions, type ProductsActions } from './products-actions'
import { initialProductsState, type ProductsState } from './products-state'

export type ProductsStore = StoreApi<ProductsState & ProductsActions>

/** The products' store: server-side search, sort and paging over the catalog. */
export function createProductsStore(api: Api): ProductsStore {
  return createStore<ProductsState & ProductsActions>()((set, get) => ({
    ...initialProductsState,
    ...createProductsActions(api, set, get)
  }))
}
