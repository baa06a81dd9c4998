import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api, productSortFields } from '../../../shared/api-contract'
import type { ProductRecord } from '../../../shared/product'
import { errorMessage } from '../api/to-api-error'

export type ProductSortField = (typeof productSortFields)[number]

/** Rows fetched per request as the table scrolls. */
export const productPageSize = 200

/** Debounce of the search box, in milliseconds. */
const searchDelayMs = 250

/** A file to hand to the user. */
export interface ExportedFile {
  filename: string
  mimeType: string
  content: string
  count: number
}

/** The products table and its detail pane. */
export interface ProductsState {
  /** The rows loaded so far (the table asks for more as it scrolls). */
  items: ProductRecord[]
  total: number
  /** Brand name filter; empty for every brand. */
  brand: string
  /** Full-text search as typed. */
  q: string
  sort: ProductSortField
  order: 'asc' | 'desc'
  loading: boolean
  loaded: boolean
  error: string | null
  selectedId: number | null
  selected: ProductRecord | null
  exporting: boolean
}

export interface ProductsActions {
  opened(): Promise<void>
  searchChanged(q: string): void
  brandFilterChanged(brand: string): Promise<void>
  sortRequested(field: ProductSortField): Promise<void>
  /** The table shows rows up to `index`: fetch the next page when it nears the end. */
  rowsNeeded(index: number): Promise<void>
  productSelected(id: number | null): Promise<void>
  /** The catalog changed (a run saved products): reload the first page. */
  catalogChanged(): Promise<void>
  /** Resolves with the file of the current filter, or null when it failed (see `error`). */
  exportRequested(format: 'csv' | 'json'): Promise<ExportedFile | null>
}

export type ProductsStore = StoreApi<ProductsState & ProductsActions>

/** The products' store: server-side search, sort and paging over the catalog. */
export function createProductsStore(api: Api): ProductsStore {
  // Answers to an older filter are dropped: only the latest request may write the rows.
  let generation = 0
  let searchTimer: ReturnType<typeof setTimeout> | null = null

  const store: ProductsStore = createStore<ProductsState & ProductsActions>()((set, get) => {
    async function load(offset: number, reset: boolean): Promise<void> {
      const current = reset ? ++generation : generation
      const { brand, q, sort, order } = get()
      set({ loading: true })
      try {
        const page = await api.products.list({
          brand: brand || undefined,
          q: q.trim() || undefined,
          sort,
          order,
          offset,
          limit: productPageSize
        })
        if (current !== generation) return
        const items = reset ? page.items : [...get().items.slice(0, offset), ...page.items]
        set({ items, total: page.total, loading: false, loaded: true, error: null })
      } catch (error) {
        if (current !== generation) return
        set({ loading: false, loaded: true, error: errorMessage(error) })
      }
    }

    return {
      items: [],
      total: 0,
      brand: '',
      q: '',
      sort: 'name',
      order: 'asc',
      loading: false,
      loaded: false,
      error: null,
      selectedId: null,
      selected: null,
      exporting: false,

      async opened() {
        await load(0, true)
      },

      searchChanged(q) {
        set({ q })
        if (searchTimer) clearTimeout(searchTimer)
        searchTimer = setTimeout(() => {
          searchTimer = null
          void load(0, true)
        }, searchDelayMs)
      },

      async brandFilterChanged(brand) {
        set({ brand })
        await load(0, true)
      },

      async sortRequested(field) {
        const { sort, order } = get()
        set({ sort: field, order: sort === field && order === 'asc' ? 'desc' : 'asc' })
        await load(0, true)
      },

      async rowsNeeded(index) {
        const { items, total, loading } = get()
        if (loading || items.length >= total || index < items.length - 20) return
        await load(items.length, false)
      },

      async productSelected(id) {
        if (id === null) {
          set({ selectedId: null, selected: null })
          return
        }
        set({ selectedId: id, selected: get().items.find((p) => p.id === id) ?? null })
        try {
          const product = await api.products.get({ id })
          if (get().selectedId === id) set({ selected: product })
        } catch (error) {
          if (get().selectedId === id) set({ error: errorMessage(error) })
        }
      },

      async catalogChanged() {
        await load(0, true)
      },

      async exportRequested(format) {
        const { brand, q } = get()
        set({ exporting: true })
        try {
          const file = await api.products.export({
            brand: brand || undefined,
            q: q.trim() || undefined,
            format
          })
          set({ exporting: false })
          return file
        } catch (error) {
          set({ exporting: false, error: errorMessage(error) })
          return null
        }
      }
    }
  })
  return store
}
