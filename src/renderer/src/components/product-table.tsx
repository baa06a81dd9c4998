import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { selectedProductIndex } from '../stores/products-selectors'
import { useProductsStore } from '../stores/stores-context'
import { ProductRow, productRowHeight } from './product-row'
import { ProductTableHead } from './product-table-head'

/** Rows each key moves the selection by. */
const keyMoves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }

/**
 * The products grid, virtualized over the catalog's total: rows are fetched as they come into view,
 * and the arrow, page, Home and End keys move the selection.
 */
export function ProductTable(): ReactNode {
  const items = useProductsStore((s) => s.items)
  const total = useProductsStore((s) => s.total)
  const selectedId = useProductsStore((s) => s.selectedId)
  const selectedIndex = useProductsStore(selectedProductIndex)
  const rowsNeeded = useProductsStore((s) => s.rowsNeeded)
  const productSelected = useProductsStore((s) => s.productSelected)
  const scrollRef = useRef<HTMLDivElement>(null)
  const gridId = useId()
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => productRowHeight,
    overscan: 12
  })
  const virtualRows = virtualizer.getVirtualItems()
  const lastIndex = virtualRows.at(-1)?.index ?? 0

  useEffect(() => {
    void rowsNeeded(lastIndex)
  }, [lastIndex, items.length, rowsNeeded])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const next = nextRowIndex(event.key, selectedIndex, items.length)
    if (next === null) return
    event.preventDefault()
    virtualizer.scrollToIndex(next)
    void productSelected(items[next]!.id)
  }

  return (
    <div className="product-table" role="grid" aria-rowcount={total + 1} aria-label="Products">
      <ProductTableHead />
      <div
        ref={scrollRef}
        className="virtual-scroll"
        tabIndex={0}
        role="rowgroup"
        aria-activedescendant={selectedIndex >= 0 ? `${gridId}-${selectedIndex}` : undefined}
        aria-label="Product rows; use the arrow keys to choose one"
        onKeyDown={onKeyDown}
      >
        <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualRows.map((row) => {
            const product = items[row.index]
            return (
              <ProductRow
                key={row.key}
                product={product}
                id={`${gridId}-${row.index}`}
                index={row.index}
                start={row.start}
                selected={product !== undefined && product.id === selectedId}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}

/** The row a key selects among `count` loaded rows; null when the key does not move it. */
function nextRowIndex(key: string, selectedIndex: number, count: number): number | null {
  let next: number | null = null
  if (key in keyMoves) next = Math.max(0, selectedIndex + keyMoves[key]!)
  if (key === 'Home') next = 0
  if (key === 'End') next = count - 1
  if (next === null || count === 0) return null
  return Math.min(next, count - 1)
}
