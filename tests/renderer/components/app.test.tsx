// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { idleWorkerStatus } from '../../../src/shared/worker-status'
import { brandSummary, createFakeApi, workerProgress } from '../support/fake-api'
import { renderApp } from '../support/render-app'

afterEach(cleanup)

describe('App', () => {
  it('moves between tabs with the arrow keys', async () => {
    const user = userEvent.setup()
    renderApp(createFakeApi())
    const brands = screen.getByRole('tab', { name: 'Brands' })
    expect(brands).toHaveProperty('tabIndex', 0)
    brands.focus()
    await user.keyboard('{ArrowRight}')
    const products = screen.getByRole('tab', { name: 'Products' })
    expect(products.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(products)
    expect(screen.getByRole('heading', { name: 'Products' })).toBeTruthy()
    await user.keyboard('{End}')
    expect(screen.getByRole('tab', { name: 'Ingestion' }).getAttribute('aria-selected')).toBe(
      'true'
    )
  })

  it('tells a user with no brands how to add some', async () => {
    renderApp(createFakeApi())
    expect(await screen.findByText('No brands yet')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Add brand' })).toBeTruthy()
  })

  it('starts the workers with the chosen mode, delay and count', async () => {
    const user = userEvent.setup()
    const fake = createFakeApi()
    renderApp(fake, 'worker')
    await user.selectOptions(screen.getByLabelText('Mode'), 'continuous')
    const delay = screen.getByLabelText('Delay between brands (seconds)')
    await user.clear(delay)
    await user.type(delay, '5')
    const count = screen.getByLabelText('Workers')
    await user.clear(count)
    await user.type(count, '3')
    await user.click(screen.getByRole('button', { name: 'Start' }))
    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'worker.start')?.request).toEqual({
        mode: 'continuous',
        delay: 5,
        workers: 3
      })
    )
  })

  it("shows a brand's progress in its row and disables the other rows' Scrape", async () => {
    const fake = createFakeApi({
      brands: [brandSummary(1, 'KRK Systems'), brandSummary(2, 'Shure')]
    })
    renderApp(fake, 'brands')
    const shure = await screen.findByTestId('brand-row-Shure')
    expect(within(shure).getByRole('button', { name: 'Scrape Shure' })).toHaveProperty(
      'disabled',
      false
    )

    fake.emit('status', {
      ...idleWorkerStatus,
      is_running: true,
      state: 'running',
      pid: 42,
      mode: 'brand',
      current_brand: 'KRK Systems'
    })
    fake.emit('progress', workerProgress())
    const krk = screen.getByTestId('brand-row-KRK Systems')
    await waitFor(() => expect(within(krk).getByText('10/40 pages')).toBeTruthy())
    expect(within(krk).getByRole('progressbar', { name: 'KRK Systems progress' })).toBeTruthy()
    expect(within(shure).getByRole('button', { name: 'Scrape Shure' })).toHaveProperty(
      'disabled',
      true
    )
  })
})
