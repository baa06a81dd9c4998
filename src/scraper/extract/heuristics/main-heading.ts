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
  if (best == null) best = headingLike(page.all, titleWords, inChrome)
  return best ? $(best) : null
}

const NAME_MARK = /(^|[\s_-])(product|item|goods)?[-_]?(title|name)([\s_-]|$)/i
const FALLBACK_TAGS: ReadonlySet<string> = new Set(['h2', 'h3', 'div', 'span', 'p', 'strong'])

/**
 * Pages without an `h1` still show the product's name as their heading: an `h2`/`h3`, or an
 * element whose class names a title or name ("product-title", "item_name"), most of whose words
 * are in the document title. The best such element (at least 3/4 of its words in the title), the
 * first on a tie; null when none.
 */
function headingLike(
  all: readonly Element[],
  titleWords: ReadonlySet<string>,
  inChrome: (element: Element) => boolean
): Element | null {
  let best: Element | null = null
  let bestScore = 0.75
  for (const element of all) {
    const tag = element.name
    if (tag !== 'h2' && tag !== 'h3') {
      if (!FALLBACK_TAGS.has(tag)) continue
      if (!NAME_MARK.test(`${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`)) continue
    }
    const text = textOf([element])
    if (text === '' || text.length > 200) continue
    const own = words(text)
    if (own.length === 0) continue
    const shared = own.filter((word) => titleWords.has(word)).length
    const score = shared / own.length + shared / 1000
    if (score > bestScore && !inChrome(element)) {
      best = element
      bestScore = score
    }
  }
  return best
}

function words(text: string): string[] {
  return collapseWhitespace(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
}
