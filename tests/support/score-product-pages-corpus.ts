import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import type { ExtractedProduct } from '../../src/shared/product'
import type { PageAnswer, PageTruth } from './score-product-pages'

/** The vendored corpus (see its README.md and LICENSE). */
export const productPagesDirectory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/product-pages-dev'
)

/** One page of the corpus. */
export interface CorpusPage {
  id: string
  /** The address it was captured from. */
  url: string
  /** The page as served (decompressed bytes). */
  body: Buffer
  truth: PageTruth
}

interface TruthEntry extends PageTruth {
  url: string
}

/** The peers whose answers the corpus carries. */
export const peerNames = ['Zyte', 'Diffbot', 'extruct'] as const

/** Every page of the corpus with its ground truth, in id order. */
export function loadProductPages(directory = productPagesDirectory): CorpusPage[] {
  const truth = JSON.parse(
    readFileSync(path.join(directory, 'ground-truth.json'), 'utf8')
  ) as Record<string, TruthEntry>
  const files = new Set(readdirSync(path.join(directory, 'html')))
  return Object.keys(truth)
    .sort()
    .filter((id) => files.has(`${id}.html.gz`))
    .map((id) => {
      const { url, price, sku, availability } = truth[id]!
      const body = gunzipSync(readFileSync(path.join(directory, 'html', `${id}.html.gz`)))
      return { id, url, body, truth: { price, sku, availability } }
    })
}

/** A peer's answers, page id → answer. */
export function loadPeerAnswers(
  peer: (typeof peerNames)[number],
  directory = productPagesDirectory
): Record<string, PageAnswer> {
  return JSON.parse(readFileSync(path.join(directory, 'peers', `${peer}.json`), 'utf8')) as Record<
    string,
    PageAnswer
  >
}

/** The scored attributes of an extracted product (null: no product, so no answer). */
export function answerOf(product: ExtractedProduct | null): PageAnswer | null {
  if (product == null) return null
  return { price: product.price, sku: product.sku, availability: product.availability }
}
