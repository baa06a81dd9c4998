import { useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { isLogFilterSet } from '../stores/log-filter'
import { useLogsStore } from '../stores/stores-context'
import { EmptyState } from './empty-state'
import { LogLines } from './log-lines'
import { LogsToolbar } from './logs-toolbar'
import { MessageBanner } from './message-banner'

/** Live tail of the worker's and the coordinator's log, filtered and searchable. */
export function LogsPanel(): ReactNode {
  const { filtered, following, loaded, loading, error, logFilePath, count } = useLogsStore(
    useShallow((s) => ({
      filtered: isLogFilterSet(s.filter),
      following: s.following,
      loaded: s.loaded,
      loading: s.loading,
      error: s.error,
      logFilePath: s.logFilePath,
      count: s.entries.length
    }))
  )
  const opened = useLogsStore((s) => s.opened)
  const [copied, setCopied] = useState<string | null>(null)

  return (
    <section className="panel panel-fill" aria-labelledby="logs-heading">
      <header className="panel-header">
        <h2 id="logs-heading">Log</h2>
        <LogsToolbar onCopied={setCopied} />
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={() => void opened()}>
          {error}
        </MessageBanner>
      )}
      {copied && (
        <MessageBanner kind="notice" onDismiss={() => setCopied(null)}>
          {copied}
        </MessageBanner>
      )}
      {logFilePath && (
        <MessageBanner kind="notice">
          Log file:{' '}
          <code className="selectable" data-testid="log-file-path">
            {logFilePath}
          </code>
        </MessageBanner>
      )}
      {!loaded ? (
        <p className="muted">Loading the log…</p>
      ) : count === 0 ? (
        filtered ? (
          <EmptyState title="No line matches">
            No log line matches these filters. Choose All, or clear the search.
          </EmptyState>
        ) : (
          <EmptyState title="The log is empty">
            The worker and the coordinator write here as they work. Press Start in the Worker tab
            and lines appear as they are written.
          </EmptyState>
        )
      ) : (
        <LogLines />
      )}
      <p className="muted status-line" aria-live="off">
        {count.toLocaleString()} lines{loading ? ' · loading…' : ''}
        {following ? '' : ' · paused: press Following to jump to the newest line'}
      </p>
    </section>
  )
}
