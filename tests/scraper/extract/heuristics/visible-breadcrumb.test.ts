import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { visibleBreadcrumb } from '../../../../src/scraper/extract/heuristics/visible-breadcrumb'

describe('visibleBreadcrumb', () => {
  it('reads nav[aria-label=breadcrumb] and .breadcrumb lists', () => {
    expect(
      visibleBreadcrumb(
        load(`<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a> ›</li>
          <li><a href="/l">Lighting</a> ›</li><li>Sconces</li></ol></nav>`)
      )
    ).toEqual(['Home', 'Lighting', 'Sconces'])
    expect(
      visibleBreadcrumb(
        load('<div class="breadcrumb"><a href="/">Home</a> / <a href="/t">Tools</a></div>')
      )
    ).toEqual(['Home', 'Tools'])
  })

  it('finds none on a page without one', () => {
    expect(visibleBreadcrumb(load('<ul><li>Home</li><li>Tools</li></ul>'))).toEqual([])
  })
})
