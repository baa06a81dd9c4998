/** Formatting for display; pure functions of their arguments (and the clock where they say so). */
import type { LogEntry } from '../../shared/log-entry'

/** `12 Mar 2026, 14:05`, or an em dash for no date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  })
}

/** `12 Mar, 14:05` (the year only when it is not this one), for table cells. */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  const thisYear = date.getFullYear() === new Date().getFullYear()
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: thisYear ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  })
}

/** A log line as plain text: `<time> <LEVEL> [<source> <brand>] <message>`, for the clipboard. */
export function formatLogLine(entry: LogEntry): string {
  return `${entry.time} ${entry.level.toUpperCase()} [${entry.source}${
    entry.brand ? ` ${entry.brand}` : ''
  }] ${entry.message}`
}

/** `14:05:09.123`, for log lines. */
export function formatLogTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(
    date.getMilliseconds(),
    3
  )}`
}

/** `1 h 02 min`, `3 min 05 s`, `42 s`. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`
  return `${s} s`
}

/** Duration between two ISO times; `now` when the end is missing. */
export function formatSpan(start: string | null, end: string | null, now = Date.now()): string {
  if (!start) return '—'
  const from = new Date(start).getTime()
  const to = end ? new Date(end).getTime() : now
  if (Number.isNaN(from) || Number.isNaN(to)) return '—'
  return formatDuration(to - from)
}

/** `€1,299.00`, or the bare number when the currency is unknown. */
export function formatPrice(price: number | null, currency: string | null): string {
  if (price === null) return '—'
  if (!currency) return price.toLocaleString(undefined, { minimumFractionDigits: 2 })
  try {
    return price.toLocaleString(undefined, { style: 'currency', currency })
  } catch {
    return `${price.toFixed(2)} ${currency}`
  }
}

/** `InStock` → `In stock`. */
export function formatAvailability(value: string | null): string {
  if (!value) return '—'
  const words = value.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The host of a URL, for compact display. */
export function formatHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
