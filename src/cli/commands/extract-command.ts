import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ExtractedProduct } from '../../shared/product'
import { extractPage } from '../../scraper/extract/extract-product'
import { createBrowserProvider } from '../../scraper/fetch/browser-provider'
import { createBrowserRenderer, type BrowserRenderer } from '../../scraper/fetch/browser-renderer'
import { decodeHtml } from '../../scraper/fetch/decode-html'
import { httpGet } from '../../scraper/fetch/http-get'
import { parseCommandArgs } from '../parse-command-args'
import { UsageError } from '../usage-error'

/** One line of `extract`'s output. */
interface ExtractLine {
  input: string
  product: Omit<ExtractedProduct, 'raw'> | null
  /** Set when the input could not be read or fetched. */
  error?: string
}

const isUrl = (input: string): boolean => /^https?:\/\//i.test(input)

/**
 * `extract INPUT... [--url URL] [--render]`: the extractors on their own, for checking what a
 * page yields. Each INPUT is a URL or an HTML file; one JSON line per input on stdout. Pages are
 * read as served (no JavaScript) unless `--render` opens them in Chromium.
 */
export async function extractCommand(args: string[]): Promise<number> {
  const { values, positionals: inputs } = parseCommandArgs(args, {
    url: { type: 'string' },
    render: { type: 'boolean' }
  })
  if (inputs.length === 0) throw new UsageError('usage: extract INPUT... [--url URL] [--render]')
  if (values.url !== undefined) {
    if (inputs.length !== 1 || isUrl(inputs[0]!)) {
      throw new UsageError('--url gives the address of a single HTML file input')
    }
    if (!isUrl(values.url)) throw new UsageError('--url must be an absolute http(s) URL')
  }
  // Files are read first: a missing one is a wrong argument, reported before any work is done.
  const files = new Map<string, Buffer>()
  for (const input of inputs.filter((input) => !isUrl(input))) {
    try {
      files.set(input, readFileSync(input))
    } catch (error) {
      throw new UsageError(
        `cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? error}`
      )
    }
  }

  const provider = values.render ? createBrowserProvider() : undefined
  const renderer: BrowserRenderer | undefined = provider && createBrowserRenderer({ provider })
  let failures = 0
  try {
    for (const input of inputs) {
      const line = await extractOne(input, files.get(input), values.url, renderer)
      if (line.error) failures++
      process.stdout.write(`${JSON.stringify(line)}\n`)
    }
  } finally {
    await renderer?.close()
    await provider?.close()
  }
  return failures ? 1 : 0
}

async function extractOne(
  input: string,
  file: Buffer | undefined,
  fileUrl: string | undefined,
  renderer: BrowserRenderer | undefined
): Promise<ExtractLine> {
  let html: string
  let url: string
  if (file) {
    url = fileUrl ?? pathToFileURL(resolve(input)).href
    html = decodeHtml(file, null)
    if (renderer) {
      const rendered = await renderer.render(pathToFileURL(resolve(input)).href)
      if (rendered.kind === 'failure') return { input, product: null, error: rendered.message }
      html = rendered.html
    }
  } else if (renderer) {
    const rendered = await renderer.render(input)
    if (rendered.kind === 'failure') return { input, product: null, error: rendered.message }
    if (rendered.status !== null && rendered.status >= 400) {
      return { input, product: null, error: `HTTP ${rendered.status} ${rendered.statusText}` }
    }
    ;({ html, url } = rendered)
  } else {
    const response = await httpGet(input)
    if (response.kind === 'failure') return { input, product: null, error: response.message }
    if (response.status >= 400) {
      return { input, product: null, error: `HTTP ${response.status} ${response.statusText}` }
    }
    url = response.url
    html = decodeHtml(response.body, response.headers.get('content-type'))
  }
  const product = extractPage(html, { url }).product
  if (!product) return { input, product: null }
  const { raw: _raw, ...fields } = product
  return { input, product: fields }
}
