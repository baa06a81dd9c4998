import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useWorkersStore } from '../stores/stores-context'
import { useNow } from '../use-now'
import { MessageBanner } from './message-banner'
import { TableHead, type TableColumn } from './table-head'
import { WorkerRecordRow } from './worker-record-row'

const columns: TableColumn[] = [
  { label: 'Worker' },
  { label: 'Mode' },
  { label: 'State' },
  { label: 'Brand' },
  { label: 'Last heartbeat' },
  { label: 'Actions', hidden: true }
]

/**
 * Every worker on the catalog, whoever started it (this window, `serve`, a terminal, another
 * machine sharing the file), each with its own Stop.
 */
export function WorkersList(): ReactNode {
  const workers = useWorkersStore((s) => s.workers)
  const { loaded, error } = useWorkersStore(
    useShallow((s) => ({ loaded: s.loaded, error: s.error }))
  )
  const errorDismissed = useWorkersStore((s) => s.errorDismissed)
  // Ticks while there are heartbeats to age.
  const now = useNow(workers.length > 0)
  return (
    <section className="workers-list" aria-labelledby="workers-heading">
      <h3 id="workers-heading">Workers on this catalog ({workers.length})</h3>
      {error && (
        <MessageBanner kind="error" onDismiss={errorDismissed}>
          {error}
        </MessageBanner>
      )}
      {!loaded ? (
        <p className="muted">Loading workers…</p>
      ) : workers.length === 0 ? (
        <p className="muted">
          No worker is running on this catalog. Press Start, or run <code>worker</code> in a
          terminal.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-labelledby="workers-heading">
            <TableHead columns={columns} />
            <tbody>
              {workers.map((worker) => (
                <WorkerRecordRow key={worker.id} worker={worker} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
