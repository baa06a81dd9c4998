import type { CheerioAPI } from 'cheerio'
import { extractItems, schemaNames, type ItemSyntax } from './read-item-tree'
import type { StructuredData } from './structured-data'

/**
 * Products and breadcrumbs marked up with microdata (`itemscope`, `itemtype`, `itemprop`,
 * `itemref`), nested offers and brands included, values taken per the microdata rules.
 */
export function extractMicrodata($: CheerioAPI, url: string): StructuredData {
  const syntax: ItemSyntax = {
    itemAttribute: 'itemscope',
    isItem: (element) => element.attribs.itemscope !== undefined,
    propertyNames: (element) => schemaNames(element.attribs.itemprop),
    types: (element) => schemaNames(element.attribs.itemtype),
    referenced: (element, page) => {
      // As the selector `[id="…"]` matched them (quotes and backslashes dropped), in page order.
      const ids = (element.attribs.itemref ?? '')
        .split(/\s+/)
        .filter((id) => id !== '')
        .map((id) => id.replace(/["\\]/g, ''))
      if (ids.length === 0) return []
      return page.all.filter((candidate) => {
        const id = candidate.attribs.id
        return id !== undefined && ids.includes(id)
      })
    }
  }
  return extractItems($, url, syntax)
}
