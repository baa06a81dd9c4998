import { describe, expect, it } from 'vitest'
import { normalizeCategory } from '../../../src/scraper/extract/normalize-category'

describe('normalizeCategory', () => {
  it('joins steps most general first, without the root step and the product', () => {
    expect(normalizeCategory(['Home', 'Lighting', 'Sconces', 'Tully Sconce'], 'Tully Sconce')).toBe(
      'Lighting > Sconces'
    )
  })

  it('splits a category string on its separators', () => {
    expect(normalizeCategory('Hogar y decoración < Decoración del hogar')).toBe(
      'Hogar y decoración > Decoración del hogar'
    )
    expect(normalizeCategory('Home > Tools › Drills')).toBe('Tools > Drills')
  })

  it('drops navigation before the root step and item numbers at the end', () => {
    expect(normalizeCategory(['Back to All Products', 'Home', 'Cat', 'SKU: W005759888'])).toBe(
      'Cat'
    )
    expect(normalizeCategory(['Furniture/', 'Chairs/'])).toBe('Furniture > Chairs')
  })

  it('returns null when nothing is left', () => {
    expect(normalizeCategory(['Home'])).toBeNull()
    expect(normalizeCategory('')).toBeNull()
  })
})
