import type { Cheerio, CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { collapseWhitespace, textOf } from '../html-text'
import { pageElements } from '../page-elements'
import { insideChrome } from './page-chrome'

/**
 * The product's heading: among the `h1`s outside page chrome, the one that shares most words with
 * the document title and `og:title` (a cookie banner's `h1` shares none), the first on a tie.
 */
export function mainHeading($: CheerioAPI): Cheerio<Element> | null {
  const page = pageElements($)
  const title = page.named('title')[0]
  const ogTitle = page.named('meta').find((element) => element.attribs.property === 'og:title')
  const titles = [title ? $(title).text() : '', ogTitle?.attribs.content ?? '']
  const titleWords = new Set(titles.flatMap(words))
  const inChrome = insideChrome(page)
  let best: Element | null = null
  let bestScore = -1
  for (const element of page.named('h1')) {
    if (inChrome(element)) continue
    const text = textOf([element])
    if (text === '' || text.length > 300) continue
    const own = words(text)
    const shared = own.filter((word) => titleWords.has(word)).length
    // Share of the heading's words found in the title; more shared words break a tie, so that a
    // heading naming just the site ("Shop") loses to the product's.
    const score = own.length === 0 ? 0 : shared / own.length + shared / 1000
    if (score > bestScore) {
      best = element
      bestScore = score
    }
  }
  return best ? $(best) : null
}

function words(text: string): string[] {
  return collapseWhitespace(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
}
