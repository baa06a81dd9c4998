import type { CheerioAPI } from 'cheerio'
import { collapseWhitespace } from '../html-text'
import { equalsIgnoringCase, hasAttribute, pageElements } from '../page-elements'
import { resolveUrl } from '../resolve-url'
import { insideChrome } from './page-chrome'

/**
 * Images the page shows for the product: `<img>`s whose alt text is the product name (largest
 * variant from `data-old-hires`, `data-zoom-image`, `data-large-image`, else `data-src`, `src`;
 * those declared under 200px last), then `link[rel=image_src]` and `twitter:image`. Absolute,
 * deduped.
 */
export function headingImages($: CheerioAPI, url: string, name: string | null): string[] {
  const images: string[] = []
  const thumbnails: string[] = []
  const add = (href: string | undefined, list = images): void => {
    const image = resolveUrl(href, url)
    if (image && !images.includes(image) && !thumbnails.includes(image)) list.push(image)
  }
  const page = pageElements($)
  if (name) {
    const wanted = collapseWhitespace(name).toLowerCase()
    const inChrome = insideChrome(page)
    for (const element of page.named('img')) {
      const { attribs } = element
      if (!hasAttribute(element, 'alt') || inChrome(element)) continue
      if (collapseWhitespace(attribs.alt ?? '').toLowerCase() !== wanted) continue
      // A declared size under 200px is a thumbnail (a carousel, "bought together"): best last.
      const size = Math.max(
        parseInt(attribs.width ?? '', 10) || 0,
        parseInt(attribs.height ?? '', 10) || 0
      )
      add(
        attribs['data-old-hires'] ||
          attribs['data-zoom-image'] ||
          attribs['data-large-image'] ||
          attribs['data-src'] ||
          attribs.src,
        size > 0 && size < 200 ? thumbnails : images
      )
    }
  }
  const imageLink = page
    .named('link')
    .find((element) => equalsIgnoringCase(element.attribs.rel, 'image_src'))
  add(imageLink?.attribs.href)
  const twitterImage = page.named('meta').find((element) => {
    const { name: tagName, property } = element.attribs
    return (
      tagName === 'twitter:image' || tagName === 'twitter:image:src' || property === 'twitter:image'
    )
  })
  add(twitterImage?.attribs.content)
  return [...images, ...thumbnails]
}
