/**
 * Milliseconds a `Retry-After` header asks us to wait (delta-seconds or an HTTP date), capped at
 * `capMs`; null when the header is missing or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
  capMs = 60_000
): number | null {
  if (value == null || value.trim() === '') return null
  const trimmed = value.trim()
  let delayMs: number
  if (/^\d+$/.test(trimmed)) {
    delayMs = Number(trimmed) * 1000
  } else {
    const date = Date.parse(trimmed)
    if (Number.isNaN(date)) return null
    delayMs = date - now
  }
  return Math.min(Math.max(delayMs, 0), capMs)
}
