import { memo, type ReactNode } from 'react'
import type { LogEntry } from '../../../shared/log-entry'
import { formatLogTime } from '../format'

/** The height of a log line in pixels; the list places lines by it. */
export const logLineHeight = 22

/** Props of {@link LogLine}. */
export interface LogLineProps {
  entry: LogEntry
  /** Offset from the top of the list, in pixels. */
  start: number
}

/**
 * One line, at its offset in the list. Memoized: scrolling moves the window over lines whose entry
 * and offset stay the same, so only the lines coming into view render.
 */
export const LogLine = memo(function LogLine({ entry, start }: LogLineProps): ReactNode {
  return (
    <div
      className={`log-line log-${entry.level}`}
      style={{ transform: `translateY(${start}px)`, height: logLineHeight }}
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
