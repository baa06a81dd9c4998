import { describe, expect, it } from 'vitest'
import { hasControl, stripControl } from '../../src/shared/strip-control'

// A name that sets the terminal title, clears the screen and writes the clipboard (OSC 52).
const hostile = 'Lamp\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07 Pro'

describe('stripControl', () => {
  it('removes OSC title and clipboard writes and CSI screen clears, whole', () => {
    expect(stripControl(hostile)).toBe('Lamp Pro')
    expect(hasControl(stripControl(hostile))).toBe(false)
  })

  it('removes OSC strings ended by ST, 8-bit CSI and two-byte escapes', () => {
    expect(stripControl('a\x1b]8;;http://evil.test/\x1b\\b')).toBe('ab')
    expect(stripControl('a\x9b31mb')).toBe('ab')
    expect(stripControl('a\x1bcb\x1b(Bc')).toBe('abc')
  })

  it('removes C0, DEL, C1 and bidi override characters but keeps printable text', () => {
    expect(stripControl('a\x00b\x07c\x08d\x7fe\x85f\x9ag')).toBe('abcdefg')
    expect(stripControl('txt.\u202eexe\u2066x\u2069')).toBe('txt.exex')
    expect(stripControl('Café 東京 😀 — “quoted”')).toBe('Café 東京 😀 — “quoted”')
  })

  it('turns tabs into spaces and line breaks into spaces unless asked to keep them', () => {
    expect(stripControl('a\tb\r\nc\rd\ne')).toBe('a b c d e')
    expect(stripControl('a\tb\r\nc\rd\ne', { keepNewlines: true })).toBe('a b\nc\nd\ne')
  })

  it('leaves clean text unchanged', () => {
    expect(stripControl('Studio Monitor 5"')).toBe('Studio Monitor 5"')
  })
})
