import type { CheerioAPI } from 'cheerio'
import { textOf } from '../html-text'
import { pageElements } from '../page-elements'

/**
 * Steps of the visible breadcrumb: the first `nav[aria-label=breadcrumb]`, or element whose class
 * or id says "breadcrumb", read from its list items (or links), outside hidden parts.
 */
export function visibleBreadcrumb($: CheerioAPI): string[] {
  // `[aria-label*="breadcrumb" i], [class*="breadcrumb" i], [id*="breadcrumb" i]`
  const containers = pageElements($).all.filter((element) =>
    ['aria-label', 'class', 'id'].some((name) => {
      const value = element.attribs[name]
      return value != null && /breadcrumb/i.test(value)
    })
  )
  for (const container of containers) {
    const $container = $(container)
    const items = $container.find('li').filter((_, li) => $(li).find('li').length === 0)
    const steps = (items.length > 0 ? items : $container.find('a'))
      .toArray()
      .map((element) => textOf($(element)).replace(/^[\s/>›»|•·]+|[\s/>›»|•·]+$/g, ''))
      .filter((step) => step !== '' && step.length <= 80)
    if (steps.length > 0) return steps
  }
  return []
}
