import { describe, expect, it } from 'vitest'
import { availabilityClass, scoreProductPages } from '../../support/score-product-pages'

describe('scoreProductPages (the corpus metric)', () => {
  it('counts true and false positives and negatives as the README says', () => {
    const score = scoreProductPages(
      {
        a: { price: ['29.99'], sku: ['X-1', 'X1'], availability: ['InStock'] },
        b: { price: ['10'], sku: ['B-2'], availability: ['OutOfStock'] },
        c: { availability: ['InStock'] },
        d: { price: ['5'] }
      },
      {
        // right price as another decimal spelling, an alternative sku, a schema.org URL
        a: { price: '29.990', sku: 'X1', availability: 'http://schema.org/InStock' },
        // wrong price (fp + fn), no sku (fn), "sold out" is OutOfStock (tp)
        b: { price: 12, sku: null, availability: 'SoldOut' },
        // a price where the page has none: fp only
        c: { price: 3, availability: 'InStock' }
        // d: nothing answered: fn
      }
    )
    expect(score.fields.price).toMatchObject({ tp: 1, fp: 2, fn: 2 })
    expect(score.fields.price.precision).toBeCloseTo(1 / 3)
    expect(score.fields.price.recall).toBeCloseTo(1 / 3)
    expect(score.fields.price.f1).toBeCloseTo(1 / 3)
    expect(score.fields.sku).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 })
    expect(score.fields.sku.f1).toBeCloseTo(2 / 3)
    expect(score.fields.availability).toMatchObject({ tp: 3, fp: 0, fn: 0, f1: 1 })
    expect(score.pagesWithAnswer).toBe(3)
    expect(score.pages).toBe(4)
  })

  it('maps availability wordings to InStock or OutOfStock', () => {
    expect(availabilityClass('https://schema.org/PreOrder')).toBe('InStock')
    expect(availabilityClass('LimitedAvailability')).toBe('InStock')
    expect(availabilityClass('sold out')).toBe('OutOfStock')
    expect(availabilityClass('Discontinued')).toBe('OutOfStock')
    expect(availabilityClass('maybe')).toBeNull()
  })
})
