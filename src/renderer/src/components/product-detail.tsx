import type { ReactNode } from 'react'
import { formatAvailability, formatDateTime, formatPrice } from '../format'
import { useProductsStore } from '../stores/stores-context'
import { Fact } from './fact'

/** The selected product: images, price, availability, specs and its source page. */
export function ProductDetail(): ReactNode {
  const product = useProductsStore((s) => s.selected)
  const productSelected = useProductsStore((s) => s.productSelected)
  if (!product) {
    return (
      <aside className="detail detail-empty" aria-label="Product details">
        <p className="muted">Choose a product to see its details.</p>
      </aside>
    )
  }
  const specs = Object.entries(product.specs)
  return (
    <aside className="detail" aria-label="Product details" data-testid="product-detail">
      <header className="detail-header">
        <h3>{product.name}</h3>
        <button type="button" className="button-quiet" onClick={() => void productSelected(null)}>
          Close
        </button>
      </header>
      <p className="muted">
        {product.brandName}
        {product.category ? ` · ${product.category}` : ''}
      </p>
      {product.images.length > 0 && (
        <div className="detail-images">
          {product.images.slice(0, 6).map((src, index) => (
            <img
              key={src}
              src={src}
              alt={index === 0 ? product.name : `${product.name}, image ${index + 1}`}
              loading="lazy"
              referrerPolicy="no-referrer"
            />
          ))}
        </div>
      )}
      <dl className="facts facts-compact">
        <Fact term="Price">{formatPrice(product.price, product.currency)}</Fact>
        <Fact term="Availability">{formatAvailability(product.availability)}</Fact>
        <Fact term="SKU">{product.sku ?? '—'}</Fact>
        <Fact term="MPN">{product.mpn ?? '—'}</Fact>
        <Fact term="GTIN">{product.gtin ?? '—'}</Fact>
        <Fact term="First seen">{formatDateTime(product.firstSeenAt)}</Fact>
        <Fact term="Last seen">{formatDateTime(product.lastSeenAt)}</Fact>
        {product.missingSince && (
          <Fact term="Gone since">{formatDateTime(product.missingSince)}</Fact>
        )}
      </dl>
      <p>
        <a href={product.url} target="_blank" rel="noreferrer noopener">
          Open the source page
        </a>
      </p>
      {product.description && <p className="description">{product.description}</p>}
      {specs.length > 0 && (
        <table className="table specs">
          <caption>Specifications</caption>
          <tbody>
            {specs.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  )
}
