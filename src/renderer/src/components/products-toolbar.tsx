import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { downloadFile } from '../download-file'
import { useBrandsStore, useProductsStore } from '../stores/stores-context'
import { BrandFilterSelect } from './brand-filter-select'
import { Field } from './field'

const exportFormats = ['csv', 'json'] as const

/** The products' search, brand filter, count and export buttons. */
export function ProductsToolbar(): ReactNode {
  const { q, brand, total, loaded, loading, exporting } = useProductsStore(
    useShallow((s) => ({
      q: s.q,
      brand: s.brand,
      total: s.total,
      loaded: s.loaded,
      loading: s.loading,
      exporting: s.exporting
    }))
  )
  const searchChanged = useProductsStore((s) => s.searchChanged)
  const brandFilterChanged = useProductsStore((s) => s.brandFilterChanged)
  const exportRequested = useProductsStore((s) => s.exportRequested)
  const brandNames = useBrandsStore(useShallow((s) => s.brands.map((b) => b.name)))

  const exportAs = async (format: (typeof exportFormats)[number]): Promise<void> => {
    const file = await exportRequested(format)
    if (file) downloadFile(file)
  }

  return (
    <div className="toolbar">
      <Field label="Search" inline>
        {(id) => (
          <input
            id={id}
            type="search"
            value={q}
            placeholder="Name, SKU, description, specs…"
            onChange={(e) => searchChanged(e.target.value)}
          />
        )}
      </Field>
      <Field label="Brand" inline>
        {(id) => (
          <BrandFilterSelect
            id={id}
            value={brand}
            brandNames={brandNames}
            onChange={(name) => void brandFilterChanged(name)}
          />
        )}
      </Field>
      <span className="muted" aria-live="polite" data-testid="products-total">
        {loaded ? `${total.toLocaleString()} ${total === 1 ? 'product' : 'products'}` : ''}
        {loading ? ' · loading…' : ''}
      </span>
      <div className="button-row">
        {exportFormats.map((format) => (
          <button
            key={format}
            type="button"
            disabled={exporting || total === 0}
            onClick={() => void exportAs(format)}
          >
            Export {format.toUpperCase()}
          </button>
        ))}
      </div>
    </div>
  )
}
