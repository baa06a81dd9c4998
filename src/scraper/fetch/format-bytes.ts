/**
 * A size in words, as the size limits and refusals are told: MB from 1 MB up, KB below, each to
 * one decimal at most (`10 MB`, `1.5 MB`, `97.7 KB`).
 */
export function formatBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024
  return mb >= 1 ? `${oneDecimal(mb)} MB` : `${oneDecimal(bytes / 1024)} KB`
}

/** `n` rounded to one decimal, without a trailing `.0`. */
function oneDecimal(n: number): number {
  return Math.round(n * 10) / 10
}
