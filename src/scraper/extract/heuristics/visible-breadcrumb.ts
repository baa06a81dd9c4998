import type { CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { textOf } from '../html-text'
import { descendantsNamed, hasDescendantNamed, pageElements } from '../page-elements'

const BREADCRUMB = /breadcrumb/i
const LIST_ITEM: ReadonlySet<string> = new Set(['li'])
const LINK: ReadonlySet<string> = new Set(['a'])

/**
 * Steps of the visible breadcrumb: the first `nav[aria-label=breadcrumb]`, or element whose class
 * or id says "breadcrumb", read from its list items (or links), outside hidden parts.
 */
export function visibleBreadcrumb($: CheerioAPI): string[] {
  // `[aria-label*="breadcrumb" i], [class*="breadcrumb" i], [id*="breadcrumb" i]`
  const containers = pageElements($).all.filter((element) => {
    const { 'aria-label': label, class: className, id } = element.attribs
    return (
      (label != null && BREADCRUMB.test(label)) ||
      (className != null && BREADCRUMB.test(className)) ||
      (id != null && BREADCRUMB.test(id))
    )
  })
  for (const container of containers) {
    // The innermost list items (`find('li')` without those holding a list), else the links.
    const items = descendantsNamed(container, LIST_ITEM).filter(
      (item) => !hasDescendantNamed(item, LIST_ITEM)
    )
    const steps = (items.length > 0 ? items : descendantsNamed(container, LINK))
      .map((element: Element) => textOf([element]).replace(/^[\s/>›»|•·]+|[\s/>›»|•·]+$/g, ''))
      .filter((step) => step !== '' && step.length <= 80)
    if (steps.length > 0) return steps
  }
  return []
}
