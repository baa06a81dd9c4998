import type { CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { collapseWhitespace, textOf } from '../html-text'
import { hasDescendantNamed, isElement, pageElements } from '../page-elements'
import { insideChrome } from './page-chrome'
import { mentionsPrice } from './price-near'

const TABLE: ReadonlySet<string> = new Set(['table'])

/**
 * Specifications from two-column tables (`th`/`td` or `td`/`td` rows) and definition lists, in
 * page order, outside page chrome and price blocks. Labels lose a trailing colon.
 */
export function specTables($: CheerioAPI): Record<string, string> {
  const specs: Record<string, string> = {}
  const add = (label: string, value: string): void => {
    const key = collapseWhitespace(label).replace(/\s*:$/, '')
    const text = collapseWhitespace(value)
    if (key === '' || text === '' || key.length > 80 || text.length > 500) return
    if (!(key in specs)) specs[key] = text
  }
  const page = pageElements($)
  const excluded = insideChrome(
    page,
    (element) => element.name === 'form' || mentionsPrice(element)
  )
  for (const element of page.all) {
    const tag = element.name
    if (tag !== 'tr' && tag !== 'dl') continue
    if (excluded(element)) continue
    if (tag === 'tr') {
      const cells = element.children.filter(
        (child): child is Element =>
          isElement(child) && (child.name === 'th' || child.name === 'td')
      )
      if (cells.length !== 2) continue
      // A nested table would repeat its rows in this cell's text.
      if (cells.some((cell) => hasDescendantNamed(cell, TABLE))) continue
      add(textOf([cells[0]!]), textOf([cells[1]!]))
      continue
    }
    for (const term of element.children) {
      if (!isElement(term) || term.name !== 'dt') continue
      const definition = nextElementNamed(term, 'dd')
      if (definition) add(textOf([term]), textOf([definition]))
    }
  }
  return specs
}

/** The first following sibling element named so: `$(node).nextAll(name).first()`. */
function nextElementNamed(node: Element, name: string): Element | null {
  for (let next = node.next; next; next = next.next) {
    if (isElement(next) && next.name === name) return next
  }
  return null
}
