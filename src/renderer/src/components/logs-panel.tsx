import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { logLevels, type LogEntry, type LogLevel } from '../../../shared/log-entry'
import { copyText } from '../copy-text'
import { formatLogTime } from '../format'
import { useBrandsStore, useLogsStore } from '../stores/stores-context'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { BrandFilterSelect } from './brand-filter-select'

const lineHeight = 22

/** Live tail of the worker's and the coordinator's log, filtered and searchable. */
export function LogsPanel(): ReactNode {
  const { filter, following, loaded, loading, error, logFilePath, count } = useLogsStore(
    useShallow((s) => ({
      filter: s.filter,
      following: s.following,
      loaded: s.loaded,
      loading: s.loading,
      error: s.error,
      logFilePath: s.logFilePath,
      count: s.entries.length
    }))
  )
  const actions = useLogsStore(
    useShallow((s) => ({
      levelFilterChanged: s.levelFilterChanged,
      brandFilterChanged: s.brandFilterChanged,
      searchChanged: s.searchChanged,
      followToggled: s.followToggled,
      logFileRequested: s.logFileRequested,
      opened: s.opened
    }))
  )
  const brandNames = useBrandsStore(useShallow((s) => s.brands.map((b) => b.name)))
  const ids = { level: useId(), brand: useId(), search: useId() }
  const [copied, setCopied] = useState<string | null>(null)
  const entries = useLogsStore((s) => s.entries)

  const copyAll = async (): Promise<void> => {
    const ok = await copyText(entries.map(formatLine).join('\n'))
    setCopied(
      ok
        ? `Copied ${entries.length.toLocaleString()} lines.`
        : 'This window may not use the clipboard.'
    )
  }

  return (
    <section className="panel panel-fill" aria-labelledby="logs-heading">
      <header className="panel-header">
        <h2 id="logs-heading">Log</h2>
        <div className="toolbar">
          <div className="field field-inline">
            <label htmlFor={ids.level}>Level</label>
            <select
              id={ids.level}
              value={filter.level}
              onChange={(e) => void actions.levelFilterChanged(e.target.value as LogLevel | '')}
            >
              <option value="">All</option>
              {logLevels.map((level) => (
                <option key={level} value={level}>
                  {level} and above
                </option>
              ))}
            </select>
          </div>
          <div className="field field-inline">
            <label htmlFor={ids.brand}>Brand</label>
            <BrandFilterSelect
              id={ids.brand}
              value={filter.brand}
              brandNames={brandNames}
              onChange={(brand) => void actions.brandFilterChanged(brand)}
            />
          </div>
          <div className="field field-inline">
            <label htmlFor={ids.search}>Search</label>
            <input
              id={ids.search}
              type="search"
              value={filter.q}
              placeholder="Text in the message"
              onChange={(e) => actions.searchChanged(e.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="button" aria-pressed={following} onClick={actions.followToggled}>
              {following ? 'Following' : 'Paused'}
            </button>
            <button type="button" onClick={() => void copyAll()} disabled={count === 0}>
              Copy
            </button>
            <button type="button" onClick={() => void actions.logFileRequested()}>
              Log file
            </button>
          </div>
        </div>
      </header>
      {error && (
        <MessageBanner kind="error" onDismiss={() => void actions.opened()}>
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
        filter.level || filter.brand || filter.q ? (
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

function formatLine(entry: LogEntry): string {
  return `${entry.time} ${entry.level.toUpperCase()} [${entry.source}${
    entry.brand ? ` ${entry.brand}` : ''
  }] ${entry.message}`
}

function LogLines(): ReactNode {
  const entries = useLogsStore((s) => s.entries)
  const following = useLogsStore((s) => s.following)
  const scrolledAwayFromEnd = useLogsStore((s) => s.scrolledAwayFromEnd)
  const scrollRef = useRef<HTMLDivElement>(null)
  const programmatic = useRef(false)
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => lineHeight,
    overscan: 20
  })

  useEffect(() => {
    if (!following || entries.length === 0) return
    programmatic.current = true
    virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })
    const timer = setTimeout(() => (programmatic.current = false), 100)
    return () => clearTimeout(timer)
  }, [following, entries.length, virtualizer])

  return (
    <div
      ref={scrollRef}
      className="virtual-scroll log-lines"
      role="log"
      aria-label="Log lines"
      tabIndex={0}
      onScroll={(event) => {
        if (programmatic.current) return
        const el = event.currentTarget
        if (el.scrollHeight - el.scrollTop - el.clientHeight > lineHeight * 2) scrolledAwayFromEnd()
      }}
    >
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index]!
          return (
            <div
              key={entry.id}
              className={`log-line log-${entry.level}`}
              style={{ transform: `translateY(${row.start}px)`, height: lineHeight }}
              title={entry.message}
            >
              <span className="log-time">{formatLogTime(entry.time)}</span>
              <span className="log-level">{entry.level}</span>
              <span className="log-source">{entry.source}</span>
              <span className="log-brand">{entry.brand ?? ''}</span>
              <span className="log-message">{entry.message}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
