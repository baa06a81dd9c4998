// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/app'
import { createAppStores, type AppStores } from '../../../src/renderer/src/stores/app-stores'
import { StoresProvider } from '../../../src/renderer/src/stores/stores-context'
import { ApiError } from '../../../src/shared/api-error'
import type { BrandSettings } from '../../../src/shared/brand'
import { brandSummary, createFakeApi } from '../support/fake-api'

beforeAll(() => {
  // jsdom has no modal dialogs: open and close the element as a browser would, minus the top layer.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true
  }
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false
  }
})

afterEach(cleanup)

const krkSettings: BrandSettings = {
  include: ['/products/', '^https://www\\.krkmusic\\.com/'],
  exclude: ['/blog/'],
  selectors: { price: '.price-now', sku: '[data-sku]' },
  concurrency: 4,
  maxPages: 200
}

/** The brands tab with one brand, its Edit dialog open. */
async function editKrk(settings: BrandSettings = krkSettings): Promise<{
  fake: ReturnType<typeof createFakeApi>
  dialog: HTMLElement
}> {
  const fake = createFakeApi({ brands: [brandSummary(1, 'KRK Systems', { settings })] })
  const stores = createAppStores(fake.api)
  void stores.brands.getState().opened()
  render(
    <StoresProvider stores={stores}>
      <App initialTab="brands" />
    </StoresProvider>
  )
  await userEvent.click(await screen.findByRole('button', { name: 'Edit KRK Systems' }))
  return { fake, dialog: screen.getByRole('dialog', { name: 'Edit KRK Systems' }) }
}

function updateRequests(fake: ReturnType<typeof createFakeApi>): unknown[] {
  return fake.calls.filter((c) => c.method === 'brands.update').map((c) => c.request)
}

