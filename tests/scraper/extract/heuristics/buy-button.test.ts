import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { buyButton } from '../../../../src/scraper/extract/heuristics/buy-button'
import { pageElements } from '../../../../src/scraper/extract/page-elements'

const read = (body: string): ReturnType<typeof buyButton> =>
  buyButton(pageElements(load(`<html><body>${body}</body></html>`)))

describe('buyButton', () => {
  it('finds an enabled add-to-cart button in several languages: purchasable', () => {
    for (const label of [
      'Add to cart',
      'In den Warenkorb',
      'Ajouter au panier',
      'カートに入れる',
      'Dodaj do koszyka'
    ]) {
      const found = read(`<h1>Lamp</h1><button type="submit">${label}</button>`)
      expect(found?.purchasable, label).toBe(true)
    }
  })

  it('finds a control marked as add-to-cart by its id even without text', () => {
    expect(read('<input type="submit" id="add-to-cart-button" value="">')?.purchasable).toBe(true)
  })

  it('reads a disabled or "notify me" button as not purchasable', () => {
    expect(read('<button disabled>Add to bag</button>')?.purchasable).toBe(false)
    expect(read('<button class="add-to-cart">Notify me when available</button>')?.purchasable).toBe(
      false
    )
    expect(read('<button class="btn add-to-cart">Sold out</button>')?.purchasable).toBe(false)
  })

  it('ignores buttons in the page chrome, hidden ones and other buttons', () => {
    expect(read('<nav><button>Add to cart</button></nav><button>Search</button>')).toBeNull()
    expect(read('<div class="hidden"><button>Add to cart</button></div>')).toBeNull()
  })

  it('takes the first buy button: the main product comes before recommendations', () => {
    const found = read(
      '<button>Add to cart</button><section><button disabled>Add to cart</button></section>'
    )
    expect(found?.purchasable).toBe(true)
  })
})

describe('buyButton built from a div', () => {
  it('counts a div whose class and text both say buy, not one that says it only once', () => {
    expect(read('<div class="product-buy" onclick="buy()">Купить</div>')?.purchasable).toBe(true)
    expect(read('<div class="product-buy">Details</div><div>Add to cart</div>')).toBeNull()
  })
})
