import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatShortDateTime, formatSpan } from '../format'
import { useIngestionStore } from '../stores/stores-context'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { RunStatusBadge } from './run-status-badge'
import { TableHead, type TableColumn } from './table-head'

const columns: TableColumn[] = [
  { label: 'Brand' },
  { label: 'Last run' },
  { label: 'Started' },
  { label: 'Duration' },
  { label: 'Pages', numeric: true },
  { label: 'New', numeric: true },
  { label: 'Updated', numeric: true },
  { label: 'Total', numeric: true },
  { label: 'Gone', numeric: true },
  { label: 'Errors' }
]

/** Per brand: the last run, what it found, and what went wrong. */
export function IngestionPanel(): ReactNode {
  const rows = useIngestionStore((s) => s.rows)
  const { loaded, loading, error } = useIngestionStore(
    useShallow((s) => ({ loaded: s.loaded, loading: s.loading, error: s.error }))
  )
  const refreshRequested = useIngestionStore((s) => s.refreshRequested)

  return (
    <section className="panel" aria-labelledby="ingestion-heading">
      <header className="panel-header">
        <h2 id="ingestion-heading">Ingestion</h2>
        <button type="button" onClick={() => void refreshRequested()} disabled={loading}>
          Refresh
        </button>
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={() => void refreshRequested()}>
          {error}
        </MessageBanner>
      )}
      {!loaded ? (
        <p className="muted">Loading ingestion status…</p>
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing ingested yet">
          Each brand's last run shows here once it has been scraped. Add brands in the Brands tab,
          then press Start in the Worker tab.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <TableHead columns={columns} />
            <tbody>
              {rows.map((row) => {
                const run = row.lastRun
                return (
                  <tr key={row.brandId} className={row.enabled ? undefined : 'row-disabled'}>
                    <th scope="row">
                      {row.brand}
                      {!row.enabled && <span className="muted"> (disabled)</span>}
                    </th>
                    <td>
                      <RunStatusBadge status={run?.status} />
                    </td>
                    <td>{formatShortDateTime(run?.startedAt)}</td>
                    <td>{run ? formatSpan(run.startedAt, run.endedAt) : '—'}</td>
                    <td className="numeric">{run?.pagesVisited.toLocaleString() ?? '—'}</td>
                    <td className="numeric">{run?.productsNew.toLocaleString() ?? '—'}</td>
                    <td className="numeric">{run?.productsUpdated.toLocaleString() ?? '—'}</td>
                    <td className="numeric">{row.totalProducts.toLocaleString()}</td>
                    <td className="numeric">{row.missingProducts.toLocaleString()}</td>
                    <td className={run && run.errorCount > 0 ? 'text-error' : undefined}>
                      {run ? (run.errorCount > 0 ? `${run.errorCount}` : 'None') : '—'}
                      {run?.message && <div className="muted small">{run.message}</div>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
