/**
 * A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) as its digits, or null when the value is not one: a
 * field named `upc` often holds a shop's own item number ("W005759888"), which is no GTIN. Spaces
 * and dashes are dropped; a GS1 Digital Link (`https://id.gs1.org/01/...`) gives its GTIN.
 */
export function normalizeGtin(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) value = String(value)
  if (typeof value !== 'string') return null
  const link = /\/01\/(\d{8,14})(?:\/|$|\?)/.exec(value)
  const digits = link ? link[1]! : value.replace(/[\s-]/g, '')
  if (!/^\d+$/.test(digits)) return null
  return [8, 12, 13, 14].includes(digits.length) ? digits : null
}
