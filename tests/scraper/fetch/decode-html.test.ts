import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeHtml } from '../../../src/scraper/fetch/decode-html'

const page = (meta: string, text: string): string =>
  `<html><head>${meta}<title>t</title></head><body>${text}</body></html>`

describe('decodeHtml', () => {
  it('uses the Content-Type charset', () => {
    const bytes = iconv.encode(page('', 'Café “Crème”'), 'windows-1252')
    expect(decodeHtml(bytes, 'text/html; charset=windows-1252')).toContain('Café “Crème”')
  })

  it('decodes ISO-8859-1 labels as windows-1252, as browsers do', () => {
    const bytes = iconv.encode(page('', 'Preis: 5 € – Größe'), 'windows-1252')
    expect(decodeHtml(bytes, 'text/html; charset=ISO-8859-1')).toContain('Preis: 5 € – Größe')
  })

  it('falls back to <meta charset> and <meta http-equiv> when the header has none', () => {
    const sjis = iconv.encode(page('<meta charset="Shift_JIS">', '京都スピーカー'), 'shift_jis')
    expect(decodeHtml(sjis, 'text/html')).toContain('京都スピーカー')
    const euc = iconv.encode(
      page('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', '서울 앰프'),
      'euc-kr'
    )
    expect(decodeHtml(euc, null)).toContain('서울 앰프')
    const gb = iconv.encode(page('<meta charset="gb2312">', '北京音箱'), 'gbk')
    expect(decodeHtml(gb, undefined)).toContain('北京音箱')
  })

  it('lets a byte order mark win, and defaults to UTF-8', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', 'Ünïcode'))])
    expect(decodeHtml(bom, 'text/html; charset=windows-1252')).toContain('Ünïcode')
    expect(decodeHtml(Buffer.from(page('', 'naïve'), 'utf8'))).toContain('naïve')
  })
})
