import { describe, expect, it } from 'vitest'
import { normalizeAvailability } from '../../../src/scraper/extract/normalize-availability'

describe('normalizeAvailability', () => {
  it.each([
    ['http://schema.org/InStock', 'InStock'],
    ['https://schema.org/OutOfStock', 'OutOfStock'],
    ['InStock', 'InStock'],
    ['schema:PreOrder', 'PreOrder'],
    ['instock', 'InStock'],
    ['in stock', 'InStock'],
    ['out of stock', 'OutOfStock'],
    ['oos', 'OutOfStock'],
    ['preorder', 'PreOrder'],
    ['backorder', 'BackOrder'],
    ['Discontinued', 'Discontinued'],
    ['https://schema.org/LimitedAvailability', 'LimitedAvailability']
  ])('reads %j', (value, expected) => {
    expect(normalizeAvailability(value)).toBe(expected)
  })

  it('returns null for anything else', () => {
    expect(normalizeAvailability('ships in 3 days')).toBeNull()
    expect(normalizeAvailability(undefined)).toBeNull()
    expect(normalizeAvailability(42)).toBeNull()
  })
})
