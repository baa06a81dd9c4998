import type { CheerioAPI } from 'cheerio'
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
      return selectElements(
        $,
        ids.map((id) => `[id="${id.replace(/["\\]/g, '')}"]`).join(',') || 'x-none'
      )
    }
  }
  return extractItems($, url, syntax)
}
