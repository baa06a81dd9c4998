import type { ReactNode } from 'react'
import { formatDateTime } from '../format'
import { useWorkerStore } from '../stores/stores-context'
import { workerBusy } from '../stores/worker-selectors'
import { WorkerControls } from './worker-controls'
import { WorkerCrashBanner } from './worker-crash-banner'
import { WorkerErrorBanner } from './worker-error-banner'
import { WorkerFacts } from './worker-facts'
import { WorkerNoticeBanner } from './worker-notice-banner'
import { WorkerProgressBlock } from './worker-progress-block'
import { WorkerStateBadge } from './worker-state-badge'
import { WorkersList } from './workers-list'

/** Start and stop this window's workers, watch what they do, and every worker on the catalog. */
export function WorkerPanel(): ReactNode {
  const state = useWorkerStore((s) => s.status.state)
  const lastExit = useWorkerStore((s) => s.status.last_exit)
  const busy = useWorkerStore(workerBusy)

  return (
    <section className="panel" aria-labelledby="worker-heading">
      <header className="panel-header">
        <h2 id="worker-heading">Worker</h2>
        <WorkerStateBadge state={state} />
      </header>
      <WorkerErrorBanner />
      <WorkerCrashBanner />
      <WorkerNoticeBanner />
      <WorkerControls />
      <WorkerFacts />
      <WorkerProgressBlock />
      {lastExit && !busy && (
        <p className="muted">
          Last exit: {lastExit.reason} at {formatDateTime(lastExit.at)}
        </p>
      )}
      <WorkersList />
    </section>
  )
}
