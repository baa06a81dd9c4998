/** A price read from text: the amount as a number and its ISO 4217 currency when the text says. */
export interface ParsedPrice {
  amount: number
  /** ISO 4217 code, or null when the text names no currency or an ambiguous one ("kr"). */
  currency: string | null
}

/** Options of `parsePrice`. */
export interface ParsePriceOptions {
  /**
   * Currency to assume when the text has none or an ambiguous one (a code the page stated
   * elsewhere, such as `priceCurrency`). Default: none, so the result's currency is null.
   */
  currency?: string | null
}

const ISO_CODES = new Set(
  (
    'AED ARS AUD BGN BHD BRL CAD CHF CLP CNY COP CZK DKK EGP EUR GBP HKD HRK HUF IDR ILS INR ISK ' +
    'JPY KRW KWD MAD MXN MYR NGN NOK NZD PEN PHP PKR PLN QAR RON RSD RUB SAR SEK SGD THB TRY TWD ' +
    'UAH USD VND ZAR KZT'
  ).split(' ')
)

// Longest first, so that "US$" wins over "$" and "zł" is found before anything shorter.
const SYMBOLS: [string, string | null][] = [
  ['US$', 'USD'],
  ['AU$', 'AUD'],
  ['CA$', 'CAD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['MX$', 'MXN'],
  ['NT$', 'TWD'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['R$', 'BRL'],
  ['S$', 'SGD'],
  ['Fr.', 'CHF'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['Ft', 'HUF'],
  ['lei', 'RON'],
  ['kn', 'HRK'],
  ['Kn', 'HRK'],
  ['тг', 'KZT'],
  ['₸', 'KZT'],
  ['kr.', null],
  ['kr', null],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['円', 'JPY'],
  ['₹', 'INR'],
  ['₽', 'RUB'],
  ['₩', 'KRW'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['₫', 'VND'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₴', 'UAH'],
  ['$', 'USD']
]

interface CurrencyMark {
  code: string | null
  index: number
  length: number
}

// Letter symbols ("kr", "Ft") must stand alone, not inside a word ("Kraft", "Fta"); compiled once.
const SYMBOL_FINDERS: [(text: string) => number, string, string | null][] = SYMBOLS.map(
  ([symbol, code]) => [symbolFinder(symbol), symbol, code]
)

function findCurrency(text: string): CurrencyMark | null {
  for (const match of text.matchAll(/(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])/g)) {
    if (ISO_CODES.has(match[1]!)) return { code: match[1]!, index: match.index, length: 3 }
  }
  for (const [find, symbol, code] of SYMBOL_FINDERS) {
    const index = find(text)
    if (index >= 0) return { code, index, length: symbol.length }
  }
  return null
}

/**
 * ISO 4217 code named in `text` by code ("EUR") or symbol ("€", "A$"), or null if none or only an
 * ambiguous one ("kr" is SEK, NOK, DKK or ISK). A code wins over a symbol: "$ (CAD)" is CAD.
 */
export function parseCurrency(text: string): string | null {
  return findCurrency(text)?.code ?? null
}

/** Where `symbol` first stands in a text (-1 if nowhere): a letter symbol only as a word of its own. */
function symbolFinder(symbol: string): (text: string) => number {
  if (!/^[A-Za-z]/.test(symbol)) return (text) => text.indexOf(symbol)
  const escaped = symbol.replace(/[.$]/g, '\\$&')
  const pattern = new RegExp(`(?<![A-Za-z])${escaped}(?![A-Za-z])`)
  return (text) => pattern.exec(text)?.index ?? -1
}

// A number with thousands groups ("1.299", "1 299", "1'299") or a plain one, each with an optional
// decimal part. Grouped form first so that "1 299,50" is one number, not "1" and "299,50".
const NUMBER =
  /\d{1,3}(?:(?:[ \u00a0\u202f\u2009]|[.,'’])\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?/g

/**
 * Read a price such as "1.299,00 €", "$1,299.99", "1 299,50 kr", "CHF 1'299.–" or "53,11 €".
 * Decimal and thousands separators are told apart by position: the last `.` or `,` is the decimal
 * mark when both appear; a lone one followed by exactly three digits groups thousands. Returns
 * null when the text holds no number. Percentages ("21% off") are not prices.
 */
export function parsePrice(text: string, options: ParsePriceOptions = {}): ParsedPrice | null {
  const normalised = text
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    // "1'299.–" and "12,-": a dash in the decimals means none.
    .replace(/([.,])\s*[–—-]{1,2}/g, '')
  const mark = findCurrency(normalised)
  let chosen: string | null = null
  let distance = Infinity
  for (const match of normalised.matchAll(NUMBER)) {
    const end = match.index + match[0].length
    if (normalised.slice(end).trimStart().startsWith('%')) continue
    // With a currency in the text, the number written next to it is the price: "3 Pack £5.29".
    const gap =
      mark == null ? 0 : Math.max(mark.index - end, match.index - (mark.index + mark.length), 0)
    if (gap < distance) {
      chosen = match[0]
      distance = gap
    }
    if (gap === 0) break
  }
  if (chosen == null) return null
  const amount = numberFromGroupedDigits(chosen)
  if (amount == null) return null
  const currency = mark?.code ?? options.currency?.toUpperCase() ?? null
  return { amount, currency }
}

function numberFromGroupedDigits(token: string): number | null {
  let digits = token.replace(/[ '’]/g, '')
  const lastDot = digits.lastIndexOf('.')
  const lastComma = digits.lastIndexOf(',')
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ','
    const thousands = decimal === '.' ? ',' : '.'
    digits = digits.split(thousands).join('').replace(decimal, '.')
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ','
    const pieces = digits.split(separator)
    const last = pieces[pieces.length - 1]!
    const grouping = pieces.length > 2 || (last.length === 3 && pieces[0] !== '0')
    digits = grouping ? pieces.join('') : pieces.join('.')
  }
  const amount = Number(digits)
  return Number.isFinite(amount) ? amount : null
}

/**
 * Price from structured data (`"price": "150.00"`, `98.99`): schema.org asks for a dot decimal
 * mark, so a plain decimal is read as such ("1.299" is 1.299, not 1299). Anything else, such as
 * "48,00" or "$12", falls back to `parsePrice`.
 */
export function parseStructuredPrice(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  return parsePrice(trimmed)?.amount ?? null
}
