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
    isItem: (element) => (element.attribs.typeof ?? '').trim() !== '',
    propertyNames: (element) => schemaNames(element.attribs.property),
    types: (element) => schemaNames(element.attribs.typeof)
  }
  return extractItems($, url, syntax)
}
