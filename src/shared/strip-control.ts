/**
 * Terminal escape sequences as a terminal would read them: OSC (`ESC ]` … BEL or `ESC \`, which
 * sets titles and writes the clipboard), DCS/SOS/PM/APC strings, CSI (`ESC [` … final byte, which
 * moves the cursor and clears the screen), their 8-bit C1 forms, and two-byte `ESC x` sequences.
 * Removed whole, so no `]0;pwned` debris is left behind once the ESC is gone.
 */
const escapeSequence =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b[ -/]*[0-~]?/g

/**
 * Every other character a terminal or a text renderer acts on instead of showing: C0 controls
 * (tab and newline are handled apart), DEL, C1 controls (U+0080–U+009F) and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what a reader
 * sees.
 */
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g

/** Options of {@link stripControl}. */
export interface StripControlOptions {
  /**
   * Keep line feeds (a CR LF or lone CR becomes a line feed) for text that legitimately has
   * lines: a description, a multi-line log message. Default: false, every line break becomes a
   * space.
   */
  keepNewlines?: boolean
}

/**
 * Text that came from outside (a scraped page, a server's error) made safe to print, store and
 * show: terminal escape sequences and control characters are removed, tabs become spaces, line
 * breaks become spaces unless `keepNewlines`. Printable text, including every non-Latin script
 * and emoji, is left as it is. Pure.
 */
export function stripControl(text: string, options: StripControlOptions = {}): string {
  let clean = text.replace(escapeSequence, '').replace(/\t/g, ' ')
  clean = options.keepNewlines ? clean.replace(/\r\n?/g, '\n') : clean.replace(/\r\n|[\r\n]/g, ' ')
  return clean.replace(controlCharacter, '')
}

/** True if `text` holds anything {@link stripControl} would remove (newlines aside). */
export function hasControl(text: string): boolean {
  return /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(text) // eslint-disable-line no-control-regex
}
