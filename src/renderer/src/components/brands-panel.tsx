import { useRef, useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { BrandSummary } from '../../../shared/brand'
import { formatHost, formatShortDateTime, formatSpan } from '../format'
import { useBrandsStore, useWorkerStore } from '../stores/stores-context'
import { BrandForm } from './brand-form'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { ModalDialog } from './modal-dialog'
import { RunStatusBadge } from './run-status-badge'

type Editing =
  { kind: 'add' } | { kind: 'edit'; brand: BrandSummary } | { kind: 'remove'; brand: BrandSummary }

/** The brands table: add, edit, enable, remove, import, and scrape one brand now. */
export function BrandsPanel(): ReactNode {
  const brands = useBrandsStore((s) => s.brands)
  const { loaded, loading, error, notice } = useBrandsStore(
    useShallow((s) => ({ loaded: s.loaded, loading: s.loading, error: s.error, notice: s.notice }))
  )
  const actions = useBrandsStore(
    useShallow((s) => ({
      addRequested: s.addRequested,
      editSaved: s.editSaved,
      removeConfirmed: s.removeConfirmed,
      fileImported: s.fileImported,
      refreshRequested: s.refreshRequested,
      messagesDismissed: s.messagesDismissed
    }))
  )
  const [editing, setEditing] = useState<Editing | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const close = (): void => setEditing(null)

  return (
    <section className="panel" aria-labelledby="brands-heading">
      <header className="panel-header">
        <h2 id="brands-heading">Brands</h2>
        <div className="button-row">
          <button
            type="button"
            className="button-primary"
            onClick={() => setEditing({ kind: 'add' })}
          >
            Add brand
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import JSON or CSV…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Brands file to import"
            onChange={(event) => {
              const file = event.target.files?.[0]
              event.target.value = ''
              if (file) void file.text().then((content) => actions.fileImported(file.name, content))
            }}
          />
          <button type="button" onClick={() => void actions.refreshRequested()} disabled={loading}>
            Refresh
          </button>
        </div>
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={actions.messagesDismissed}>
          {error}
        </MessageBanner>
      )}
      {notice && (
        <MessageBanner kind="notice" onDismiss={actions.messagesDismissed}>
          {notice}
        </MessageBanner>
      )}
      <WorkerErrorBanner />

      {!loaded ? (
        <p className="muted">Loading brands…</p>
      ) : brands.length === 0 ? (
        <EmptyState title="No brands yet">
          Add a manufacturer with <strong>Add brand</strong> (its name and the address of its
          website), or import a list with <strong>Import JSON or CSV…</strong>: a JSON array of{' '}
          <code>{'{ "name", "website" }'}</code> objects, or a CSV with a header row{' '}
          <code>name,website</code>.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Website</th>
                <th scope="col" className="numeric">
                  Products
                </th>
                <th scope="col">Last scraped</th>
                <th scope="col">Last run</th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {brands.map((brand) => (
                <BrandRow
                  key={brand.id}
                  brand={brand}
                  onEdit={() => setEditing({ kind: 'edit', brand })}
                  onRemove={() => setEditing({ kind: 'remove', brand })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ModalDialog
        title={
          editing?.kind === 'edit'
            ? `Edit ${editing.brand.name}`
            : editing?.kind === 'remove'
              ? `Remove ${editing.brand.name}?`
              : 'Add a brand'
        }
        open={editing !== null}
        onClose={close}
      >
        {editing?.kind === 'add' && (
          <BrandForm
            onCancel={close}
            onSubmit={async (values) => {
              const message = await actions.addRequested(values)
              if (!message) close()
              return message
            }}
          />
        )}
        {editing?.kind === 'edit' && (
          <BrandForm
            brand={editing.brand}
            onCancel={close}
            onSubmit={async (values) => {
              const message = await actions.editSaved(editing.brand.id, values)
              if (!message) close()
              return message
            }}
          />
        )}
        {editing?.kind === 'remove' && (
          <div className="form">
            <p>
              {editing.brand.name} and its {editing.brand.productCount} products will be removed
              from the catalog. Its website is not affected; you can add it again later.
            </p>
            <div className="button-row dialog-buttons">
              <button type="button" onClick={close} autoFocus>
                Cancel
              </button>
              <button
                type="button"
                className="button-danger"
                onClick={() => {
                  void actions.removeConfirmed(editing.brand.id)
                  close()
                }}
              >
                Remove
              </button>
            </div>
          </div>
        )}
      </ModalDialog>
    </section>
  )
}

function WorkerErrorBanner(): ReactNode {
  const error = useWorkerStore((s) => s.error)
  const errorDismissed = useWorkerStore((s) => s.errorDismissed)
  if (!error) return null
  return (
    <MessageBanner kind="error" onDismiss={errorDismissed}>
      {error}
    </MessageBanner>
  )
}

interface BrandRowProps {
  brand: BrandSummary
  onEdit: () => void
  onRemove: () => void
}

function BrandRow({ brand, onEdit, onRemove }: BrandRowProps): ReactNode {
  const enabledToggled = useBrandsStore((s) => s.enabledToggled)
  const lastRun = brand.lastRun
  return (
    <tr data-testid={`brand-row-${brand.name}`} data-last-run={lastRun?.id ?? ''}>
      <th scope="row">{brand.name}</th>
      <td>
        <a href={brand.website} target="_blank" rel="noreferrer noopener">
          {formatHost(brand.website)}
        </a>
      </td>
      <td className="numeric">{brand.productCount.toLocaleString()}</td>
      <td>{formatShortDateTime(brand.lastScrapedAt)}</td>
      <td>
        <RunStatusBadge status={lastRun?.status ?? brand.lastStatus} />
        {lastRun && lastRun.status !== 'running' && (
          <span className="muted"> in {formatSpan(lastRun.startedAt, lastRun.endedAt)}</span>
        )}
      </td>
      <td>
        <input
          type="checkbox"
          checked={brand.enabled}
          aria-label={`${brand.name} enabled`}
          onChange={() => void enabledToggled(brand)}
        />
      </td>
      <td className="row-actions">
        <ScrapeButton brand={brand.name} />
        <button type="button" className="button-quiet" onClick={onEdit}>
          Edit<span className="visually-hidden"> {brand.name}</span>
        </button>
        <button type="button" className="button-quiet" onClick={onRemove}>
          Remove<span className="visually-hidden"> {brand.name}</span>
        </button>
      </td>
    </tr>
  )
}

/** Scrape one brand now; shows that brand's progress while it runs. */
function ScrapeButton({ brand }: { brand: string }): ReactNode {
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
  const mine = busy && currentBrand === brand
  if (mine) {
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
      disabled={busy || pending !== null}
      title={busy ? 'The worker is busy; stop it or wait for it to finish.' : undefined}
      onClick={() => void brandScrapeRequested(brand)}
    >
      Scrape<span className="visually-hidden"> {brand}</span>
    </button>
  )
}
