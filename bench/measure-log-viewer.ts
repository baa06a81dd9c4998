/**
 * The log viewer with 100 000 lines, in Chromium against a real coordinator: how long scrolling
 * back takes to hold them all, whether the line in view stays put as older pages arrive, and the
 * frame times while scrolling through them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium, type Page } from '@playwright/test'
import { Coordinator } from '../src/main/coordinator/coordinator'
import { nodeWorkerTransport } from '../src/main/coordinator/node-worker-transport'
import { startHttpServer } from '../src/main/server/http-server'
import type { LogLevel, NewLogEntry } from '../src/shared/log-entry'
import { makeTempDir } from '../tests/support/temp-dir'
import { chromiumLaunchArgs } from '../src/scraper/fetch/browser-provider'

const root = join(import.meta.dirname, '..')

/** Options of {@link measureLogViewer}. */
export interface LogViewerBenchOptions {
  /** Lines written to the catalog's log before the UI opens. Default: 100 000. */
  lines?: number
  /** Fresh page loads, each scrolled back and through; figures are their medians. Default: 3. */
  runs?: number
  /** Frames of each scroll pattern, each way (down, then back up). Default: 150. */
  framesEachWay?: number
  /** Pixels per frame of the wheel-like pattern. Default: 600. */
  wheelStepPx?: number
  /** Chromium to launch. Default: BRAND_SCRAPER_CHROMIUM, else /usr/bin/chromium if present. */
  chromiumPath?: string
  /** Progress lines. Default: none. */
  log?: (message: string) => void
}

/** Frame times (between `requestAnimationFrame` callbacks) of one scroll pattern, in ms. */
export interface FrameFigures {
  p50: number
  p95: number
  max: number
  /** Frames recorded per run. */
  count: number
  /** Frames over 50 ms per run. */
  longFrames: number
}

/** What {@link measureLogViewer} found; each figure is the median of the runs. */
export interface LogViewerFigures {
  runs: number
  /** Lines in the catalog's log. */
  seededLines: number
  /** Lines the viewer held at the end of scrolling back. */
  lines: number
  /** Why scrolling back stopped: 'cap' (100 000 held) or 'start' (the oldest line is held). */
  stoppedAt: string
  /** From the first scroll to the top to the last page shown, in ms. */
  loadMs: number
  /** Older pages fetched on the way. */
  pages: number
  /** Prepends checked / those after which the line in view had moved (all runs). */
  anchorChecks: number
  anchorMoves: number
  /** Renderer's JS heap with every line held, in MiB (Chromium's coarse figure), if known. */
  heapMiB: number | null
  /** 120 px per frame from the top: steady mouse-wheel scrolling (7 200 px/s). */
  scroll: FrameFigures
  /** 600 px per frame from the top: a fast mouse wheel or trackpad fling. */
  wheel: FrameFigures
  /** The whole list in `framesEachWay` frames, each way: dragging the scrollbar end to end. */
  drag: FrameFigures
  /** Following the newest line, not scrolling, while the coordinator logs `liveLinesPerSecond`. */
  live: FrameFigures
  liveLinesPerSecond: number
  /** After each live tail, the newest line was in view. */
  liveFollowed: boolean
  /** The viewer held still: the best this browser and machine give. */
  still: FrameFigures
}

interface FillResult {
  ms: number
  pages: number
  held: number
  state: string
  anchorChecks: number
  anchorMoves: number
  heapBytes: number | null
}

/** What the page-side code below uses of the DOM (this file is compiled without the DOM lib). */
interface PageElement {
  scrollTop: number
  readonly scrollHeight: number
  readonly clientHeight: number
  readonly textContent: string | null
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): ArrayLike<PageElement>
  getAttribute(name: string): string | null
  getBoundingClientRect(): { top: number; bottom: number }
}
interface PageGlobals {
  document: PageElement
  requestAnimationFrame(callback: (time: number) => void): number
  performance: { now(): number; memory?: { usedJSHeapSize: number } }
}

