import type { ReactNode } from 'react'
import { formatAt, formatSpan } from '../format'
import { useWorkerStore } from '../stores/stores-context'
import { workerBusy } from '../stores/worker-selectors'
import { useNow } from '../use-now'
import { Fact } from './fact'

/**
 * The worker's process, mode, brand, elapsed time, next brand, the catalog's live workers and
 * recent crashes.
 */
export function WorkerFacts(): ReactNode {
  const status = useWorkerStore((s) => s.status)
  const busy = useWorkerStore(workerBusy)
  // Ticks while the worker runs, so the elapsed time counts up.
  const now = useNow(busy)
  return (
    <dl className="facts">
      <Fact term="Process" testId="worker-pid">
        {status.pid ?? '—'}
      </Fact>
      <Fact term="Mode">{status.mode ?? '—'}</Fact>
      <Fact term="Current brand" testId="worker-current-brand">
        {status.current_brand ?? '—'}
      </Fact>
      <Fact term="Elapsed">{busy ? formatSpan(status.started_at, null, now) : '—'}</Fact>
      <Fact term="Next brand">
        {status.next_brand_at
          ? `${status.next_brand ? `${status.next_brand} at ` : ''}${formatAt(status.next_brand_at, now)}`
          : '—'}
      </Fact>
      <Fact term="Workers on the catalog" testId="worker-count">
        {status.workers}
      </Fact>
      <Fact term="Crashes (10 min)">{status.recent_crashes}</Fact>
    </dl>
  )
}
