import type { BrowserContext, Page } from 'playwright'

/** Options of {@link createPagePool}. */
export interface PagePoolOptions {
  /** Opens the context pages are made in; called again after each recycle. */
  openContext: () => Promise<BrowserContext>
  /** Tabs open at once; more borrowers wait their turn. Default: 4. */
  maxOpenPages?: number
  /**
   * Pages served before the context (its renderer processes and their memory) is thrown away for a
   * fresh one, at the next moment no page is borrowed. Default: 200.
   */
  recycleAfterPages?: number
  /** Asked when a page is returned; true recycles the context then too (a memory budget). */
  shouldRecycle?: () => boolean
  /** Told of each tab opened (tests count them; reuse means few). Default: nothing. */
  onPageCreated?: (page: Page) => void
}

/**
 * Tabs of one browser context, lent to one render at a time and kept for the next rather than
 * opened and closed per page: a new tab costs a renderer round trip, a reused one nothing.
 */
export interface PagePool {
  /** Waits for a free slot, then lends an idle tab or opens one. */
  borrow(): Promise<Page>
  /** Gives a tab back; `healthy: false` (it failed or was closed) closes it instead of keeping it. */
  giveBack(page: Page, healthy: boolean): void
  /** Tabs opened so far, over every context. */
  readonly pagesCreated: number
  /** Closes the context; borrowers after this get an error. */
  close(): Promise<void>
}

/**
 * Lends tabs of a lazily opened context, at most `maxOpenPages` at once, and recycles the context
 * after `recycleAfterPages` pages or when `shouldRecycle` says so.
 */
export function createPagePool(options: PagePoolOptions): PagePool {
  const maxOpenPages = options.maxOpenPages ?? 4
  const recycleAfterPages = options.recycleAfterPages ?? 200
  let contextPromise: Promise<BrowserContext> | null = null
  const idle: Page[] = []
  const waiting: (() => void)[] = []
  let borrowed = 0
  let servedSinceRecycle = 0
  let pagesCreated = 0
  let closed = false

  const getContext = (): Promise<BrowserContext> => {
    if (contextPromise == null) {
      const opening = options.openContext()
      contextPromise = opening
      // A failed open is not cached: the next page tries again. Nor is a context closed under us
      // (the provider recycled the browser between pages): the next page opens one in the new.
      const forget = (): void => {
        if (contextPromise !== opening) return
        contextPromise = null
        idle.length = 0
      }
      void opening.then((context) => context.on('close', forget), forget)
    }
    return contextPromise
  }

  const dropContext = (): void => {
    idle.length = 0
    const stale = contextPromise
    contextPromise = null
    void stale?.then((context) => context.close()).catch(() => undefined)
  }

  const freeSlot = (): void => {
    borrowed--
    waiting.shift()?.()
  }

  return {
    async borrow(): Promise<Page> {
      while (borrowed >= maxOpenPages) await new Promise<void>((resolve) => waiting.push(resolve))
      borrowed++
      if (closed) {
        freeSlot()
        throw new Error('the browser was closed')
      }
      const reused = idle.pop()
      if (reused != null && !reused.isClosed()) return reused
      try {
        let context = await getContext()
        // Its browser went away without the close event reaching us yet: open one anew.
        if (context.browser()?.isConnected() === false) {
          if (contextPromise != null && (await contextPromise) === context) contextPromise = null
          context = await getContext()
        }
        const page = await context.newPage()
        pagesCreated++
        options.onPageCreated?.(page)
        return page
      } catch (error) {
        freeSlot()
        throw error
      }
    },
    giveBack(page: Page, healthy: boolean): void {
      servedSinceRecycle++
      if (healthy && !closed && !page.isClosed()) idle.push(page)
      else void page.close().catch(() => undefined)
      const recycle =
        servedSinceRecycle >= recycleAfterPages || (options.shouldRecycle?.() ?? false)
      // Only when no tab is lent: closing the context would kill a render in flight.
      if (recycle && borrowed === 1) {
        servedSinceRecycle = 0
        dropContext()
      }
      freeSlot()
    },
    get pagesCreated(): number {
      return pagesCreated
    },
    async close(): Promise<void> {
      closed = true
      idle.length = 0
      const pending = contextPromise
      contextPromise = null
      const context = await pending?.catch(() => null)
      await context?.close().catch(() => undefined)
    }
  }
}
