import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { WorkerRef } from '../../../shared/brand'
import { useWorkerStore } from '../stores/stores-context'

/** Props of {@link BrandScrapeButton}. */
export interface BrandScrapeButtonProps {
  /** The brand's name. */
  brand: string
  /** The worker holding the brand's claim, if any: a second crawl of the site is refused. */
  holder: WorkerRef | null
}

/** Scrape one brand now; shows that brand's progress while it runs. */
export function BrandScrapeButton({ brand, holder }: BrandScrapeButtonProps): ReactNode {
  const { state, currentBrand, progress, pending } = useWorkerStore(
    useShallow((s) => ({
      state: s.status.state,
      currentBrand: s.status.current_brand,
      progress: s.status.progress?.brand === brand ? s.status.progress : null,
      pending: s.pending
    }))
  )
  const brandScrapeRequested = useWorkerStore((s) => s.brandScrapeRequested)
  const busy = state === 'starting' || state === 'running' || state === 'stopping'
  if (busy && currentBrand === brand) {
    return (
      <span className="row-progress" aria-live="polite">
        <progress
          max={Math.max(progress?.pagesDiscovered ?? 1, 1)}
          value={progress?.pagesVisited ?? 0}
          aria-label={`${brand} progress`}
        />
        <span className="muted">
          {progress ? `${progress.pagesVisited}/${progress.pagesDiscovered} pages` : 'Starting…'}
        </span>
      </span>
    )
  }
  return (
    <button
      type="button"
      disabled={busy || pending !== null || holder !== null}
      title={
        holder
          ? `Worker ${holder.pid} on ${holder.host} is scraping ${brand}; wait for it to finish, or stop it in the Worker tab.`
          : busy
            ? 'The worker is busy; stop it or wait for it to finish.'
            : undefined
      }
      onClick={() => void brandScrapeRequested(brand)}
    >
      Scrape<span className="visually-hidden"> {brand}</span>
    </button>
  )
}
