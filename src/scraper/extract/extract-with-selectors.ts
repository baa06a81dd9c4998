import type { Cheerio, CheerioAPI } from 'cheerio'
import type { selectorFields } from '../../shared/brand'
import type { Element } from 'domhandler'
import { cleanText, htmlToText, textOf } from './html-text'
import { normalizeAvailability } from './normalize-availability'
import { normalizeCategory } from './normalize-category'
import { parsePrice } from './parse-price'
import type { ProductFields } from './product-fields'
import { resolveUrl } from './resolve-url'
import { selectElements } from './select-elements'

/** Fields a brand may point at with its own CSS selector. */
export type SelectorField = (typeof selectorFields)[number]

/** Per-brand CSS selectors: field → selector. */
export type FieldSelectors = Partial<Record<SelectorField, string>>

// Selector fields read as plain text, and the product field each fills. The stored selector key
// stays `brand` (catalogs keep it); the value is the brand the page states.
const TEXT_FIELDS = [
  ['name', 'name'],
  ['brand', 'statedBrand'],
  ['sku', 'sku'],
  ['mpn', 'mpn']
] as const satisfies readonly (readonly [SelectorField, keyof ProductFields])[]

/**
 * Values of the fields that `selectors` point at; a field whose selector matches nothing (or is
 * not valid CSS) is left out. Text comes from `content` when the element has it (a `<meta>`),
 * images from `data-src`/`src`/`href`/`content`, a price through `parsePrice`.
 */
export function extractWithSelectors(
  $: CheerioAPI,
  selectors: FieldSelectors,
  url: string
): Partial<ProductFields> {
  const found: Partial<ProductFields> = {}
  const select = (field: SelectorField): Cheerio<Element> | null => {
    const selector = selectors[field]?.trim()
    if (!selector) return null
    try {
      const matches = selectElements($, selector)
      return matches.length > 0 ? matches : null
    } catch {
      // A bad selector is the brand's configuration error: the default extraction still works.
      return null
    }
  }
  const text = (element: Cheerio<Element>): string | null =>
    cleanText(element.attr('content') ?? textOf(element))

  for (const [selectorField, field] of TEXT_FIELDS) {
    const matches = select(selectorField)
    const value = matches ? text(matches.first()) : null
    if (value) found[field] = value
  }
  const description = select('description')
  if (description) {
    const content = description.first().attr('content')
    const value = content !== undefined ? htmlToText(content) : textOf(description.first())
    if (value) found.description = value
  }
  const price = select('price')
  if (price) {
    const element = price.first()
    const parsed = parsePrice(
      element.attr('content') ?? element.attr('data-price') ?? textOf(element)
    )
    if (parsed) {
      found.price = parsed.amount
      if (parsed.currency) found.currency = parsed.currency
    }
  }
  const availability = select('availability')
  if (availability) {
    const element = availability.first()
    const value = normalizeAvailability(
      element.attr('content') ?? element.attr('href') ?? textOf(element)
    )
    if (value) found.availability = value
  }
  const category = select('category')
  if (category) {
    const steps = category.toArray().map((element) => text($(element)) ?? '')
    const value = normalizeCategory(steps.length === 1 ? steps[0]! : steps, found.name)
    if (value) found.category = value
  }
  const images = select('images')
  if (images) {
    const urls: string[] = []
    images.each((_, element) => {
      const $element = $(element)
      const href =
        $element.attr('data-src') ??
        $element.attr('src') ??
        $element.attr('href') ??
        $element.attr('content')
      const image = resolveUrl(href, url)
      if (image && !urls.includes(image)) urls.push(image)
    })
    if (urls.length > 0) found.images = urls
  }
  return found
}
