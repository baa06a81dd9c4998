import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, type ReactNode } from 'react'
import { olderLines, type OlderLines } from '../stores/logs-selectors'
import { maxLogLines } from '../stores/logs-state'
import { useLogsStore } from '../stores/stores-context'
import { LogLine, logLineHeight } from './log-line'

/** How close to the oldest line held (in lines) scrolling back fetches the page before it. */
const olderLinesMargin = 50

const olderLinesText: Record<OlderLines, string> = {
  loading: 'Loading older lines…',
  start: 'Beginning of the log',
  cap: `The newest ${maxLogLines.toLocaleString()} lines are held here; filter to reach older ones, or open the log file.`,
  more: 'Older lines load as you scroll up'
}

/**
 * The lines held, virtualized: follows the newest line, or loads older ones as the user scrolls
 * up.
 */
export function LogLines(): ReactNode {
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
    estimateSize: () => logLineHeight,
    getItemKey,
    // While the user reads, lines added above (older pages) or dropped there (the cap) leave the
    // line at the top of the view where it is. Following, the view jumps to the end instead.
    anchorTo: following ? 'start' : 'end',
    // The first row tells what lies before the oldest line held.
    paddingStart: logLineHeight,
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
        if (el.scrollTop < logLineHeight * olderLinesMargin && older === 'more') {
          void olderLinesWanted()
        }
        // The scroll this list made to follow the newest line is not the user scrolling away.
        if (programmatic.current) return
        if (el.scrollHeight - el.scrollTop - el.clientHeight > logLineHeight * 2) {
          scrolledAwayFromEnd()
        }
      }}
    >
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        <div
          className="muted"
          data-testid="log-older-lines"
          data-state={older}
          style={{ height: logLineHeight, padding: '0 10px' }}
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
