import type { CheerioAPI } from 'cheerio'
import { extractItems, schemaNames, type ItemSyntax } from './read-item-tree'
import type { StructuredData } from './structured-data'

/**
 * Products and breadcrumbs marked up with RDFa Lite and schema.org (`vocab`, `typeof`,
 * `property`, or `schema:`-prefixed names). Properties of other vocabularies, such as OpenGraph's
 * `og:` meta tags, are left to their own reader.
 */
export function extractRdfa($: CheerioAPI, url: string): StructuredData {
  const syntax: ItemSyntax = {
    itemAttribute: 'typeof',
    isItem: (element) => (element.attr('typeof') ?? '').trim() !== '',
    propertyNames: (element) => schemaNames(element.attr('property')),
    types: (element) => schemaNames(element.attr('typeof'))
  }
  return extractItems($, url, syntax)
}
