import type { Element } from 'domhandler'
import { collapseWhitespace, shortTextOf } from '../html-text'
import type { PageElements } from '../page-elements'
import { insideChrome } from './page-chrome'

// Attribute values that mark an element as holding the product's own reference:
// "product-reference", "sku", "productCode", "item-number", "article-number".
const REFERENCE_MARK =
  /(^|[\s_-])(sku|product[-_]?(ref|reference|code|number|sku)|item[-_]?(number|code|sku)|article[-_]?(number|code)|ref[-_]?(number|code)|reference)([\s_-]|$)/i
// Hidden form fields that carry the product's id to the cart.
const FIELD_NAME = /^(sku|asin|product[-_]?sku|item[-_]?sku)$/i
const IDENTIFIER = /^(?=\S*\d)[\p{L}\p{N}][\p{L}\p{N}_.\-/]{1,40}$/u
// A label in front of the value ("Ref. 1044/320", "SKU: 12"): stripped.
const LEADING_LABEL = /^[\p{L}.\s#-]{1,20}[:：]\s*/u

/**
 * The product's reference as the page marks it in its attributes rather than in words: a
 * `data-sku` value, a hidden `sku`/`asin` form field, or the text of an element whose class, id
 * or `data-qa`-style attribute names a product reference or SKU ("product-reference",
 * "product-sku") — the first outside the page chrome whose value has the shape of an identifier.
 */
export function markedIdentifier(page: PageElements): string | null {
  const inChrome = insideChrome(page)
  for (const element of page.all) {
    const value = markedValue(element)
    if (value && IDENTIFIER.test(value) && !inChrome(element)) return value
  }
  return null
}

function markedValue(element: Element): string | null {
  const { attribs } = element
  const dataSku = attribs['data-sku'] ?? attribs['data-product-sku']
  if (dataSku) return collapseWhitespace(dataSku)
  if (element.name === 'input') {
    return attribs.type === 'hidden' && FIELD_NAME.test(attribs.name ?? attribs.id ?? '')
      ? collapseWhitespace(attribs.value ?? '')
      : null
  }
  if (element.name === 'script' || element.name === 'style' || element.name === 'meta') return null
  if (!marksReference(attribs)) return null
  const text = shortTextOf([element], 80)
  return text ? text.replace(LEADING_LABEL, '') : null
}

/**
 * True if the class, id or a `data-` attribute names a product reference. Each value is tested
 * apart, as cheap as it gets on a pass over every element: no word of `REFERENCE_MARK` holds a
 * space, so this is the test of the values joined by spaces.
 */
function marksReference(attribs: Record<string, string>): boolean {
  for (const name in attribs) {
    if (name !== 'class' && name !== 'id' && !name.startsWith('data-')) continue
    if (REFERENCE_MARK.test(attribs[name]!)) return true
  }
  return false
}
