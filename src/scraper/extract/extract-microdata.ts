import type { CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { selectElements } from './select-elements'
import { extractItems, schemaNames, type ItemSyntax } from './read-item-tree'
import type { StructuredData } from './structured-data'

/**
 * Products and breadcrumbs marked up with microdata (`itemscope`, `itemtype`, `itemprop`,
 * `itemref`), nested offers and brands included, values taken per the microdata rules.
 */
export function extractMicrodata($: CheerioAPI, url: string): StructuredData {
  const syntax: ItemSyntax = {
    itemAttribute: 'itemscope',
    isItem: (element) => element.attr('itemscope') !== undefined,
    propertyNames: (element) => schemaNames(element.attr('itemprop')),
    types: (element) => schemaNames(element.attr('itemtype')),
    referenced: (element) => {
      const ids = (element.attr('itemref') ?? '').split(/\s+/).filter((id) => id !== '')
      // Most items have no `itemref`: no selector then, since each one walks the whole document
      // and a listing-heavy page has hundreds of items.
      if (ids.length === 0) return $([] as Element[])
      return selectElements($, ids.map((id) => `[id="${id.replace(/["\\]/g, '')}"]`).join(','))
    }
  }
  return extractItems($, url, syntax)
}