/** Types text as it reads: user-event takes `[` and `{` as the start of a key name. */
function literal(text: string): string {
  return text.replace(/[[{]/g, '$&$&')
}

/** Replaces a control's text the way a user does: clear it, type. */
async function replaceText(
  user: ReturnType<typeof userEvent.setup>,
  control: HTMLElement,
  text: string
): Promise<void> {
  await user.clear(control)
  if (text !== '') await user.type(control, literal(text))
}

describe('BrandForm advanced crawl settings', () => {
  it("shows an edited brand's settings, open", async () => {
    const { dialog } = await editKrk()
    const view = within(dialog)
    expect(dialog.querySelector('details')?.open).toBe(true)
    expect(view.getByLabelText('Include URL patterns')).toHaveProperty(
      'value',
      '/products/\n^https://www\\.krkmusic\\.com/'
    )
    expect(view.getByLabelText('Exclude URL patterns')).toHaveProperty('value', '/blog/')
    expect(view.getByLabelText('Price selector')).toHaveProperty('value', '.price-now')
    expect(view.getByLabelText('SKU selector')).toHaveProperty('value', '[data-sku]')
    expect(view.getByLabelText('Title selector')).toHaveProperty('value', '')
    expect(view.getByLabelText('Concurrency')).toHaveProperty('value', '4')
    expect(view.getByLabelText('Max pages')).toHaveProperty('value', '200')
    const delay = view.getByLabelText('Minimum delay (ms)')
    expect(delay).toHaveProperty('value', '')
    expect(delay.getAttribute('placeholder')).toBe('250')
    expect(view.getByLabelText('Max depth').getAttribute('placeholder')).toBe('6')
    expect(view.getByLabelText('Concurrency').getAttribute('max')).toBe('16')
  })

  it('starts closed for a brand without settings', async () => {
    const { dialog } = await editKrk({})
    const details = dialog.querySelector('details')!
    expect(details.open).toBe(false)
    await userEvent.click(within(dialog).getByText('Advanced crawl settings'))
    await waitFor(() => expect(details.open).toBe(true))
  })

  it('refuses a pattern that is not a regular expression, saying which line, without a call', async () => {
    const user = userEvent.setup()
    const { fake, dialog } = await editKrk()
    const view = within(dialog)
    const exclude = view.getByLabelText('Exclude URL patterns')
    await user.type(exclude, `{Enter}{Enter}${literal('/shop/[a-z')}`)
    await user.click(view.getByRole('button', { name: 'Save' }))

    const message = 'Line 3: "/shop/[a-z" is not a valid regular expression'
    const error = await view.findByText((text) => text.startsWith(message))
    expect(error.textContent).toMatch(/Unterminated character class/)
    expect(exclude.getAttribute('aria-invalid')).toBe('true')
    expect(exclude.getAttribute('aria-describedby')).toContain(error.parentElement!.id)
    expect(document.activeElement).toBe(exclude)
    expect(updateRequests(fake)).toEqual([])

    // Fixed, the error goes and the save goes through.
    await replaceText(user, exclude, '/blog/\n\n/shop/[a-z]+')
    expect(view.queryByText((text) => text.startsWith(message))).toBeNull()
    await user.click(view.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(updateRequests(fake)).toHaveLength(1))
  })

  it('opens the settings again when a number out of range stops the submit', async () => {
    const user = userEvent.setup()
    const { fake, dialog } = await editKrk({})
    const view = within(dialog)
    const details = dialog.querySelector('details')!
    const summary = view.getByText('Advanced crawl settings')
    await user.click(summary)
    await replaceText(user, view.getByLabelText('Concurrency'), '40')
    await user.click(summary)
    await waitFor(() => expect(details.open).toBe(false))

    await user.click(view.getByRole('button', { name: 'Save' }))
    expect(details.open).toBe(true)
    expect(view.getByText('Concurrency must be between 1 and 16.')).toBeTruthy()
    expect(updateRequests(fake)).toEqual([])
  })

  it('sends every setting the user entered to brands.update', async () => {
    const user = userEvent.setup()
    const { fake, dialog } = await editKrk()
    const view = within(dialog)
    await replaceText(
      user,
      view.getByLabelText('Include URL patterns'),
      '/products/\n\n  /shop/.+  \n'
    )
    await replaceText(user, view.getByLabelText('Exclude URL patterns'), '/blog/\n\\?sort=')
    await replaceText(user, view.getByLabelText('Title selector'), 'h1.product-title')
    await replaceText(user, view.getByLabelText('Images selector'), '.gallery img')
    await replaceText(user, view.getByLabelText('Concurrency'), '8')
    await replaceText(user, view.getByLabelText('Minimum delay (ms)'), '0')
    await replaceText(user, view.getByLabelText('Max depth'), '3')
    await user.click(view.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(updateRequests(fake)).toHaveLength(1))
    expect(updateRequests(fake)[0]).toEqual({
      id: 1,
      patch: {
        name: 'KRK Systems',
        website: 'https://krksystems.example/',
        enabled: true,
        priority: 0,
        settings: {
          include: ['/products/', '/shop/.+'],
          exclude: ['/blog/', '\\?sort='],
          selectors: {
            name: 'h1.product-title',
            price: '.price-now',
            sku: '[data-sku]',
            images: '.gallery img'
          },
          concurrency: 8,
          minDelayMs: 0,
          maxPages: 200,
          maxDepth: 3
        }
      }
    })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('omits a setting the user cleared, so the saved brand loses it', async () => {
    const user = userEvent.setup()
    const { fake, dialog } = await editKrk()
    const view = within(dialog)
    await replaceText(user, view.getByLabelText('Include URL patterns'), '')
    await replaceText(user, view.getByLabelText('Price selector'), '')
    await replaceText(user, view.getByLabelText('SKU selector'), '   ')
    await replaceText(user, view.getByLabelText('Max pages'), '')
    await user.click(view.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(updateRequests(fake)).toHaveLength(1))
    const { patch } = updateRequests(fake)[0] as { patch: { settings: BrandSettings } }
    expect(patch.settings).toEqual({ exclude: ['/blog/'], concurrency: 4 })
    expect(Object.keys(patch.settings)).toEqual(['exclude', 'concurrency'])
  })

  it('sends a refresh interval in hours, fractions too, and refuses none at all', async () => {
    const user = userEvent.setup()
    const { fake, dialog } = await editKrk({})
    const view = within(dialog)
    await user.click(view.getByText('Advanced crawl settings'))
    const refresh = view.getByLabelText('Refresh every (hours)')
    expect(refresh.getAttribute('placeholder')).toBe('24')

    await replaceText(user, refresh, '0')
    await user.click(view.getByRole('button', { name: 'Save' }))
    expect(view.getByText('Refresh every (hours) must be between 0.01 and 8760.')).toBeTruthy()
    expect(updateRequests(fake)).toEqual([])

    await replaceText(user, refresh, '1.5')
    await user.click(view.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(updateRequests(fake)).toHaveLength(1))
    const { patch } = updateRequests(fake)[0] as { patch: { settings: BrandSettings } }
    expect(patch.settings).toEqual({ refreshHours: 1.5 })
  })

  it("shows the server's refusal in the dialog and keeps it open", async () => {
    const user = userEvent.setup()
    const { fake, dialog } = await editKrk()
    vi.spyOn(fake.api.brands, 'update').mockRejectedValue(
      new ApiError('bad_request', 'settings.maxPages: Too big: expected number to be <=1000')
    )
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'settings.maxPages: Too big: expected number to be <=1000'
    )
    expect(screen.getByRole('dialog', { name: 'Edit KRK Systems' })).toBe(dialog)
  })

  it('sends the settings of a new brand to brands.add', async () => {
    const user = userEvent.setup()
    const fake = createFakeApi({ brands: [brandSummary(1, 'KRK Systems')] })
    const stores: AppStores = createAppStores(fake.api)
    void stores.brands.getState().opened()
    render(
      <StoresProvider stores={stores}>
        <App initialTab="brands" />
      </StoresProvider>
    )
    await user.click(await screen.findByRole('button', { name: 'Add brand' }))
    const dialog = screen.getByRole('dialog')
    expect(dialog.querySelector('details')?.open).toBe(false)
    await user.click(within(dialog).getByText('Advanced crawl settings'))
    await user.type(within(dialog).getByLabelText('Name'), 'Shure')
    await replaceText(user, within(dialog).getByLabelText('Website'), 'https://www.shure.com/')
    await user.type(within(dialog).getByLabelText('Include URL patterns'), '/en-US/products/')
    await user.type(within(dialog).getByLabelText('Availability selector'), '.stock')
    await user.type(within(dialog).getByLabelText('Max pages'), '50')
    await user.click(within(dialog).getByRole('button', { name: 'Add brand' }))

    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'brands.add')?.request).toEqual({
        name: 'Shure',
        website: 'https://www.shure.com/',
        enabled: true,
        priority: 0,
        settings: {
          include: ['/en-US/products/'],
          selectors: { availability: '.stock' },
          maxPages: 50
        }
      })
    )
  })
})
