import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useProductsStore } from '../stores/stores-context'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { ProductDetail } from './product-detail'
import { ProductTable } from './product-table'
import { ProductsToolbar } from './products-toolbar'

/** The catalog: search, brand filter, sortable virtualized table, detail pane and export. */
export function ProductsPanel(): ReactNode {
  const { q, brand, total, loaded, error } = useProductsStore(
    useShallow((s) => ({
      q: s.q,
      brand: s.brand,
      total: s.total,
      loaded: s.loaded,
      error: s.error
    }))
  )
  const catalogChanged = useProductsStore((s) => s.catalogChanged)

  return (
    <section className="panel panel-fill" aria-labelledby="products-heading">
      <header className="panel-header">
        <h2 id="products-heading">Products</h2>
        <ProductsToolbar />
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={() => void catalogChanged()}>
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
