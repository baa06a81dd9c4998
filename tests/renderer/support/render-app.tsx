import { render } from '@testing-library/react'
import { App } from '../../../src/renderer/src/app'
import {
  connectApiEvents,
  createAppStores,
  type AppStores
} from '../../../src/renderer/src/stores/app-stores'
import { StoresProvider } from '../../../src/renderer/src/stores/stores-context'
import type { createFakeApi } from './fake-api'

/**
 * Renders the whole App on a fake API, its stores connected to the API's events (log lines
 * unbatched) and opened as src/renderer/src/main.tsx opens those the tabs under test read.
 *
 * @param initialTab the tab shown first. Default: the App's own.
 */
export function renderApp(
  fake: ReturnType<typeof createFakeApi>,
  initialTab?: 'worker' | 'brands'
): AppStores {
  const stores = createAppStores(fake.api)
  connectApiEvents(fake.api, stores, { logBatchMs: 0 })
  void stores.worker.getState().opened()
  void stores.workers.getState().opened()
  void stores.brands.getState().opened()
  render(
    <StoresProvider stores={stores}>
      <App initialTab={initialTab} />
    </StoresProvider>
  )
  return stores
}
