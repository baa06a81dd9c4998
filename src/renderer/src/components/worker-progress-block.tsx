import type { ReactNode } from 'react'
import { formatNext } from '../format'
import { useWorkerStore } from '../stores/stores-context'
import { workerBusy } from '../stores/worker-selectors'

/** The brand being scraped (pages, products saved, the page being read), or the next one due. */
export function WorkerProgressBlock(): ReactNode {
  const progress = useWorkerStore((s) => s.status.progress)
  const busy = useWorkerStore(workerBusy)
  const nextBrand = useWorkerStore((s) => s.status.next_brand)
  const nextBrandAt = useWorkerStore((s) => s.status.next_brand_at)
  // A continuous worker between brands waits for the next one to fall due.
  const waitingUntil = busy ? nextBrandAt : null
  return (
    <div className="progress-block" aria-live="polite">
      {waitingUntil && <p data-testid="worker-next">{formatNext(nextBrand, waitingUntil)}</p>}
      {progress ? (
        <>
          <div className="progress-label">
            <span>
              {progress.brand}: {progress.pagesVisited} of {progress.pagesDiscovered} pages
            </span>
            <span data-testid="worker-products-saved">
              {progress.productsFound} products saved ({progress.productsNew} new,{' '}
              {progress.productsUpdated} updated
              {progress.errorCount ? `, ${progress.errorCount} errors` : ''})
            </span>
          </div>
          <progress
            max={Math.max(progress.pagesDiscovered, 1)}
            value={progress.pagesVisited}
            aria-label={`${progress.brand} progress`}
          />
          {progress.currentUrl && <p className="muted ellipsis">{progress.currentUrl}</p>}
        </>
      ) : waitingUntil ? null : (
        <p className="muted">
          {busy
            ? 'Waiting for the worker to report progress…'
            : 'The worker is idle. Choose a mode and press Start to scrape the enabled brands.'}
        </p>
      )}
    </div>
  )
}
