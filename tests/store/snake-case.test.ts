import { describe, expect, it } from 'vitest'
import { snakeCase } from '../../src/store/snake-case'

describe('snakeCase', () => {
  it('spells record names as catalog columns', () => {
    expect(snakeCase('name')).toBe('name')
    expect(snakeCase('statedBrand')).toBe('stated_brand')
    const lastChangedAt: 'last_changed_at' = snakeCase('lastChangedAt')
    expect(lastChangedAt).toBe('last_changed_at')
  })
})
