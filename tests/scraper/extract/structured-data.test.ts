import { describe, expect, it } from 'vitest'
import { emptyProductFields, type ProductFields } from '../../../src/scraper/extract/product-fields'
import { pickProduct, type StructuredData } from '../../../src/scraper/extract/structured-data'

const product = (name: string): ProductFields => ({ ...emptyProductFields(), name })
const data = (...names: string[]): StructuredData => ({
  products: names.map(product),
  itemList: false,
  breadcrumb: []
})

describe('pickProduct', () => {
  it('takes the one product named in the page title among related products', () => {
    const pick = pickProduct(
      data('Tapo C200 Camera', 'Ring Doorbell', 'Echo Dot'),
      [],
      ['Buy Tapo C200 Camera | Smart home | Shop']
    )
    expect(pick).toEqual({ product: product('Tapo C200 Camera'), listing: false })
  })

  it('still calls several products a listing when the titles name none or several', () => {
    expect(pickProduct(data('Lamp A', 'Lamp B'), [], ['All lamps']).listing).toBe(true)
    expect(pickProduct(data('Lamp A', 'Lamp B'), [], ['Lamp A and Lamp B']).listing).toBe(true)
  })
})
