import type { ReactNode } from 'react'
import type { ProductRecord } from '../../../shared/product'
import { formatAvailability, formatPrice, formatShortDateTime } from '../format'
import { useProductsStore } from '../stores/stores-context'

/** The height of a product row in pixels; the grid places rows by it. */
export const productRowHeight = 36

/** Props of {@link ProductRow}. */
export interface ProductRowProps {
  /** The row's product; undefined while its page is being fetched. */
  product: ProductRecord | undefined
  /** The row's element id, which the grid names as its active descendant. */
  id: string
  /** The row's place among the products, from 0. */
  index: number
  /** Offset from the top of the grid's rows, in pixels. */
  start: number
  selected: boolean
}

/** One product in the grid; a click shows it in the detail pane. */
export function ProductRow({ product, id, index, start, selected }: ProductRowProps): ReactNode {
  const productSelected = useProductsStore((s) => s.productSelected)
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`product-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: productRowHeight }}
      onClick={() => product && void productSelected(product.id)}
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
}
