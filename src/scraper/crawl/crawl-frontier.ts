import { canonicalUrl } from '../url/canonical-url'
import { isSameSite } from '../url/same-site'
import { urlShape } from './url-shape'

/** A page waiting to be fetched. */
export interface FrontierEntry {
  /** Canonical URL. */
  url: string
  /** Links followed from the start page (sitemap pages count as 1). */
  depth: number
  /** Where it was found: sitemap pages are exempt from the per-shape cap. */
  source: 'start' | 'sitemap' | 'link' | 'pagination'
}

/** Options of `CrawlFrontier`. */
export interface CrawlFrontierOptions {
  /** The brand's website: only URLs of the same site are crawled. */
  siteUrl: string
  /** Only URLs matching one of these are crawled; the start page is exempt. Default: all. */
  include?: RegExp[]
  /** URLs matching any of these are never crawled. Default: none. */
  exclude?: RegExp[]
  /** Deepest link depth followed. Default: 6. */
  maxDepth?: number
  /**
   * Pages of one URL shape (see `urlShape`) crawled before the shape must prove itself by yielding
   * a product; more are held back, and dropped at the end if it never does. Default: 200.
   */
  shapeCap?: number
  /** robots.txt. Default: everything allowed. */
  isAllowed?: (url: string) => boolean
  /** Told why a URL was refused, for a debug log line. */
  onSkip?: (url: string, reason: string) => void
  /**
   * Told once per URL shape when it is first held back as a likely trap (calendars, endless
   * filters), with the first URL held and why. Default: nothing.
   */
  onTrap?: (url: string, reason: string) => void
}

/** File extensions that are never HTML pages: skipped without a request. */
const nonPageExtension =
  /\.(jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|pdf|zip|rar|7z|gz|tgz|tar|dmg|exe|msi|apk|mp3|wav|flac|ogg|m4a|mp4|m4v|mov|avi|wmv|webm|mkv|css|js|mjs|json|xml|rss|atom|woff2?|ttf|otf|eot|docx?|xlsx?|pptx?|csv|txt|ics|vcf)$/i

interface ShapeState {
  queued: number
  yieldsProducts: boolean
  /** Held back over the cap, released if the shape yields a product. Bounded by `heldCap`. */
  held: FrontierEntry[]
  dropped: number
}

/**
 * The crawl's to-do list and memory: dedupes on canonical URLs, keeps to the site, applies the
 * brand's include/exclude patterns, robots.txt, the depth cap and the per-shape trap cap, and
 * hands out pages breadth first so products near the top are found before any trap gets deep.
 */
export class CrawlFrontier {
  private readonly known = new Set<string>()
  private readonly queue: FrontierEntry[] = []
  private head = 0
  private queuedTotal = 0
  private readonly shapes = new Map<string, ShapeState>()
  private readonly maxDepth: number
  private readonly shapeCap: number
  private readonly heldCap: number

  constructor(private readonly options: CrawlFrontierOptions) {
    this.maxDepth = options.maxDepth ?? 6
    this.shapeCap = options.shapeCap ?? 200
    this.heldCap = this.shapeCap * 25
  }

  /** Pages queued so far, fetched or not: what progress is measured against. */
  get discoveredCount(): number {
    return this.queuedTotal
  }

  /** Pages queued and not yet handed out. */
  get pendingCount(): number {
    return this.queue.length - this.head
  }

  /** URLs of trap-like shapes that were never crawled. */
  get trappedCount(): number {
    let total = 0
    for (const shape of this.shapes.values()) total += shape.held.length + shape.dropped
    return total
  }

  /** Whether the canonical `url` is already known. */
  has(url: string): boolean {
    return this.known.has(url)
  }

  /** Records a URL as known without queueing it (a redirect target, a canonical address). */
  markKnown(url: string): void {
    this.known.add(url)
  }

  /** Offers a discovered URL; returns true when it was queued. */
  offer(rawUrl: string, depth: number, source: FrontierEntry['source']): boolean {
    const url = canonicalUrl(rawUrl)
    if (url == null || this.known.has(url)) return false
    const refuse = (reason: string): false => {
      this.options.onSkip?.(url, reason)
      // Remembered so that a URL linked from every page is judged (and logged) once.
      this.known.add(url)
      return false
    }
    if (!isSameSite(url, this.options.siteUrl)) return false
    if (nonPageExtension.test(new URL(url).pathname)) return refuse('not a web page')
    if (source !== 'start') {
      if (depth > this.maxDepth) return false
      const include = this.options.include ?? []
      if (include.length > 0 && !include.some((pattern) => pattern.test(url))) {
        return refuse('matches no include pattern of the brand')
      }
    }
    if ((this.options.exclude ?? []).some((pattern) => pattern.test(url))) {
      return refuse('matches an exclude pattern of the brand')
    }
    if (this.options.isAllowed != null && !this.options.isAllowed(url)) {
      return refuse('disallowed by robots.txt')
    }
    const entry: FrontierEntry = { url, depth, source }
    this.known.add(url)
    if (source === 'link' || source === 'pagination') {
      const shapes = this.shapesOf(url)
      const full = shapes.find((shape) => !shape.yieldsProducts && shape.queued >= this.shapeCap)
      if (full != null) {
        if (full.held.length === 0 && full.dropped === 0) {
          this.options.onTrap?.(
            url,
            `more than ${this.shapeCap} pages shaped like ${urlShape(url)} and none a product: ` +
              'a likely path trap, the rest of them held back'
          )
        }
        if (full.held.length < this.heldCap) full.held.push(entry)
        else full.dropped++
        return false
      }
      for (const shape of shapes) shape.queued++
    }
    this.push(entry)
    return true
  }

  /** The next page to fetch, breadth first. */
  next(): FrontierEntry | undefined {
    const entry = this.queue[this.head]
    if (entry == null) return undefined
    this.head++
    // Keep the array from growing without bound on large sites.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head)
      this.head = 0
    }
    return entry
  }

  /**
   * The shapes a URL counts against: its own, and for a URL with a query also its path with any
   * query, since faceted filters combine into a new shape for every set of parameters.
   */
  private shapesOf(url: string): ShapeState[] {
    const keys = [urlShape(url)]
    if (new URL(url).search !== '') keys.push(`${keys[0]?.replace(/\?.*$/, '')}?*`)
    return keys.map((key) => {
      let shape = this.shapes.get(key)
      if (shape == null) {
        shape = { queued: 0, yieldsProducts: false, held: [], dropped: 0 }
        this.shapes.set(key, shape)
      }
      return shape
    })
  }

  /**
   * A page of this URL's shape was a product: the shape is a catalog, not a trap, so its held-back
   * pages are queued and its cap lifted.
   */
  productFound(url: string): void {
    for (const shape of this.shapesOf(url)) {
      if (shape.yieldsProducts) continue
      shape.yieldsProducts = true
      for (const entry of shape.held.splice(0)) this.push(entry)
    }
  }

  private push(entry: FrontierEntry): void {
    this.queue.push(entry)
    this.queuedTotal++
  }
}
