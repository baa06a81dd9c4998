import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { downloadFile } from '../download-file'
import { formatAvailability, formatPrice, formatShortDateTime } from '../format'
import type { ProductSortField } from '../stores/products-store'
import { useBrandsStore, useProductsStore } from '../stores/stores-context'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { ProductDetail } from './product-detail'
import { BrandFilterSelect } from './brand-filter-select'

const rowHeight = 36

const columns: Array<{ field: ProductSortField | null; label: string; className?: string }> = [
  { field: 'name', label: 'Name' },
  { field: 'brand', label: 'Brand' },
  { field: 'price', label: 'Price', className: 'numeric' },
  { field: null, label: 'Availability' },
  { field: 'lastSeenAt', label: 'Last seen' }
]

/** The catalog: search, brand filter, sortable virtualized table, detail pane and export. */
export function ProductsPanel(): ReactNode {
  const { q, brand, total, loaded, loading, error, exporting } = useProductsStore(
    useShallow((s) => ({
      q: s.q,
      brand: s.brand,
      total: s.total,
      loaded: s.loaded,
      loading: s.loading,
      error: s.error,
      exporting: s.exporting
    }))
  )
  const actions = useProductsStore(
    useShallow((s) => ({
      searchChanged: s.searchChanged,
      brandFilterChanged: s.brandFilterChanged,
      exportRequested: s.exportRequested,
      catalogChanged: s.catalogChanged
    }))
  )
  const brandNames = useBrandsStore(useShallow((s) => s.brands.map((b) => b.name)))
  const searchId = useId()
  const brandId = useId()

  const exportAs = async (format: 'csv' | 'json'): Promise<void> => {
    const file = await actions.exportRequested(format)
    if (file) downloadFile(file)
  }

  return (
    <section className="panel panel-fill" aria-labelledby="products-heading">
      <header className="panel-header">
        <h2 id="products-heading">Products</h2>
        <div className="toolbar">
          <div className="field field-inline">
            <label htmlFor={searchId}>Search</label>
            <input
              id={searchId}
              type="search"
              value={q}
              placeholder="Name, SKU, description, specs…"
              onChange={(e) => actions.searchChanged(e.target.value)}
            />
          </div>
          <div className="field field-inline">
            <label htmlFor={brandId}>Brand</label>
            <BrandFilterSelect
              id={brandId}
              value={brand}
              brandNames={brandNames}
              onChange={(name) => void actions.brandFilterChanged(name)}
            />
          </div>
          <span className="muted" aria-live="polite" data-testid="products-total">
            {loaded ? `${total.toLocaleString()} ${total === 1 ? 'product' : 'products'}` : ''}
            {loading ? ' · loading…' : ''}
          </span>
          <div className="button-row">
            <button
              type="button"
              disabled={exporting || total === 0}
              onClick={() => void exportAs('csv')}
            >
              Export CSV
            </button>
            <button
              type="button"
              disabled={exporting || total === 0}
              onClick={() => void exportAs('json')}
            >
              Export JSON
            </button>
          </div>
        </div>
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={() => void actions.catalogChanged()}>
          {error}
        </MessageBanner>
      )}
      <div className="split">
        {!loaded ? (
          <p className="muted">Loading products…</p>
        ) : total === 0 ? (
          q || brand ? (
            <EmptyState title="No product matches">
              Nothing in the catalog matches {q ? <>“{q}”</> : 'this filter'}
              {brand ? ` for ${brand}` : ''}. Try fewer words, or choose All brands.
            </EmptyState>
          ) : (
            <EmptyState title="The catalog is empty">
              Products appear here as the worker saves them. Add brands in the Brands tab, then
              press Start in the Worker tab (or Scrape on a brand's row).
            </EmptyState>
          )
        ) : (
          <ProductTable />
        )}
        <ProductDetail />
      </div>
    </section>
  )
}

function ProductTable(): ReactNode {
  const items = useProductsStore((s) => s.items)
  const { total, sort, order, selectedId } = useProductsStore(
    useShallow((s) => ({ total: s.total, sort: s.sort, order: s.order, selectedId: s.selectedId }))
  )
  const actions = useProductsStore(
    useShallow((s) => ({
      sortRequested: s.sortRequested,
      rowsNeeded: s.rowsNeeded,
      productSelected: s.productSelected
    }))
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  const gridId = useId()
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12
  })
  const virtualRows = virtualizer.getVirtualItems()
  const lastIndex = virtualRows.at(-1)?.index ?? 0

  useEffect(() => {
    void actions.rowsNeeded(lastIndex)
  }, [lastIndex, items.length, actions])

  const selectedIndex = selectedId === null ? -1 : items.findIndex((p) => p.id === selectedId)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }
    let next: number | null = null
    if (event.key in moves) next = Math.max(0, selectedIndex + moves[event.key]!)
    if (event.key === 'Home') next = 0
    if (event.key === 'End') next = items.length - 1
    if (next === null || items.length === 0) return
    event.preventDefault()
    next = Math.min(next, items.length - 1)
    virtualizer.scrollToIndex(next)
    void actions.productSelected(items[next]!.id)
  }

  return (
    <div className="product-table" role="grid" aria-rowcount={total + 1} aria-label="Products">
      <div className="product-row product-head" role="row" aria-rowindex={1}>
        {columns.map((column) => (
          <div
            key={column.label}
            role="columnheader"
            className={column.className}
            aria-sort={
              column.field && column.field === sort
                ? order === 'asc'
                  ? 'ascending'
                  : 'descending'
                : undefined
            }
          >
            {column.field ? (
              <button
                type="button"
                className="sort-button"
                onClick={() => void actions.sortRequested(column.field!)}
              >
                {column.label}
                <span aria-hidden="true">
                  {column.field === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                </span>
              </button>
            ) : (
              column.label
            )}
          </div>
        ))}
      </div>
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
              <div
                key={row.key}
                id={`${gridId}-${row.index}`}
                role="row"
                aria-rowindex={row.index + 2}
                aria-selected={product ? product.id === selectedId : false}
                className={`product-row${product && product.id === selectedId ? ' selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
                onClick={() => product && void actions.productSelected(product.id)}
              >
                {product ? (
                  <>
                    <div role="gridcell" className="ellipsis" title={product.name}>
                      {product.name}
                      {product.missingSince && <span className="badge badge-missing">Gone</span>}
                    </div>
                    <div role="gridcell" className="ellipsis">
                      {product.brandName}
                    </div>
                    <div role="gridcell" className="numeric">
                      {formatPrice(product.price, product.currency)}
                    </div>
                    <div role="gridcell" className="ellipsis">
                      {formatAvailability(product.availability)}
                    </div>
                    <div role="gridcell" className="ellipsis">
                      {formatShortDateTime(product.lastSeenAt)}
                    </div>
                  </>
                ) : (
                  <div role="gridcell" className="muted">
                    Loading…
                  </div>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
