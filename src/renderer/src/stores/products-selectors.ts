import type { ProductsState } from './products-state'

/** The row of the selected product among those loaded; -1 for none. */
export function selectedProductIndex(state: ProductsState): number {
  const { selectedId, items } = state
  return selectedId === null ? -1 : items.findIndex((p) => p.id === selectedId)
}
