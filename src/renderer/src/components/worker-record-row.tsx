import type { ReactNode } from 'react'
import type { WorkerRecord, WorkerRecordState } from '../../../shared/worker-record'
import { formatAgo, formatNext } from '../format'
import { useWorkersStore } from '../stores/stores-context'
import { workerStopping } from '../stores/workers-selectors'

const stateLabels: Record<WorkerRecordState, string> = {
  starting: 'Starting',
  running: 'Running',
  waiting: 'Waiting',
  idle: 'Idle',
  stopping: 'Stopping'
}

/** Props of {@link WorkerRecordRow}. */
export interface WorkerRecordRowProps {
  worker: WorkerRecord
  /** The clock the heartbeat's age is measured against. */
  now: number
}

/** One worker of the catalog's registry: where it runs, what it does, and its own Stop. */
export function WorkerRecordRow({ worker, now }: WorkerRecordRowProps): ReactNode {
  const stopping = useWorkersStore((s) => workerStopping(s, worker))
  const workerStopRequested = useWorkersStore((s) => s.workerStopRequested)
  const who = `worker ${worker.pid} on ${worker.host}`
  return (
    <tr data-testid={`worker-row-${worker.id}`}>
      <th scope="row" title={worker.id}>
        {worker.host} <span className="muted">(pid {worker.pid})</span>
      </th>
      <td>{worker.mode}</td>
      <td>
        <span className={`badge badge-${worker.state}`}>{stateLabels[worker.state]}</span>
      </td>
      <td>
        <WorkerActivity worker={worker} now={now} />
      </td>
      <td title={worker.heartbeat_at}>{formatAgo(worker.heartbeat_at, now)}</td>
      <td className="row-actions">
        <button
          type="button"
          disabled={stopping}
          onClick={() => void workerStopRequested(worker.id)}
        >
          {stopping ? 'Stopping…' : 'Stop'}
          <span className="visually-hidden"> {who}</span>
        </button>
      </td>
    </tr>
  )
}

/** The brand a worker scrapes with its progress, or the brand it waits for. */
function WorkerActivity({ worker, now }: WorkerRecordRowProps): ReactNode {
  const { progress } = worker
  if (worker.current_brand) {
    return (
      <span className="row-progress">
        <strong>{worker.current_brand}</strong>
        <progress
          max={Math.max(progress?.pagesDiscovered ?? 1, 1)}
          value={progress?.pagesVisited ?? 0}
          aria-label={`Worker ${worker.pid}: ${worker.current_brand} progress`}
        />
        <span className="muted">
          {progress
            ? `${progress.pagesVisited}/${progress.pagesDiscovered} pages, ${progress.productsFound} products`
            : 'Starting…'}
        </span>
      </span>
    )
  }
  if (worker.next_brand_at) return formatNext(worker.next_brand, worker.next_brand_at, now)
  return <span className="muted">—</span>
}
