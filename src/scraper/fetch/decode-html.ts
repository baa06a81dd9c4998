import iconv from 'iconv-lite'

/** Charset labels browsers treat as aliases of a superset we can decode (WHATWG Encoding). */
const charsetAliases: Record<string, string> = {
  // Browsers decode pages labelled Latin-1 or ASCII as windows-1252; sites rely on it for “quotes”.
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  gb2312: 'gbk',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis'
}

/** The `charset` parameter of a Content-Type header, lower-cased, or null. */
function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (contentType == null) return null
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)
  return match?.[1]?.toLowerCase() ?? null
}

/** The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares in the head. */
function charsetFromMeta(head: string): string | null {
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)
  return direct?.[1]?.toLowerCase() ?? null
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { charset: 'utf-8', length: 3 }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 }
  return null
}

function normalizeCharset(label: string | null): string | null {
  if (label == null) return null
  const lower = label.trim().toLowerCase()
  const name = charsetAliases[lower] ?? lower
  return iconv.encodingExists(name) ? name : null
}

/**
 * Decodes an HTML response body to text, choosing the encoding the way browsers do: a byte order
 * mark wins, then the Content-Type header's charset, then a `<meta>` declaration in the first
 * 1024 bytes, else UTF-8. Legacy encodings (windows-1252, Shift_JIS, EUC-KR, GBK...) go through
 * iconv-lite.
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): string {
  const bom = bomCharset(bytes)
  if (bom != null) return iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.charset)
  // The meta prescan reads bytes as Latin-1: every byte maps to one char, and the declaration
  // itself is ASCII in every encoding we care about.
  const sniffed = (): string | null =>
    charsetFromMeta(Buffer.from(bytes.subarray(0, 1024)).toString('latin1'))
  const charset =
    normalizeCharset(charsetFromContentType(contentType)) ?? normalizeCharset(sniffed()) ?? 'utf-8'
  if (charset === 'utf-8' || charset === 'utf8') return Buffer.from(bytes).toString('utf8')
  return iconv.decode(Buffer.from(bytes), charset)
}
