import type { productSortFields } from '../../../shared/api-contract'
import type { ProductRecord } from '../../../shared/product'

export type ProductSortField = (typeof productSortFields)[number]

/** Rows fetched per request as the table scrolls. */
export const productPageSize = 200

/** The products table and its detail pane. */
export interface ProductsState {
  /** The rows loaded so far (the table asks for more as it scrolls). */
  items: ProductRecord[]
  total: number
  /** Brand name filter; empty for every brand. */
  brand: string
  /** Full-text search as typed. */
  q: string
  /** Default: name. */
  sort: ProductSortField
  /** Default: asc. */
  order: 'asc' | 'desc'
  loading: boolean
  loaded: boolean
  error: string | null
  selectedId: number | null
  selected: ProductRecord | null
  exporting: boolean
}

/** The table before it opened: no row, no filter, sorted by name. */
export const initialProductsState: ProductsState = {
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
  exporting: false
}
