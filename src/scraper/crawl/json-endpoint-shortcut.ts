import type { LogLevel } from '../../shared/log-entry'
import type { ExtractedProduct } from '../../shared/product'
import type { JsonResponse } from '../fetch/json-responses'
import type { PoliteFetcher } from '../fetch/polite-fetcher'
import {
  disagreements,
  endpointFor,
  productFromJson,
  recipeFromSample,
  sameRecipe,
  type JsonEndpointRecipe
} from './json-endpoint-recipe'

/** Options of {@link JsonEndpointShortcut}. */
export interface JsonEndpointShortcutOptions {
  /** GETs the endpoint, paced by the site's gate like any page. */
  fetcher: PoliteFetcher
  /** robots.txt: an endpoint URL it disallows is never read. */
  isAllowed: (url: string) => boolean
  log: (level: LogLevel, message: string) => void
  /** The recipe this brand used last time; it still needs one rendered page to agree. */
  remembered?: JsonEndpointRecipe | null
  /** Told of a recipe to keep for the brand's next run, or null to forget it. Default: none. */
  remember?: (recipe: JsonEndpointRecipe | null) => void
  /** Rendered product pages that must agree before the endpoint is used. Default: 3. */
  samples?: number
  /** Every how many pages read from the endpoint one is rendered again to check. Default: 10. */
  checkEvery?: number
  /** Per-request budget, in ms. Default: 20 000. */
  timeoutMs?: number
}

/** A product read from the endpoint, and whether its page must be rendered too, as a check. */
export interface EndpointRead {
  product: ExtractedProduct
  check: boolean
}

/**
 * Notices that a site's rendered product pages all take their product from one same-origin JSON
 * endpoint (`/api/products/7` for `/product/7`), and once `samples` of them agree field for field
 * with what the extractors read from the rendered page, reads the remaining products from that
 * endpoint over plain HTTP: one small request instead of a browser render. Every `checkEvery`th
 * such page is rendered as well; a check that disagrees, or a product page that shows no such
 * endpoint while sampling, turns the shortcut off (and forgets it for the brand).
 */
export class JsonEndpointShortcut {
  private candidate: JsonEndpointRecipe | null
  private agreeing = 0
  private active: JsonEndpointRecipe | null = null
  private off = false
  private readSinceCheck = 0
  /** Products read from the endpoint. */
  readCount = 0

  constructor(private readonly options: JsonEndpointShortcutOptions) {
    this.candidate = options.remembered ?? null
  }

  /** The endpoint URL to read `pageUrl`'s product from, or null to load the page. */
  endpointFor(pageUrl: string): string | null {
    if (this.active == null) return null
    const url = endpointFor(this.active, pageUrl)
    return url != null && this.options.isAllowed(url) ? url : null
  }

  /** Reads `pageUrl`'s product from the endpoint; null (load the page instead) when it cannot. */
  async read(pageUrl: string): Promise<EndpointRead | null> {
    const url = this.endpointFor(pageUrl)
    if (url == null || this.active == null) return null
    const response = await this.options.fetcher.get(url, {
      timeoutMs: this.options.timeoutMs ?? 20_000,
      maxBytes: 1024 * 1024,
      maxRedirects: 0,
      accept: 'application/json',
      acceptContentType: (type) => type != null && /\bjson\b/i.test(type)
    })
    if (response.kind === 'failure' || response.status !== 200 || response.skippedType) return null
    let data: unknown
    try {
      data = JSON.parse(response.body.toString('utf8'))
    } catch {
      return null
    }
    const product = productFromJson(this.active, url, data)
    if (product == null) return null
    this.readCount++
    this.readSinceCheck++
    const check = this.readSinceCheck >= (this.options.checkEvery ?? 10)
    if (check) this.readSinceCheck = 0
    return { product, check }
  }

  /**
   * A product page rendered in the browser, with the JSON its scripts received: a sample while
   * the shortcut is not on, a check (against `fromEndpoint`) while it is.
   */
  rendered(
    pageUrl: string,
    product: ExtractedProduct | null,
    responses: JsonResponse[],
    fromEndpoint?: ExtractedProduct
  ): void {
    if (this.off) return
    if (this.active != null) {
      if (fromEndpoint == null) return
      const differ =
        product == null ? ['the page shows no product'] : disagreements(product, fromEndpoint)
      if (differ.length > 0) this.undo(`${pageUrl} disagrees with it (${differ.join(', ')})`)
      return
    }
    if (product == null) return
    const recipe = recipeFromSample(pageUrl, product, responses)
    if (recipe == null) {
      // A product page that does not take its product from such an endpoint: not "all" pages.
      if (this.agreeing > 0 || this.candidate != null) {
        this.options.log('debug', `${pageUrl} takes its product from no JSON endpoint seen before`)
      }
      this.candidate = null
      this.agreeing = 0
      return
    }
    const remembered =
      this.options.remembered != null && sameRecipe(recipe, this.options.remembered)
    if (this.candidate != null && sameRecipe(this.candidate, recipe)) this.agreeing++
    else {
      this.candidate = recipe
      this.agreeing = 1
    }
    if (this.agreeing >= (remembered ? 1 : (this.options.samples ?? 3))) this.activate(recipe)
  }

  private activate(recipe: JsonEndpointRecipe): void {
    this.active = recipe
    this.options.log(
      'info',
      `Product pages of this site take their product from ${recipe.endpoint} ` +
        `(${this.agreeing === 1 ? '1 rendered page agrees' : `${this.agreeing} rendered pages agree`} ` +
        'field for field): ' +
        'reading the remaining products from it over plain HTTP'
    )
    this.options.remember?.(recipe)
  }

  private undo(reason: string): void {
    const endpoint = this.active?.endpoint ?? ''
    this.active = null
    this.off = true
    this.options.log(
      'warn',
      `Stopped reading products from ${endpoint}: ${reason}; rendering pages again`
    )
    this.options.remember?.(null)
  }
}
