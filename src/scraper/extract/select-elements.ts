import type { Cheerio, CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'

/**
 * `$(selector)` typed as elements: cheerio types a selector held in a variable as matching any
 * node, though CSS selectors only ever match elements. Throws on invalid CSS, as `$` does.
 */
export function selectElements($: CheerioAPI, selector: string): Cheerio<Element> {
  return $(selector) as Cheerio<Element>
}
