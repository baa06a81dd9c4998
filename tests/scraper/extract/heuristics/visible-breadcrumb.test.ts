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

  it('reads the innermost list items, and skips a container with no steps', () => {
    expect(
      visibleBreadcrumb(
        load(`<div class="breadcrumb-wrapper"></div><nav id="breadcrumbs"><ul>
          <li><a href="/">Home</a><ul><li><a href="/s">Shoes</a></li><li>Boots</li></ul></li>
        </ul></nav>`)
      )
    ).toEqual(['Shoes', 'Boots'])
  })

  it('finds none on a page without one', () => {
    expect(visibleBreadcrumb(load('<ul><li>Home</li><li>Tools</li></ul>'))).toEqual([])
  })
})
