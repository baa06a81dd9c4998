import type { CheerioAPI } from 'cheerio'
import { textOf } from './html-text'
import { hasAttribute, pageElements } from './page-elements'

/** Below this much visible body text, a page with scripts is taken for an unrendered shell. */
const SHELL_TEXT_LENGTH = 200
const MOUNT_IDS: ReadonlySet<string> = new Set(['root', 'app', '__next', '__nuxt'])

/**
 * True when the HTML looks like a JavaScript application's shell, so that only a browser would
 * show its content: no product markup (`hasProductMarkup` false), scripts present, and almost no
 * visible text in the body — or an empty mount point (`#root`, `#app`, `#__next`) with little text.
 */
export function looksScriptRendered($: CheerioAPI, hasProductMarkup: boolean): boolean {
  if (hasProductMarkup) return false
  const page = pageElements($)
  const hasScript = page.named('script').some((element) => {
    const type = (element.attribs.type ?? '').toLowerCase()
    return type === '' || type.includes('javascript') || type === 'module'
  })
  if (!hasScript) return false
  const text = textOf(page.named('body'))
  if (text.length < SHELL_TEXT_LENGTH) return true
  const mounts = page.all.filter(
    (element) =>
      MOUNT_IDS.has(element.attribs.id ?? '') ||
      hasAttribute(element, 'data-reactroot') ||
      element.name === 'app-root'
  )
  return mounts.length > 0 && mounts.every((m) => textOf([m]) === '') && text.length < 1000
}
