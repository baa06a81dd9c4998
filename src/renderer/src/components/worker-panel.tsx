import type { StartMode } from '../../../shared/worker-mode'
import { useId, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatDateTime, formatSpan } from '../format'
import { useWorkerStore } from '../stores/stores-context'
import { useNow } from '../use-now'
import { MessageBanner } from './message-banner'
import { WorkerStateBadge } from './worker-state-badge'

/** Start and stop the worker, and watch what it does. */
export function WorkerPanel(): ReactNode {
  const status = useWorkerStore((s) => s.status)
  const { mode, delay, pending, error } = useWorkerStore(
    useShallow((s) => ({
      mode: s.mode,
      delay: s.delay,
      pending: s.pending,
      error: s.error
    }))
  )
  const actions = useWorkerStore(
    useShallow((s) => ({
      startRequested: s.startRequested,
      stopRequested: s.stopRequested,
      modeChanged: s.modeChanged,
      delayChanged: s.delayChanged,
      errorDismissed: s.errorDismissed
    }))
  )
  const modeId = useId()
  const delayId = useId()
  const busy = status.is_running || status.state === 'starting' || status.state === 'stopping'
  const now = useNow(busy)
  const progress = status.progress

  return (
    <section className="panel" aria-labelledby="worker-heading">
      <header className="panel-header">
        <h2 id="worker-heading">Worker</h2>
        <WorkerStateBadge state={status.state} />
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={actions.errorDismissed}>
          {error}
        </MessageBanner>
      )}
      {status.gave_up && (
        <MessageBanner kind="error">
          The worker kept crashing and was not restarted: {status.gave_up} Check the log for its
          last lines, then press Start to try again.
        </MessageBanner>
      )}
      {status.state === 'crashed' && status.last_exit && !status.gave_up && (
        <MessageBanner kind="error">
          The worker crashed ({status.last_exit.reason}
          {status.last_exit.code !== null ? `, exit code ${status.last_exit.code}` : ''}). The log
          shows its last lines.
        </MessageBanner>
      )}

      <form
        className="worker-controls"
        onSubmit={(event) => {
          event.preventDefault()
          void actions.startRequested()
        }}
      >
        <div className="field">
          <label htmlFor={modeId}>Mode</label>
          <select
            id={modeId}
            value={mode}
            disabled={busy}
            onChange={(e) => actions.modeChanged(e.target.value as StartMode)}
          >
            <option value="continuous">Continuous (brand after brand, until stopped)</option>
            <option value="once">Once (the next brand due, then stop)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={delayId}>Delay between brands (seconds)</label>
          <input
            id={delayId}
            type="number"
            min={0}
            max={86400}
            step={1}
            value={delay}
            disabled={busy || mode === 'once'}
            onChange={(e) => actions.delayChanged(e.target.valueAsNumber)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={busy || pending !== null}>
            {pending === 'start' ? 'Starting…' : 'Start'}
          </button>
          <button
            type="button"
            disabled={!busy || status.state === 'stopping' || pending !== null}
            onClick={() => void actions.stopRequested()}
          >
            {status.state === 'stopping' || pending === 'stop' ? 'Stopping…' : 'Stop'}
          </button>
        </div>
      </form>

      <dl className="facts">
        <div>
          <dt>Process</dt>
          <dd data-testid="worker-pid">{status.pid ?? '—'}</dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>{status.mode ?? '—'}</dd>
        </div>
        <div>
          <dt>Current brand</dt>
          <dd data-testid="worker-current-brand">{status.current_brand ?? '—'}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{busy ? formatSpan(status.started_at, null, now) : '—'}</dd>
        </div>
        <div>
          <dt>Next brand</dt>
          <dd>{status.next_brand_at ? formatDateTime(status.next_brand_at) : '—'}</dd>
        </div>
        <div>
          <dt>Crashes (10 min)</dt>
          <dd>{status.recent_crashes}</dd>
        </div>
      </dl>

      <div className="progress-block" aria-live="polite">
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
        ) : (
          <p className="muted">
            {busy
              ? 'Waiting for the worker to report progress…'
              : 'The worker is idle. Choose a mode and press Start to scrape the enabled brands.'}
          </p>
        )}
      </div>
      {status.last_exit && !busy && (
        <p className="muted">
          Last exit: {status.last_exit.reason} at {formatDateTime(status.last_exit.at)}
        </p>
      )}
    </section>
  )
}
