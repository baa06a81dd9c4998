import type { Page, Response } from 'playwright'
import { sleep } from '../../shared/sleep'

/** A JSON response a rendered page received from a script (fetch or XHR). */
export interface JsonResponse {
  url: string
  body: string
}

/** Largest JSON body kept, in characters: a product's data is far smaller. */
const maxBodyChars = 1024 * 1024

/**
 * Keeps the JSON bodies each page's scripts fetch during one render, so the crawl can notice
 * that a site's pages all take their product from one endpoint (see JsonEndpointShortcut).
 */
export class JsonResponseLog {
  private readonly bodies = new WeakMap<Page, Promise<JsonResponse | null>[]>()

  /** Listens to a new tab's responses (once per tab: tabs are reused). */
  watch(page: Page): void {
    page.on('response', (response) => this.record(page, response))
  }

  /** Starts a render: forgets what the tab received before. */
  reset(page: Page): void {
    this.bodies.set(page, [])
  }

  /** The JSON the tab received since `reset`; bodies still arriving after `waitMs` are left out. */
  async collected(page: Page, waitMs = 500): Promise<JsonResponse[]> {
    const pending = this.bodies.get(page) ?? []
    const stop = new AbortController()
    const settled: (JsonResponse | null)[] = await Promise.race([
      Promise.all(pending),
      sleep(waitMs, stop.signal).then(() => [])
    ])
    stop.abort()
    return settled.filter((body): body is JsonResponse => body != null)
  }

  private record(page: Page, response: Response): void {
    const list = this.bodies.get(page)
    const type = response.request().resourceType()
    if (list == null || (type !== 'fetch' && type !== 'xhr') || response.status() !== 200) return
    if (!/\bjson\b/i.test(response.headers()['content-type'] ?? '')) return
    const url = response.url()
    list.push(
      response.text().then(
        (body) => (body.length <= maxBodyChars ? { url, body } : null),
        () => null
      )
    )
  }
}
