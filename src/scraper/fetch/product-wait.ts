import type { Page } from 'playwright'
import { sleep } from '../../shared/sleep'

/** Options of {@link waitForProductOrQuiet}. */
export interface ProductWaitOptions {
  /** Longest wait after the document is parsed, in ms. */
  capMs: number
  /** How long the network must stay idle after `load` for a page without product markup, in ms. */
  quietMs: number
  /** Requests of the page in flight now. */
  inFlight: () => number
}

/** Why the wait ended: markup seen, network quiet after `load`, or the cap. */
export type ProductWaitOutcome = 'product' | 'quiet' | 'cap'

/**
 * Evaluated in the page (a string: this code runs in Node, and a bundler's helpers must not leak
 * into the page): whether product data is there to extract, as the extractors read it. JSON-LD of
 * a Product (or ProductGroup), schema.org microdata, or a title with a price beside it.
 */
const productMarkupPresent = `() => {
  const productType = /"(?:https?:\\/\\/schema\\.org\\/)?Product(?:Group)?"/
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    if (productType.test(script.textContent || '')) return true
  }
  if (document.querySelector('[itemtype*="schema.org/Product" i]')) return true
  const title = document.querySelector('h1')
  if (!title || title.textContent.trim() === '') return false
  if (document.querySelector('[itemprop="price"], [data-price], [class*="price" i]')) return true
  const text = document.body ? document.body.textContent : ''
  return /[$€£¥]\\s?\\d|\\d(?:[.,]\\d{2})?\\s?(?:€|EUR|USD|GBP)\\b/.test(text)
}`

/**
 * Evaluated in the page: resolves once product markup is there, checked now and again after each
 * change of the DOM, so a product rendered by script is seen the moment it is inserted (a
 * navigation or closed tab rejects it).
 */
const productMarkupAppears = `new Promise((resolve) => {
  const present = ${productMarkupPresent}
  if (present()) return resolve(true)
  const observer = new MutationObserver(() => {
    if (present()) {
      observer.disconnect()
      resolve(true)
    }
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
})`

/**
 * Waits until a freshly parsed page has its product, not until its network is idle: a page that
 * keeps a long poll or an analytics beacon open would otherwise cost the whole cap. Pages that
 * never show a product (home, categories) are done once `load` has fired and the network has
 * been quiet `quietMs` (their links are built by then), or at the cap. Never throws.
 */
export async function waitForProductOrQuiet(
  page: Page,
  options: ProductWaitOptions
): Promise<ProductWaitOutcome> {
  const done = new AbortController()
  const product = page.evaluate(productMarkupAppears).then(
    () => 'product' as const,
    () => 'cap' as const
  )
  const quiet = page
    .waitForLoadState('load', { timeout: options.capMs })
    .then(() => waitForQuietNetwork(options, done.signal))
    .catch(() => 'cap' as const)
  const cap = sleep(options.capMs, done.signal).then(() => 'cap' as const)
  const outcome = await Promise.race([product, quiet, cap])
  done.abort()
  return outcome
}

/** Resolves 'quiet' once no request has been in flight for `quietMs`, or 'cap' when aborted. */
async function waitForQuietNetwork(
  options: ProductWaitOptions,
  signal: AbortSignal
): Promise<ProductWaitOutcome> {
  let quietSince = Date.now()
  while (!signal.aborted) {
    if (options.inFlight() > 0) quietSince = Date.now()
    else if (Date.now() - quietSince >= options.quietMs) return 'quiet'
    await sleep(25, signal)
  }
  return 'cap'
}
