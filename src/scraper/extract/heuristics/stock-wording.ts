import type { Availability } from '../../../shared/product'

const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** The phrase, anchored at the start of a word ("available" is not in "unavailable"); CJK has none. */
function startOfWord(phrase: string): string {
  return CJK_START.test(phrase) ? phrase : `(?<!\\p{L})(?:${phrase})`
}

// Stock wording in the languages brand sites use. Out-of-stock phrases are tried first: "nicht
// lieferbar" holds "lieferbar", "not available" holds "available".
const OUT_OF_STOCK = new RegExp(
  [
    // English
    'sold[ -]?out',
    'out[ -]of[ -]stock',
    'currently unavailable',
    'no longer available',
    'not available',
    'unavailable',
    'notify me',
    'email me when',
    'back in stock',
    'discontinued',
    // German
    'ausverkauft',
    'nicht (mehr )?(verfügbar|lieferbar|auf lager|vorrätig)',
    'vergriffen',
    'benachrichtig',
    // French
    'épuisé',
    'rupture de stock',
    'indisponible',
    "m'avertir",
    'me prévenir',
    // Spanish, Portuguese
    'agotado',
    'sin stock',
    'sin existencias',
    'no disponible',
    'avísame',
    'esgotado',
    'indisponível',
    'sem estoque',
    'fora de estoque',
    // Italian
    'esaurito',
    'non disponibile',
    'avvisami',
    // Dutch
    'uitverkocht',
    'niet (op voorraad|beschikbaar|leverbaar)',
    // Nordic
    'slutsåld',
    'slut i lager',
    'ikke på lager',
    'udsolgt',
    'utsolgt',
    'utsålt',
    'loppuunmyyty',
    'loppu varastosta',
    // Polish, Czech, Slovak, Croatian, Romanian, Hungarian, Russian, Turkish
    'wyprzedan',
    'niedostępn',
    'brak w magazynie',
    'vyprodáno',
    'vypredané',
    'nedostupn',
    'rasprodano',
    'nije dostupno',
    'stoc epuizat',
    'indisponibil',
    'elfogyott',
    'нет в наличии',
    'распродано',
    'tükendi',
    'stokta yok',
    // Japanese, Chinese, Korean
    '在庫切れ',
    '在庫なし',
    '売り切れ',
    '品切れ',
    '缺货',
    '缺貨',
    '售完',
    '售罄',
    '已售完',
    '無庫存',
    '暂无库存',
    '품절',
    '재고 ?없음'
  ]
    .map(startOfWord)
    .join('|'),
  'iu'
)

const IN_STOCK = new RegExp(
  [
    // English (pre-orders and back-orders can be bought)
    'in stock',
    'available(?!\\p{L})',
    'ready to ship',
    'ships (today|tomorrow|in)',
    'only \\d+ left',
    'pre[ -]?order',
    // German
    'auf lager',
    '(sofort )?lieferbar',
    'verfügbar',
    'vorrätig',
    // French, Spanish, Portuguese, Italian
    'en stock',
    'disponible',
    'en existencia',
    'em estoque',
    'disponível',
    'disponibile',
    'in magazzino',
    // Dutch, Nordic
    'op voorraad',
    'leverbaar',
    'på lager',
    'i lager',
    'varastossa',
    // Polish, Czech, Slovak, Croatian, Romanian, Hungarian, Russian, Turkish
    'dostępn',
    'w magazynie',
    'skladem',
    'na sklade',
    'na skladě',
    'na stanju',
    'dostupno',
    'în stoc',
    'in stoc',
    'raktáron',
    'в наличии',
    'stokta',
    // Japanese, Chinese, Korean
    '在庫あり',
    '在庫有り',
    '有货',
    '有貨',
    '現貨',
    '现货',
    '재고 ?있음',
    '구매 ?가능'
  ]
    .map(startOfWord)
    .join('|'),
  'iu'
)

/**
 * Availability a short text states ("In stock", "Ausverkauft", "在庫切れ", "Only 3 left"), or
 * null when it states none. Out-of-stock wording wins when both appear ("not available" holds
 * "available"); texts longer than 80 characters are sentences, not stock labels, and say nothing.
 */
export function stockWording(text: string): Availability | null {
  const trimmed = text.replace(/\s+/g, ' ').trim()
  if (trimmed.length === 0 || trimmed.length > 80) return null
  if (OUT_OF_STOCK.test(trimmed)) return 'OutOfStock'
  if (IN_STOCK.test(trimmed)) return 'InStock'
  return null
}
