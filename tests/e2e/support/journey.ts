import { expect, type Page, type TestInfo } from '@playwright/test'
import { panelScreenshot } from './panel-screenshot'

/** The brand sites the journey scrapes. */
export interface JourneySites {
  /** A quick site (a sitemap index and a few JSON-LD products): scraped first. */
  fast: { name: string; url: string }
  /** A slow one (each product page takes a while): the worker is stopped while on it. */
  slow: { name: string; url: string }
}

/** Options of {@link runUserJourney}. */
export interface JourneyOptions {
  /** Copy the panels' screenshots to docs/screenshots/. Default: false. */
  docsScreenshots?: boolean
  /** Prefix of the screenshots' names. Default: none. */
  screenshotPrefix?: string
}

/**
 * Removes every brand (a new catalog is seeded with real manufacturers that cannot be reached
 * here) through whichever API the page uses: the preload's in Electron, HTTP in a browser.
 */
export async function removeAllBrands(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // Runs in the page; typed loosely since this file is compiled without the DOM library.
    const api = (
      globalThis as unknown as {
        api?: { brands: Record<string, (request?: unknown) => Promise<unknown>> }
      }
    ).api
    if (api) {
      const brands = (await api.brands.list!()) as Array<{ id: number }>
      for (const brand of brands) await api.brands.remove!({ id: brand.id })
      return
    }
    const brands = (await (await fetch('/api/brands')).json()) as Array<{ id: number }>
    for (const brand of brands) {
      // The control API takes writes as JSON only, bodiless ones too (no cross-site form posts).
      await fetch(`/api/brands/${brand.id}`, {
        method: 'DELETE',
        headers: { 'Content-Type': 'application/json' }
      })
    }
  })
  await page.reload()
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click()
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true'
  )
}

/**
 * What a user does on a first day, through the UI only: add brands (one by hand, one from a
 * file), start the worker and watch logs and products arrive, stop it, scrape one brand from its
 * row, search the products and filter the log. A screenshot of each panel on the way.
 */
export async function runUserJourney(
  page: Page,
  testInfo: TestInfo,
  sites: JourneySites,
  options: JourneyOptions = {}
): Promise<void> {
  const prefix = options.screenshotPrefix ?? ''
  const shot = (name: string): Promise<string> =>
    panelScreenshot(page, testInfo, `${prefix}${name}`, { docs: options.docsScreenshots })

  // Brands: empty state, then one added with the form and one imported from a JSON file.
  await openTab(page, 'Brands')
  await expect(page.getByText('No brands yet')).toBeVisible()
  await page.getByRole('button', { name: 'Add brand' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill(sites.fast.name)
  await dialog.getByLabel('Website').fill(sites.fast.url)
  await dialog.getByRole('button', { name: 'Add brand' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId(`brand-row-${sites.fast.name}`)).toBeVisible()

  await page.getByLabel('Brands file to import').setInputFiles({
    name: 'brands.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify([{ name: sites.slow.name, website: sites.slow.url }]))
  })
  await expect(page.getByText('Imported brands.json: 1 added, 0 updated.')).toBeVisible()
  await expect(page.getByTestId(`brand-row-${sites.slow.name}`)).toBeVisible()

  // Worker: continuous, no pause between brands; never-scraped brands go in the order added.
  await openTab(page, 'Worker')
  await page.getByLabel('Mode').selectOption('continuous')
  await page.getByLabel('Delay between brands (seconds)').fill('0')
  await page.getByRole('button', { name: 'Start', exact: true }).click()
  const state = page.getByTestId('worker-state').first()
  await expect(state).toHaveText(/Starting|Running/)
  await expect(page.getByTestId('worker-pid')).toHaveText(/^\d+$/)
  await expect(page.getByTestId('worker-current-brand')).toHaveText(sites.slow.name, {
    timeout: 90_000
  })
  await expect(page.getByTestId('worker-products-saved')).toContainText(/[1-9]\d* products saved/)
  await shot('worker-panel')

  // Logs stream in while it runs.
  await openTab(page, 'Log')
  const log = page.getByRole('log', { name: 'Log lines' })
  await expect(log).toContainText(sites.fast.name)
  await expect(log).toContainText(sites.slow.name)

  // Products of the finished brand are in the catalog already.
  await openTab(page, 'Products')
  await expect(page.getByTestId('products-total')).not.toHaveText(/^0 products/)
  await expect(page.getByRole('row').filter({ hasText: 'Fixture Widget 1' }).first()).toBeVisible()

  // The other brand's Scrape button waits while the worker is busy elsewhere.
  await openTab(page, 'Brands')
  const fastRow = page.getByTestId(`brand-row-${sites.fast.name}`)
  await expect(fastRow.getByRole('button', { name: `Scrape ${sites.fast.name}` })).toBeDisabled()
  await expect(
    page.getByTestId(`brand-row-${sites.slow.name}`).getByRole('progressbar')
  ).toBeVisible()

  // Stop: the worker stops gracefully.
  await openTab(page, 'Worker')
  await page.getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(state).toHaveText('Stopped', { timeout: 30_000 })

  // Scrape one brand from its row; its row shows the run's outcome.
  await openTab(page, 'Brands')
  const scrape = fastRow.getByRole('button', { name: `Scrape ${sites.fast.name}` })
  await expect(scrape).toBeEnabled()
  const previousRun = await fastRow.getAttribute('data-last-run')
  await scrape.click()
  await expect(fastRow).not.toHaveAttribute('data-last-run', previousRun ?? '', { timeout: 90_000 })
  await expect(fastRow).toContainText('Succeeded', { timeout: 90_000 })
  await expect(page.getByTestId('worker-state').first()).toHaveText('Stopped', { timeout: 30_000 })
  await expect(page.getByTestId(`brand-row-${sites.slow.name}`)).toContainText(
    /Stopped|Interrupted/
  )
  await shot('brands-panel')

  // Search products (server-side full text) and open one.
  await openTab(page, 'Products')
  await page.getByLabel('Search').fill('Fixture Widget 3')
  await expect(page.getByTestId('products-total')).toHaveText('1 product')
  const firstRow = page.getByRole('row').filter({ hasText: 'Fixture Widget 3' }).first()
  await expect(firstRow).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: 'Slow Sampler' })).toHaveCount(0)
  await firstRow.click()
  const detail = page.getByTestId('product-detail')
  await expect(detail.getByRole('heading', { name: 'Fixture Widget 3' })).toBeVisible()
  await expect(detail.getByRole('link', { name: 'Open the source page' })).toHaveAttribute(
    'href',
    /\/products\/fixture-widget-3$/
  )
  await shot('products-panel')

  // Filter the log by brand, then by text.
  await openTab(page, 'Log')
  await page.getByLabel('Brand').selectOption(sites.slow.name)
  await expect(log.locator('.log-brand').first()).toHaveText(sites.slow.name)
  const brands = await log.locator('.log-brand').allTextContents()
  expect(new Set(brands)).toEqual(new Set([sites.slow.name]))
  await page.getByLabel('Brand').selectOption('')
  await page.getByLabel('Search').fill(sites.fast.name)
  await expect(log.locator('.log-line').first()).toBeVisible()
  await expect(log).not.toContainText(sites.slow.name)
  await page.getByLabel('Search').fill('')
  await expect(log).toContainText(sites.slow.name)
  await shot('log-panel')

  // Ingestion: per brand, the last run and its counts.
  await openTab(page, 'Ingestion')
  const fastIngestion = page.getByRole('row').filter({ hasText: sites.fast.name })
  await expect(fastIngestion).toContainText('Succeeded')
  await shot('ingestion-panel')
}
