import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { logLevels, type LogEntry, type LogLevel } from '../../../shared/log-entry'
import { copyText } from '../copy-text'
import { formatLogTime } from '../format'
import { maxLogLines, olderLines, type OlderLines } from '../stores/logs-store'
import { useBrandsStore, useLogsStore } from '../stores/stores-context'
import { EmptyState } from './empty-state'
import { MessageBanner } from './message-banner'
import { BrandFilterSelect } from './brand-filter-select'

const lineHeight = 22

/** How close to the oldest line held (in lines) scrolling back fetches the page before it. */
const olderLinesMargin = 50

const olderLinesText: Record<OlderLines, string> = {
  loading: 'Loading older lines…',
  start: 'Beginning of the log',
  cap: `The newest ${maxLogLines.toLocaleString()} lines are held here; filter to reach older ones, or open the log file.`,
  more: 'Older lines load as you scroll up'
}

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
  const older = useLogsStore(olderLines)
  const scrolledAwayFromEnd = useLogsStore((s) => s.scrolledAwayFromEnd)
  const olderLinesWanted = useLogsStore((s) => s.olderLinesWanted)
  const scrollRef = useRef<HTMLDivElement>(null)
  const programmatic = useRef(false)
  // Stable between renders: a new function makes the virtualizer recompute the offset of every
  // line held (up to 100 000) on each scroll event.
  const getItemKey = useCallback((index: number) => entries[index]!.id, [entries])
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => lineHeight,
    getItemKey,
    // While the user reads, lines added above (older pages) or dropped there (the cap) leave the
    // line at the top of the view where it is. Following, the view jumps to the end instead.
    anchorTo: following ? 'start' : 'end',
    // The first row tells what lies before the oldest line held.
    paddingStart: lineHeight,
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
        const el = event.currentTarget
        if (el.scrollTop < lineHeight * olderLinesMargin && older === 'more') {
          void olderLinesWanted()
        }
        if (programmatic.current) return
        if (el.scrollHeight - el.scrollTop - el.clientHeight > lineHeight * 2) scrolledAwayFromEnd()
      }}
    >
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        <div
          className="muted"
          data-testid="log-older-lines"
          data-state={older}
          style={{ height: lineHeight, padding: '0 10px' }}
        >
          {olderLinesText[older]}
        </div>
        {virtualizer.getVirtualItems().map((row) => (
          <LogLine key={row.key} entry={entries[row.index]!} start={row.start} />
        ))}
      </div>
    </div>
  )
}

/**
 * One line, at its offset in the list. Memoized: scrolling moves the window over lines whose entry
 * and offset stay the same, so only the lines coming into view render.
 */
const LogLine = memo(function LogLine({
  entry,
  start
}: {
  entry: LogEntry
  start: number
}): ReactNode {
  return (
    <div
      className={`log-line log-${entry.level}`}
      style={{ transform: `translateY(${start}px)`, height: lineHeight }}
      title={entry.message}
    >
      <span className="log-time">{formatLogTime(entry.time)}</span>
      <span className="log-level">{entry.level}</span>
      <span className="log-source">{entry.source}</span>
      <span className="log-brand">{entry.brand ?? ''}</span>
      <span className="log-message">{entry.message}</span>
    </div>
  )
})
