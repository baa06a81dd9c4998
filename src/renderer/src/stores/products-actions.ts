import type { Api, ApiResponse } from '../../../shared/api-contract'
import { errorMessage } from '../api/to-api-error'
import { debounce } from '../debounce'
import { productPageSize, type ProductSortField, type ProductsState } from './products-state'

/** Debounce of the search box, in milliseconds. */
const searchDelayMs = 250

/** A file to hand to the user. */
export type ExportedFile = ApiResponse<'products', 'export'>

/** What the user and the coordinator do to the products table. */
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

type SetProducts = (partial: Partial<ProductsState>) => void
type GetProducts = () => ProductsState

/** The products table's actions: server-side search, sort and paging; only these call the API. */
export function createProductsActions(
  api: Api,
  set: SetProducts,
  get: GetProducts
): ProductsActions {
  // Answers to an older filter are dropped: only the latest request may write the rows.
  let generation = 0
  const search = debounce(() => void load(0, true), searchDelayMs)

  async function load(offset: number, reset: boolean): Promise<void> {
    const current = reset ? ++generation : generation
    const { sort, order } = get()
    set({ loading: true })
    try {
      const page = await api.products.list({
        ...productFilter(get()),
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
    async opened() {
      await load(0, true)
    },

    searchChanged(q) {
      set({ q })
      search.schedule()
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
      set({ exporting: true })
      try {
        const file = await api.products.export({ ...productFilter(get()), format })
        set({ exporting: false })
        return file
      } catch (error) {
        set({ exporting: false, error: errorMessage(error) })
        return null
      }
    }
  }
}

/** The brand and search as the API takes them: an empty control asks for no condition. */
function productFilter({ brand, q }: ProductsState): { brand?: string; q?: string } {
  return { brand: brand || undefined, q: q.trim() || undefined }
}
