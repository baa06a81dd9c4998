import type { ReactNode } from 'react'
import { useBrandsStore, useWorkerStore } from '../stores/stores-context'
import { workerBusy } from '../stores/worker-selectors'
import { MessageBanner } from './message-banner'

/**
 * Why the last worker had nothing to do, and what to do about it in this window. An idle state,
 * not a failure: a neutral banner, never the crash banner's red.
 */
export function WorkerNoticeBanner(): ReactNode {
  const notice = useWorkerStore((s) => s.status.notice)
  const busy = useWorkerStore(workerBusy)
  const brandsLoaded = useBrandsStore((s) => s.loaded)
  const enabledCount = useBrandsStore((s) => s.brands.filter((brand) => brand.enabled).length)
  if (!notice || busy) return null
  const hint =
    brandsLoaded && enabledCount === 0
      ? 'In the Brands tab, add a brand or tick its Enabled box, then press Start.'
      : 'Press Start again once another worker has finished, or add and enable more brands in the Brands tab.'
  return (
    <MessageBanner kind="notice">
      <strong>Nothing to scrape.</strong> {notice} {hint}
    </MessageBanner>
  )
}
