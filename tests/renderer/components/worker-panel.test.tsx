// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { idleWorkerStatus, type WorkerStatus } from '../../../src/shared/worker-status'
import { brandSummary, createFakeApi, workerProgress, workerRecord } from '../support/fake-api'
import { renderApp } from '../support/render-app'
import { useFixedClock } from '../support/use-fixed-clock'

// 14:00 local: heartbeats and due times are counted from here.
const now = new Date(2026, 2, 12, 14, 0, 0)
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString()
const inMinutes = (minutes: number): string =>
  new Date(now.getTime() + minutes * 60_000).toISOString()

afterEach(cleanup)
useFixedClock(now)

const scraping = workerRecord('studio-42-b2', {
  host: 'studio',
  pid: 42,
  current_brand: 'KRK Systems',
  heartbeat_at: ago(3),
  progress: workerProgress({ runId: 9, startedAt: ago(60) })
})
const terminal = workerRecord('laptop-311-a1', {
  host: 'laptop',
  pid: 311,
  state: 'waiting',
  heartbeat_at: ago(125),
  next_brand: 'Shure',
  next_brand_at: inMinutes(37)
})

describe('Worker panel', () => {
  it('lists every worker on the catalog, each with its own Stop', async () => {
    const user = userEvent.setup()
    const fake = createFakeApi({ workers: [scraping, terminal] })
    renderApp(fake, 'worker')

    const list = await screen.findByRole('table', { name: 'Workers on this catalog (2)' })
    const studio = within(list).getByTestId('worker-row-studio-42-b2')
    expect(studio.textContent).toContain('studio (pid 42)')
    expect(studio.textContent).toContain('continuous')
    expect(studio.textContent).toContain('Running')
    expect(studio.textContent).toContain('10/40 pages, 7 products')
    expect(studio.textContent).toContain('3 s ago')
    const bar = within(studio).getByRole('progressbar', { name: 'Worker 42: KRK Systems progress' })
    expect(bar.getAttribute('value')).toBe('10')
    expect(bar.getAttribute('max')).toBe('40')

    const laptop = within(list).getByTestId('worker-row-laptop-311-a1')
    expect(laptop.textContent).toContain('laptop (pid 311)')
    expect(laptop.textContent).toContain('Waiting')
    expect(laptop.textContent).toContain('2 min ago')
    expect(laptop.textContent).toMatch(/Next: Shure at (14|02):37/)

    // This window's Stop keeps its name; each worker's Stop says which worker it stops.
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy()
    await user.click(within(laptop).getByRole('button', { name: 'Stop worker 311 on laptop' }))
    await waitFor(() =>
      expect(
        within(laptop).getByRole('button', { name: 'Stopping… worker 311 on laptop' })
      ).toHaveProperty('disabled', true)
    )
    expect(fake.calls.filter((c) => c.method === 'workers.stop').map((c) => c.request)).toEqual([
      { id: 'laptop-311-a1' }
    ])
    expect(within(studio).getByRole('button', { name: 'Stop worker 42 on studio' })).toHaveProperty(
      'disabled',
      false
    )
  })

  it('follows the pushed registry: a worker started in a terminal appears, an ended one goes', async () => {
    const fake = createFakeApi({ workers: [scraping] })
    renderApp(fake, 'worker')
    await screen.findByRole('table', { name: 'Workers on this catalog (1)' })
    fake.emit('workers', [scraping, terminal])
    expect(await screen.findByTestId('worker-row-laptop-311-a1')).toBeTruthy()
    fake.emit('workers', [])
    expect(await screen.findByText(/No worker is running on this catalog/)).toBeTruthy()
  })

  it('shows "nothing to scrape" as a neutral notice saying what to do, not a crash', async () => {
    const idle: WorkerStatus = {
      ...idleWorkerStatus,
      version: 3,
      state: 'stopped',
      notice: 'There is no enabled brand to scrape.',
      last_exit: {
        code: 0,
        signal: null,
        crashed: false,
        reason: 'nothing to do',
        at: now.toISOString()
      }
    }
    const fake = createFakeApi({
      status: idle,
      brands: [brandSummary(1, 'KRK Systems', { enabled: false })]
    })
    renderApp(fake, 'worker')
    const notice = await screen.findByText('Nothing to scrape.')
    const banner = notice.closest('[role="status"]')!
    expect(banner.className).toContain('banner-notice')
    expect(banner.textContent).toContain('There is no enabled brand to scrape.')
    expect(banner.textContent).toContain(
      'In the Brands tab, add a brand or tick its Enabled box, then press Start.'
    )
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getAllByTestId('worker-state').map((b) => b.textContent)).not.toContain('Crashed')
  })

  it('says which brand a waiting continuous worker takes next, and when', async () => {
    const waiting: WorkerStatus = {
      ...idleWorkerStatus,
      version: 2,
      is_running: true,
      state: 'running',
      pid: 42,
      mode: 'continuous',
      started_at: ago(600),
      next_brand: 'Shure',
      next_brand_at: inMinutes(37)
    }
    renderApp(createFakeApi({ status: waiting }), 'worker')
    expect((await screen.findByTestId('worker-next')).textContent).toMatch(
      /^Next: Shure at (14|02):37/
    )
    expect(screen.queryByText('Waiting for the worker to report progress…')).toBeNull()
  })
})
