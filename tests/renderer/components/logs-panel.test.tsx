// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LogsPanel } from '../../../src/renderer/src/components/logs-panel'
import { createAppStores } from '../../../src/renderer/src/stores/app-stores'
import { logPageLines } from '../../../src/renderer/src/stores/logs-state'
import { StoresProvider } from '../../../src/renderer/src/stores/stores-context'
import type { Api } from '../../../src/shared/api-contract'
import type { LogEntry } from '../../../src/shared/log-entry'
import { createFakeApi, type FakeCall } from '../support/fake-api'

beforeAll(() => {
  // jsdom has no ResizeObserver; the virtualizer only needs it to exist.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
})
afterEach(cleanup)

const line = (id: number): LogEntry => ({
  id,
  time: '2026-01-01T00:00:00.000Z',
  level: 'info',
  source: 'worker',
  brand: null,
  runId: null,
  message: `line ${id}`
})

/** The panel over a log of `total` lines (ids 1…total), answering as the server does. */
function renderPanel(total: number): FakeCall[] {
  const fake = createFakeApi()
  const list = async (request: unknown): Promise<LogEntry[]> => {
    fake.calls.push({ method: 'logs.list', request })
    const { before, limit } = request as { before?: number; limit: number }
    const last = Math.min(total, (before ?? total + 1) - 1)
    const first = Math.max(1, last - limit + 1)
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => line(first + i))
  }
  const api: Api = { ...fake.api, logs: { ...fake.api.logs, list } }
  const stores = createAppStores(api)
  void stores.logs.getState().opened()
  render(
    <StoresProvider stores={stores}>
      <LogsPanel />
    </StoresProvider>
  )
  return fake.calls
}

const statusLine = (): string => document.querySelector('.status-line')?.textContent ?? ''

describe('LogsPanel', () => {
  it('loads the older lines when the user scrolls to the top, until the beginning', async () => {
    const calls = renderPanel(logPageLines + 30)
    const marker = await screen.findByText('Older lines load as you scroll up')
    expect(statusLine()).toMatch(new RegExp(`^${logPageLines.toLocaleString()} lines`))

    fireEvent.scroll(screen.getByRole('log', { name: 'Log lines' }), { target: { scrollTop: 0 } })
    await waitFor(() => expect(marker.textContent).toBe('Beginning of the log'))
    expect(statusLine()).toMatch(new RegExp(`^${(logPageLines + 30).toLocaleString()} lines`))
    expect(calls.map((c) => c.request)).toEqual([
      { limit: logPageLines },
      { before: 31, limit: logPageLines }
    ])
  })

  it('says at once when the whole log fits in the first page', async () => {
    renderPanel(12)
    expect(await screen.findByText('Beginning of the log')).toBeTruthy()
  })
})
