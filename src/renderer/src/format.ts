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

/** `5 s`, `3 min`, `2 h`, `4 d`: a span rounded to its largest unit, for relative times. */
function roughSpan(milliseconds: number): string {
  const seconds = Math.max(1, Math.round(Math.abs(milliseconds) / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h`
  return `${Math.round(hours / 24)} d`
}

/** `just now`, `5 s ago`, `3 min ago`, for heartbeats; an em dash for no time. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—'
  const time = new Date(iso).getTime()
  if (Number.isNaN(time)) return '—'
  // A clock a little ahead of this one (another host's) is not "in the future".
  if (now - time < 1000) return 'just now'
  return `${roughSpan(now - time)} ago`
}

/**
 * When a brand is due to be scraped: `due now`, `in 25 min`, `in 3 h`, `in 2 d`. A brand with no
 * due time is at the head of the queue: `never scraped`, or `due now` when its runs so far were
 * stopped or interrupted before they could finish.
 */
export function formatDue(
  iso: string | null | undefined,
  now = Date.now(),
  everScraped = false
): string {
  if (!iso) return everScraped ? 'due now' : 'never scraped'
  const time = new Date(iso).getTime()
  if (Number.isNaN(time)) return '—'
  if (time <= now) return 'due now'
  return `in ${roughSpan(time - now)}`
}

/** `14:05` for a time today, else `12 Mar, 14:05`: when something next happens. */
export function formatAt(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  if (date.toDateString() !== new Date(now).toDateString()) return formatShortDateTime(iso)
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/** `Next: KRK Systems at 14:05`: what a continuous worker waits for, and until when. */
export function formatNext(brand: string | null, at: string, now = Date.now()): string {
  return brand ? `Next: ${brand} at ${formatAt(at, now)}` : `Next brand at ${formatAt(at, now)}`
}
