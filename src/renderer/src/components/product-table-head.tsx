import type { ReactNode } from 'react'
import type { ProductSortField } from '../stores/products-state'
import { useProductsStore } from '../stores/stores-context'

const columns: Array<{ field: ProductSortField | null; label: string; className?: string }> = [
  { field: 'name', label: 'Name' },
  { field: 'brand', label: 'Brand' },
  { field: 'price', label: 'Price', className: 'numeric' },
  { field: null, label: 'Availability' },
  { field: 'lastSeenAt', label: 'Last seen' }
]

/** The products grid's header row: a column's button sorts by it, again to reverse. */
export function ProductTableHead(): ReactNode {
  const sort = useProductsStore((s) => s.sort)
  const order = useProductsStore((s) => s.order)
  const sortRequested = useProductsStore((s) => s.sortRequested)
  return (
    <div className="product-row product-head" role="row" aria-rowindex={1}>
      {columns.map(({ field, label, className }) => (
        <div
          key={label}
          role="columnheader"
          className={className}
          aria-sort={
            field && field === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined
          }
        >
          {field ? (
            <button type="button" className="sort-button" onClick={() => void sortRequested(field)}>
              {label}
              <span aria-hidden="true">
                {field === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
              </span>
            </button>
          ) : (
            label
          )}
        </div>
      ))}
    </div>
  )
}