/** Lines the coordinator writes per second while the live tail is measured. */
const liveLinesPerSecond = 200

const levels: LogLevel[] = ['debug', 'info', 'info', 'info', 'info', 'warn', 'error']
const brands = ['KRK Systems', 'Shure', 'Genelec', 'Focusrite', null]

/** A log line as the worker writes them, numbered so the page can tell lines apart. */
function seedLine(i: number, start: number): NewLogEntry {
  const brand = brands[i % brands.length] ?? null
  return {
    time: new Date(start + i * 50).toISOString(),
    level: levels[i % levels.length]!,
    source: i % 3 ? 'worker' : 'coordinator',
    brand,
    runId: brand ? 1 + Math.floor(i / 1000) : null,
    message: `#${String(i).padStart(6, '0')} ${
      i % 7
        ? `Fetched https://${(brand ?? 'example').toLowerCase().replace(/\W+/g, '')}.example/products/item-${i} (200, ${(i * 37) % 900} ms)`
        : `Saved product ${i} with 12 fields; 3 images; price from JSON-LD`
    }`
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

function frameFigures(runs: number[][]): FrameFigures {
  return {
    p50: median(runs.map((frames) => percentile(frames, 50))),
    p95: median(runs.map((frames) => percentile(frames, 95))),
    max: median(runs.map((frames) => Math.max(...frames))),
    count: median(runs.map((frames) => frames.length)),
    longFrames: median(runs.map((frames) => frames.filter((ms) => ms > 50).length))
  }
}

/** The built UI that `serve` hosts; built once if this checkout has none. */
function builtRenderer(log: (message: string) => void): string {
  const dir = join(root, 'out', 'renderer')
  if (!existsSync(join(dir, 'index.html'))) {
    log('Building the UI (npx electron-vite build)…')
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  }
  return dir
}

/**
 * Scrolls the viewer to its top until it stops fetching older pages; runs in the page. After each
 * page lands, checks that the line that was at the top of the view is still there.
 */
async function fillByScrollingBack(page: Page): Promise<FillResult> {
  return page.evaluate(async (): Promise<FillResult> => {
    const g = globalThis as unknown as PageGlobals
    const el = g.document.querySelector('[role="log"]')!
    const marker = el.querySelector('[data-testid="log-older-lines"]')!
    const status = g.document.querySelector('.status-line')!
    const state = (): string => marker.getAttribute('data-state') ?? ''
    const held = (): number =>
      Number(/^([\d,]+) lines/.exec(status.textContent ?? '')![1]!.replace(/,/g, ''))
    const frame = (): Promise<number> => new Promise((resolve) => g.requestAnimationFrame(resolve))
    // The rendered line nearest the top of the view: its message and its offset in the view.
    const topLine = (): { message: string; offset: number } | null => {
      const viewTop = el.getBoundingClientRect().top
      let best: { message: string; offset: number } | null = null
      const rows = el.querySelectorAll('.log-line')
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!
        const offset = row.getBoundingClientRect().top - viewTop
        if (offset >= 0 && (!best || offset < best.offset)) {
          best = { message: row.querySelector('.log-message')!.textContent ?? '', offset }
        }
      }
      return best
    }

    const started = g.performance.now()
    let lastLanded = started
    let pages = 0
    let anchorChecks = 0
    let anchorMoves = 0
    for (;;) {
      const now = state()
      if (now === 'loading') {
        await frame()
        continue
      }
      if (now !== 'more') break
      const before = held()
      el.scrollTop = 0
      await frame()
      const anchor = held() === before ? topLine() : null
      while (held() === before && (state() === 'more' || state() === 'loading')) await frame()
      if (held() === before) break
      lastLanded = g.performance.now()
      pages++
      if (anchor) {
        await frame()
        const rows = el.querySelectorAll('.log-line')
        const viewTop = el.getBoundingClientRect().top
        let moved = true
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!
          if (row.querySelector('.log-message')!.textContent !== anchor.message) continue
          moved = Math.abs(row.getBoundingClientRect().top - viewTop - anchor.offset) > 1
        }
        anchorChecks++
        if (moved) anchorMoves++
      }
    }
    return {
      ms: lastLanded - started,
      pages,
      held: held(),
      state: state(),
      anchorChecks,
      anchorMoves,
      heapBytes: g.performance.memory?.usedJSHeapSize ?? null
    }
  })
}

/** How {@link recordFrames} scrolls. */
interface ScrollPattern {
  /** The scrolling element. */
  selector: string
  /** Frames each way: down, then back up. */
  frames: number
  /** Pixels per frame; null for the whole list each way; 0 to stay still. */
  step: number | null
  /** Start from the top (else from where the view is). */
  fromTop: boolean
}

/** Scrolls an element frame by frame and returns the times between animation frames, in ms. */
async function recordFrames(page: Page, pattern: ScrollPattern): Promise<number[]> {
  return page.evaluate(
    ({ selector, frames, step, fromTop }) =>
      new Promise<number[]>((resolve) => {
        const g = globalThis as unknown as PageGlobals
        const el = g.document.querySelector(selector)!
        if (fromTop) el.scrollTop = 0
        const px = step ?? (el.scrollHeight - el.clientHeight) / frames
        const deltas: number[] = []
        let last: number | null = null
        let done = 0
        const tick = (time: number): void => {
          if (last !== null) deltas.push(time - last)
          last = time
          if (done === 2 * frames) return resolve(deltas)
          el.scrollTop += done < frames ? px : -px
          done++
          g.requestAnimationFrame(tick)
        }
        // Let the jump to the top render before the first recorded frame.
        g.requestAnimationFrame(() => g.requestAnimationFrame(tick))
      }),
    pattern
  )
}

/**
 * Seeds a catalog's log with `lines` lines, serves the built UI from a real coordinator, and in
 * Chromium opens the Log tab, scrolls back until the viewer holds every line it may (100 000),
 * then scrolls through them recording frame times. Headless Chromium without a GPU rasterizes in
 * software: a pessimistic stand-in for the desktop window.
 */
export async function measureLogViewer(
  options: LogViewerBenchOptions = {}
): Promise<LogViewerFigures> {
  const lines = options.lines ?? 100_000
  const runs = options.runs ?? 3
  const framesEachWay = options.framesEachWay ?? 150
  const wheelStepPx = options.wheelStepPx ?? 600
  const log = options.log ?? ((): void => {})
  const chromiumPath =
    options.chromiumPath ??
    (process.env.BRAND_SCRAPER_CHROMIUM ||
      (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined))
  const staticDir = builtRenderer(log)

  const temp = makeTempDir('brand-scraper-bench-')
  const coordinator = Coordinator.open({
    dbPath: join(temp.dir, 'catalog.db'),
    workerTransport: nodeWorkerTransport()
  })
  const server = await startHttpServer({ coordinator, port: 0, staticDir })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumLaunchArgs
  })
  try {
    const seedStart = performance.now()
    const start = Date.now() - lines * 50
    // One transaction: 100 000 inserts take about a second instead of minutes of fsyncs.
    coordinator.store.db.transaction(() => {
      for (let i = 0; i < lines; i++) coordinator.store.logs.add(seedLine(i, start))
    })()
    const seededLines = (
      coordinator.store.db.prepare('SELECT count(*) AS n FROM logs').get() as {
        n: number
      }
    ).n
    log(`  seeded ${seededLines} log lines in ${(performance.now() - seedStart).toFixed(0)} ms`)

    const fills: FillResult[] = []
    const frames: Record<'scroll' | 'wheel' | 'drag' | 'live' | 'still', number[][]> = {
      scroll: [],
      wheel: [],
      drag: [],
      live: [],
      still: []
    }
    let liveFollowed = true
    let liveLines = 0
    for (let run = 1; run <= runs; run++) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'en-US'
      })
      // tsx compiles with esbuild's keepNames, which wraps functions in `__name(...)`; the page
      // code is sent as source text, so the page needs that helper too.
      await context.addInitScript('globalThis.__name = (fn) => fn')
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(error.message))
      await page.goto(server.url)
      await page.getByRole('tab', { name: 'Log', exact: true }).click()
      const viewer = page.getByRole('log', { name: 'Log lines' })
      await viewer.locator('.log-line').first().waitFor()

      log(`  run ${run}/${runs}: scrolling back to the top until the viewer stops loading…`)
      const fill = await fillByScrollingBack(page)
      fills.push(fill)
      log(
        `    ${fill.held} lines held (${fill.state}) after ${fill.pages} pages in ${fill.ms.toFixed(0)} ms`
      )
      log(`  run ${run}/${runs}: scrolling through them, then following a live tail…`)
      const viewerPattern = { selector: '[role="log"]', frames: framesEachWay, fromTop: true }
      frames.scroll.push(await recordFrames(page, { ...viewerPattern, step: 120 }))
      frames.wheel.push(await recordFrames(page, { ...viewerPattern, step: wheelStepPx }))
      frames.drag.push(await recordFrames(page, { ...viewerPattern, step: null }))
      frames.still.push(await recordFrames(page, { ...viewerPattern, step: 0 }))

      // Following again, while the coordinator logs `liveLinesPerSecond`: each batch pushes the
      // oldest lines out at the cap.
      await page.getByRole('button', { name: 'Paused' }).click()
      const writer = setInterval(() => {
        for (let i = 0; i < liveLinesPerSecond / 10; i++) {
          coordinator.log('info', `live line ${++liveLines}`)
        }
      }, 100)
      try {
        frames.live.push(await recordFrames(page, { ...viewerPattern, step: 0, fromTop: false }))
      } finally {
        clearInterval(writer)
      }
      const newest = `live line ${liveLines}`
      liveFollowed &&= await page
        .waitForFunction(
          (text) => {
            const g = globalThis as unknown as PageGlobals
            const el = g.document.querySelector('[role="log"]')!
            const view = el.getBoundingClientRect()
            const rows = el.querySelectorAll('.log-message')
            for (let i = 0; i < rows.length; i++) {
              const rect = rows[i]!.getBoundingClientRect()
              if (rows[i]!.textContent?.endsWith(text)) {
                return rect.top >= view.top && rect.bottom <= view.bottom
              }
            }
            return false
          },
          newest,
          { timeout: 10_000 }
        )
        .then(
          () => true,
          () => false
        )
      if (problems.length) throw new Error(`the page failed: ${problems.join('; ')}`)

      await context.close()
    }

    const heaps = fills.flatMap((f) => (f.heapBytes === null ? [] : [f.heapBytes]))
    return {
      runs,
      seededLines,
      lines: median(fills.map((f) => f.held)),
      stoppedAt: fills.at(-1)!.state,
      loadMs: median(fills.map((f) => f.ms)),
      pages: median(fills.map((f) => f.pages)),
      anchorChecks: fills.reduce((sum, f) => sum + f.anchorChecks, 0),
      anchorMoves: fills.reduce((sum, f) => sum + f.anchorMoves, 0),
      heapMiB: heaps.length ? median(heaps) / 2 ** 20 : null,
      scroll: frameFigures(frames.scroll),
      wheel: frameFigures(frames.wheel),
      drag: frameFigures(frames.drag),
      live: frameFigures(frames.live),
      liveLinesPerSecond,
      liveFollowed,
      still: frameFigures(frames.still)
    }
  } finally {
    await browser.close()
    await server.close()
    await coordinator.shutdown()
    temp.cleanup()
  }
}
