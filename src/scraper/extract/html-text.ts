import { load } from 'cheerio'
import type { CheerioAPI } from 'cheerio'
import type { AnyNode } from 'domhandler'

// Invisible marks that shops paste into values (Amazon prefixes spec values with U+200E).
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g

// Whitespace that collapsing would change: any but a plain space, or two in a row.
const UNCOLLAPSED = /[^\S ]| {2}/

/** Trim, drop invisible marks and collapse runs of whitespace (NBSP included) into one space. */
export function collapseWhitespace(text: string): string {
  const visible = text.replace(INVISIBLE, '')
  // Most texts are collapsed already: then no new string is made for them (this runs on every
  // text the heuristics read, and the garbage is a good part of the extraction's cost).
  return (UNCOLLAPSED.test(visible) ? visible.replace(/\s+/g, ' ') : visible).trim()
}

/** `collapseWhitespace`, with an empty result as null. */
export function cleanText(text: string | null | undefined): string | null {
  if (text == null) return null
  const cleaned = collapseWhitespace(text)
  return cleaned === '' ? null : cleaned
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul'
])

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg'])

/**
 * Visible text of elements, with block boundaries turned into spaces: cheerio's `.text()` glues
 * `<p>a</p>b` into "ab" and includes script bodies.
 */
export function textOf(nodes: Iterable<AnyNode>): string {
  return shortTextOf(nodes, Infinity) ?? ''
}

/**
 * `textOf`, or null as soon as the raw text passes `limit` characters: a cheap test of "is this a
 * short label" on elements that may hold half the page.
 */
export function shortTextOf(nodes: Iterable<AnyNode>, limit: number): string | null {
  const parts: string[] = []
  let length = 0
  const walk = (node: AnyNode): void => {
    if (length > limit) return
    if (node.type === 'text') {
      parts.push(node.data)
      length += node.data.length
      return
    }
    if (node.type !== 'tag' && node.type !== 'root') return
    const name = node.type === 'tag' ? node.name.toLowerCase() : ''
    if (SKIPPED_TAGS.has(name)) return
    const block = BLOCK_TAGS.has(name)
    if (block) parts.push(' ')
    for (const child of node.children) walk(child)
    if (block) parts.push(' ')
  }
  for (const node of nodes) walk(node)
  return length > limit ? null : collapseWhitespace(parts.join(''))
}

/**
 * Plain text from a string that may hold HTML markup or entities (JSON-LD descriptions often do):
 * tags stripped, entities decoded, whitespace collapsed. Null when nothing is left.
 */
export function htmlToText(value: string): string | null {
  if (!/[<&]/.test(value)) return cleanText(value)
  const $: CheerioAPI = load(`<body>${value}</body>`)
  // A string like "&lt;b&gt;" decodes into markup on the first pass: strip that too.
  const text = textOf($('body'))
  return /<[a-z/!][^>]*>/i.test(text)
    ? cleanText(textOf(load(`<body>${text}</body>`)('body')))
    : cleanText(text)
}
