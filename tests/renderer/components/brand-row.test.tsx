// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { brandSummary, createFakeApi, workerRecord } from '../support/fake-api'
import { renderApp } from '../support/render-app'
import { useFixedClock } from '../support/use-fixed-clock'

const now = new Date('2026-03-12T14:00:00.000Z')
const hoursFromNow = (hours: number): string =>
  new Date(now.getTime() + hours * 3_600_000).toISOString()

afterEach(cleanup)
useFixedClock(now)

describe('Brand row', () => {
  it('shows when each brand is next due, and which worker holds it, refusing a second crawl', async () => {
    const fake = createFakeApi({
      brands: [
        brandSummary(1, 'Genelec', { nextDueAt: hoursFromNow(-2) }),
        brandSummary(2, 'KRK Systems', {
          nextDueAt: hoursFromNow(3),
          claimedBy: { id: 'render-box-77-c3', host: 'render-box', pid: 77 }
        }),
        brandSummary(3, 'Shure', { nextDueAt: null })
      ]
    })
    renderApp(fake, 'brands')

    const krk = await screen.findByTestId('brand-row-KRK Systems')
    expect(screen.getByTestId('brand-due-Genelec').textContent).toBe('due now')
    expect(screen.getByTestId('brand-due-Shure').textContent).toBe('never scraped')
    const due = within(krk).getByTestId('brand-due-KRK Systems')
    expect(within(due).getByText('in 3 h')).toBeTruthy()
    expect(within(due).getByText('scraping on render-box (pid 77)')).toBeTruthy()

    const scrapeKrk = within(krk).getByRole('button', { name: 'Scrape KRK Systems' })
    expect(scrapeKrk).toHaveProperty('disabled', true)
    expect(scrapeKrk.getAttribute('title')).toBe(
      'Worker 77 on render-box is scraping KRK Systems; wait for it to finish, or stop it in the Worker tab.'
    )
    const shure = screen.getByTestId('brand-row-Shure')
    expect(within(shure).getByRole('button', { name: 'Scrape Shure' })).toHaveProperty(
      'disabled',
      false
    )
    expect(shure.textContent).not.toContain('scraping on')
  })

  it('shows a brand taken by a worker this window did not start as soon as the registry says', async () => {
    const fake = createFakeApi({ brands: [brandSummary(1, 'Shure')] })
    renderApp(fake, 'brands')
    const shure = await screen.findByTestId('brand-row-Shure')
    const scrape = within(shure).getByRole('button', { name: 'Scrape Shure' })
    expect(scrape).toHaveProperty('disabled', false)

    fake.emit('workers', [
      workerRecord('laptop-311-a1', { host: 'laptop', pid: 311, current_brand: 'Shure' })
    ])
    expect(await within(shure).findByText('scraping on laptop (pid 311)')).toBeTruthy()
    expect(scrape).toHaveProperty('disabled', true)

    fake.emit('workers', [])
    await vi.waitFor(() => expect(scrape).toHaveProperty('disabled', false))
    expect(shure.textContent).not.toContain('scraping on')
  })
})
