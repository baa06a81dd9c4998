import type { CheerioAPI } from 'cheerio'
import { cleanText } from '../html-text'
import { equalsIgnoringCase, pageElements } from '../page-elements'

/** The content of the first `meta[name="description" i]`, whitespace collapsed; null if none. */
export function metaDescription($: CheerioAPI): string | null {
  const meta = pageElements($)
    .named('meta')
    .find((element) => equalsIgnoringCase(element.attribs.name, 'description'))
  return cleanText(meta?.attribs.content)
}
