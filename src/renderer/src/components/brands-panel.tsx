import { useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useBrandsStore } from '../stores/stores-context'
import { BrandDialog, type BrandTask } from './brand-dialog'
import { BrandImportButton } from './brand-import-button'
import { BrandsTable } from './brands-table'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { WorkerErrorBanner } from './worker-error-banner'

/** The brands table: add, edit, enable, remove, import, and scrape one brand now. */
export function BrandsPanel(): ReactNode {
  const brandCount = useBrandsStore((s) => s.brands.length)
  const { loaded, loading, error, notice } = useBrandsStore(
    useShallow((s) => ({ loaded: s.loaded, loading: s.loading, error: s.error, notice: s.notice }))
  )
  const refreshRequested = useBrandsStore((s) => s.refreshRequested)
  const messagesDismissed = useBrandsStore((s) => s.messagesDismissed)
  const [task, setTask] = useState<BrandTask | null>(null)

  return (
    <section className="panel" aria-labelledby="brands-heading">
      <header className="panel-header">
        <h2 id="brands-heading">Brands</h2>
        <div className="button-row">
          <button type="button" className="button-primary" onClick={() => setTask({ kind: 'add' })}>
            Add brand
          </button>
          <BrandImportButton />
          <button type="button" onClick={() => void refreshRequested()} disabled={loading}>
            Refresh
          </button>
        </div>
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={messagesDismissed}>
          {error}
        </MessageBanner>
      )}
      {notice && (
        <MessageBanner kind="notice" onDismiss={messagesDismissed}>
          {notice}
        </MessageBanner>
      )}
      <WorkerErrorBanner />

      {!loaded ? (
        <p className="muted">Loading brands…</p>
      ) : brandCount === 0 ? (
        <EmptyState title="No brands yet">
          Add a manufacturer with <strong>Add brand</strong> (its name and the address of its
          website), or import a list with <strong>Import JSON or CSV…</strong>: a JSON array of{' '}
          <code>{'{ "name", "website" }'}</code> objects, or a CSV with a header row{' '}
          <code>name,website</code>.
        </EmptyState>
      ) : (
        <BrandsTable
          onEdit={(brand) => setTask({ kind: 'edit', brand })}
          onRemove={(brand) => setTask({ kind: 'remove', brand })}
        />
      )}

      <BrandDialog task={task} onClose={() => setTask(null)} />
    </section>
  )
}
