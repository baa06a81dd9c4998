import type { CheerioAPI } from 'cheerio'
import { textOf } from './html-text'

/** Below this much visible body text, a page with scripts is taken for an unrendered shell. */
const SHELL_TEXT_LENGTH = 200

/**
 * True when the HTML looks like a JavaScript application's shell, so that only a browser would
 * show its content: no product markup (`hasProductMarkup` false), scripts present, and almost no
 * visible text in the body — or an empty mount point (`#root`, `#app`, `#__next`) with little text.
 */
export function looksScriptRendered($: CheerioAPI, hasProductMarkup: boolean): boolean {
  if (hasProductMarkup) return false
  const scripts = $('script').filter((_, element) => {
    const type = ($(element).attr('type') ?? '').toLowerCase()
    return type === '' || type.includes('javascript') || type === 'module'
  })
  if (scripts.length === 0) return false
  const text = textOf($('body'))
  if (text.length < SHELL_TEXT_LENGTH) return true
  const mounts = $('#root, #app, #__next, #__nuxt, [data-reactroot], app-root')
  return (
    mounts.length > 0 && mounts.toArray().every((m) => textOf($(m)) === '') && text.length < 1000
  )
}
