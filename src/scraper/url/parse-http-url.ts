/** The URL when `input` is an absolute http(s) URL; null for anything else (mailto:, junk). */
export function parseHttpUrl(input: string | URL): URL | null {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return null
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
}
