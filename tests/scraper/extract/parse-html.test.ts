import { describe, expect, it } from 'vitest'
import { parseHtml } from '../../../src/scraper/extract/parse-html'

describe('parseHtml', () => {
  it('reads a page by HTML rules: entities decoded, void and unclosed elements, raw scripts', () => {
    const $ = parseHtml(`<!doctype html><html><head><title>Caf&eacute; &amp; Co</title>
      <meta property="og:type" content="product"></head><body><p>One<p>Two<br>
      <img src="a.jpg" alt="A &gt; B"><script>if (a < b && c) {}</script></body></html>`)
    expect($('title').text()).toBe('Café & Co')
    expect($('p')).toHaveLength(2)
    expect($('p').first().text()).toBe('One')
    expect($('img').attr('alt')).toBe('A > B')
    expect($('script').text()).toBe('if (a < b && c) {}')
    expect($('meta[property="og:type"]').attr('content')).toBe('product')
  })
})
