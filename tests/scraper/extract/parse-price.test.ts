import { describe, expect, it } from 'vitest'
import {
  parseCurrency,
  parsePrice,
  parseStructuredPrice
} from '../../../src/scraper/extract/parse-price'

describe('parsePrice', () => {
  it.each([
    ['1.299,00 €', 1299, 'EUR'],
    ['$1,299.99', 1299.99, 'USD'],
    ['1 299,50 kr', 1299.5, null],
    ["CHF 1'299.–", 1299, 'CHF'],
    ['53,11 €', 53.11, 'EUR'],
    ['12.48', 12.48, null],
    ['£9.56', 9.56, 'GBP'],
    ['¥1,280', 1280, 'JPY'],
    ['₹ 2,499', 2499, 'INR'],
    ['A$ 49.95', 49.95, 'AUD'],
    ['C$19.99', 19.99, 'CAD'],
    ['R$ 1.234,56', 1234.56, 'BRL'],
    ['US$ 15', 15, 'USD'],
    ['EUR 12,50', 12.5, 'EUR'],
    ['12,50 EUR', 12.5, 'EUR'],
    ['1\u00a0299,00\u00a0€', 1299, 'EUR'],
    ['1.234.567,89 €', 1234567.89, 'EUR'],
    ['1,234,567.89', 1234567.89, null],
    ['0.125', 0.125, null],
    ['19,-', 19, null],
    ['49 zł', 49, 'PLN'],
    ['Price: $165.95', 165.95, 'USD'],
    ['$12.48 ($6.24 / Pack)', 12.48, 'USD'],
    ['3 Treatment Pack £5.29', 5.29, 'GBP']
  ])('reads %j', (text, amount, currency) => {
    expect(parsePrice(text)).toEqual({ amount, currency })
  })

  it('takes an ambiguous "kr" from the context it is given', () => {
    expect(parsePrice('1 299,50 kr', { currency: 'sek' })).toEqual({
      amount: 1299.5,
      currency: 'SEK'
    })
  })

  it('prefers a code written in the text over the context', () => {
    expect(parsePrice('$ 12 (CAD)', { currency: 'USD' })?.currency).toBe('CAD')
  })

  it('returns null for text without a number and skips percentages', () => {
    expect(parsePrice('No longer available')).toBeNull()
    expect(parsePrice('21% Off')).toBeNull()
    expect(parsePrice('21% off, now $9')).toEqual({ amount: 9, currency: 'USD' })
  })
})

describe('parseCurrency', () => {
  it('finds codes and symbols, and leaves ambiguous ones out', () => {
    expect(parseCurrency('€')).toBe('EUR')
    expect(parseCurrency('CHF')).toBe('CHF')
    expect(parseCurrency('kr')).toBeNull()
    expect(parseCurrency('Kraft paper')).toBeNull()
    expect(parseCurrency('no currency here')).toBeNull()
  })
})

describe('parseStructuredPrice', () => {
  it('reads schema.org prices with a dot decimal mark', () => {
    expect(parseStructuredPrice(98.99)).toBe(98.99)
    expect(parseStructuredPrice('150.00')).toBe(150)
    expect(parseStructuredPrice('48,00')).toBe(48)
    expect(parseStructuredPrice({})).toBeNull()
    expect(parseStructuredPrice('')).toBeNull()
  })
})
