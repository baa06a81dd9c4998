import { chromiumMemoryBytes } from './chromium-memory'

/** When the browser process is thrown away for a fresh one. */
export interface BrowserRecyclePolicy {
  /** Pages rendered before Chromium is closed and launched afresh. Default: 500. */
  recycleAfterPages?: number
  /**
   * Memory all of Chromium's processes may hold (proportional set, see `chromiumMemoryBytes`)
   * before it is closed and launched afresh, in bytes. Default: 2 GiB, above the 1.5 GiB at
   * which a crawl first tries recycling only its context.
   */
  memoryBudgetBytes?: number
  /** Pages between two memory measurements. Default: 25. */
  memoryCheckEveryPages?: number
  /** Measures Chromium's memory (tests inject one). Default: `chromiumMemoryBytes`. */
  measureMemory?: () => number
}

/** Options of {@link createBrowserRecycler}. */
export interface BrowserRecyclerOptions extends BrowserRecyclePolicy {
  /** Closes the browser, once no page is open; the next page launches a fresh one. */
  closeBrowser: () => Promise<void>
  /** Told, in words, each time the browser is recycled and why. */
  onRecycle: (message: string) => void
}

/** Counts the pages in flight in one browser, and recycles it between pages when it is due. */
export interface BrowserRecycler {
  /**
   * Waits while a recycle is due or under way, then counts one page in flight. Call the returned
   * function when the page is done (`rendered: false` when it never got a browser).
   */
  enter(): Promise<(rendered?: boolean) => void>
  /** Drops a pending recycle and lets waiting pages go: the browser was closed anyway. */
  cancel(): void
}

const mib = (bytes: number): number => Math.round(bytes / 1024 ** 2)

/**
 * Recycles the browser process after `recycleAfterPages` pages or when Chromium's memory is over
 * budget: once due, new pages wait, the pages in flight finish (drain), the browser is closed (all
 * its renderer processes with it, whatever memory they leaked) and the waiting pages go on in a
 * fresh one.
 */
export function createBrowserRecycler(options: BrowserRecyclerOptions): BrowserRecycler {
  const afterPages = options.recycleAfterPages ?? 500
  const budget = options.memoryBudgetBytes ?? 2 * 1024 ** 3
  const every = options.memoryCheckEveryPages ?? 25
  const measure = options.measureMemory ?? chromiumMemoryBytes
  let inFlight = 0
  let pages = 0
  let due: string | null = null
  let closing = false
  const waiting: Array<() => void> = []

  const release = (): void => {
    due = null
    pages = 0
    for (const go of waiting.splice(0)) go()
  }

  const dueReason = (): string | null => {
    if (pages >= afterPages) return `after ${pages} page${pages === 1 ? '' : 's'}`
    if (pages % every !== 0) return null
    const bytes = measure()
    return bytes > budget ? `holding ${mib(bytes)} MiB, over its ${mib(budget)} MiB budget` : null
  }

  const recycleWhenDrained = (): void => {
    if (due == null || inFlight > 0 || closing) return
    closing = true
    options.onRecycle(`Restarting the browser ${due}, once its open pages finished`)
    void options
      .closeBrowser()
      .catch(() => undefined)
      .finally(() => {
        closing = false
        release()
      })
  }

  return {
    async enter(): Promise<(rendered?: boolean) => void> {
      while (due != null || closing) await new Promise<void>((resolve) => waiting.push(resolve))
      inFlight++
      let done = false
      return (rendered = true) => {
        if (done) return
        done = true
        inFlight--
        if (rendered) {
          pages++
          due ??= dueReason()
        }
        recycleWhenDrained()
      }
    },
    cancel(): void {
      if (!closing) release()
    }
  }
}
