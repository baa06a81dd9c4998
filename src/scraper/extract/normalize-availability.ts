import { availabilityValues, type Availability } from '../../shared/product'

const BY_LOWERCASE = new Map<string, Availability>(
  availabilityValues.map((value) => [value.toLowerCase(), value])
)

// Wordings seen outside schema.org: OpenGraph ("instock", "in stock", "oos", "pending"), Google
// Merchant feeds ("out_of_stock", "preorder", "backorder") and shop text.
const PHRASES: [RegExp, Availability][] = [
  [/^(in[ _-]?stock|available|available for order|in_stock)$/, 'InStock'],
  [/^(out[ _-]?of[ _-]?stock|oos|unavailable|not available|currently unavailable)$/, 'OutOfStock'],
  [/^sold[ _-]?out$/, 'SoldOut'],
  [/^pre[ _-]?order$/, 'PreOrder'],
  [/^pre[ _-]?sale$/, 'PreSale'],
  [/^back[ _-]?order(ed)?$/, 'BackOrder'],
  [/^(discontinued|no longer available)$/, 'Discontinued'],
  [/^limited([ _-]?availability| stock)?$/, 'LimitedAvailability'],
  [/^(in[ _-]?store[ _-]?only)$/, 'InStoreOnly'],
  [/^(online[ _-]?only)$/, 'OnlineOnly']
]

/**
 * schema.org availability from any of its spellings: `http://schema.org/InStock`,
 * `https://schema.org/InStock`, `schema:InStock`, `InStock`, or the common wordings "in stock",
 * "out of stock", "preorder". Null when the value is none of these: never a guess.
 */
export function normalizeAvailability(value: unknown): Availability | null {
  if (typeof value !== 'string') return null
  const bare = value
    .trim()
    .replace(/^https?:\/\/(www\.)?schema\.org\//i, '')
    .replace(/^schema:/i, '')
    .trim()
  const exact = BY_LOWERCASE.get(bare.toLowerCase())
  if (exact) return exact
  const phrase = bare.toLowerCase().replace(/\s+/g, ' ').replace(/[.!]$/, '')
  for (const [pattern, availability] of PHRASES) {
    if (pattern.test(phrase)) return availability
  }
  return null
}
