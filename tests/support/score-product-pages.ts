/**
 * The product-pages corpus's metric (tests/fixtures/product-pages-dev/README.md), exactly: per
 * attribute and page, with T the set of true values and v the one predicted value, an absent v is
 * a false negative when T is not empty; v in T a true positive; otherwise a false positive, and
 * also a false negative when T is not empty. Micro-averaged over pages. Pure: no files, no I/O.
 */

/** The attributes scored. */
export const scoredFields = ['price', 'sku', 'availability'] as const

/** One of {@link scoredFields}. */
export type ScoredField = (typeof scoredFields)[number]

/** The true values of one page: each attribute a list of acceptable values, absent if none. */
export type PageTruth = Partial<Record<ScoredField, string[]>>

/** One system's single answer per attribute on one page; absent or null when it gave none. */
export type PageAnswer = Partial<Record<ScoredField, string | number | null>>

/** Counts and rates of one attribute. */
export interface FieldScore {
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  f1: number
}

/** One system over a corpus. */
export interface CorpusScore {
  fields: Record<ScoredField, FieldScore>
  /** Pages on which the system answered at least one scored attribute. */
  pagesWithAnswer: number
  pages: number
}

/**
 * "InStock" or "OutOfStock" from a schema.org URL or name, or a wording: pre-order, limited,
 * online-only (and back-order: it can still be bought) are in stock; sold out, discontinued and
 * the like are out. Null for anything else.
 */
export function availabilityClass(value: string): 'InStock' | 'OutOfStock' | null {
  const bare = value
    .trim()
    .replace(/^https?:\/\/(www\.)?schema\.org\//i, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
  if (
    /^(instock|preorder|presale|limitedavailability|limited|onlineonly|backorder|instoreonly)$/.test(
      bare
    )
  ) {
    return 'InStock'
  }
  if (/^(outofstock|soldout|discontinued|unavailable|reserved|oos)$/.test(bare)) return 'OutOfStock'
  return null
}

/** True when `predicted` is one of `truth`, compared as the metric says for `field`. */
export function answerMatches(
  field: ScoredField,
  predicted: string | number,
  truth: string[]
): boolean {
  if (field === 'price') {
    const amount = Number(predicted)
    return truth.some((value) => Number.isFinite(amount) && Math.abs(Number(value) - amount) < 1e-6)
  }
  if (field === 'availability') {
    const predictedClass = availabilityClass(String(predicted))
    return (
      predictedClass != null && truth.some((value) => availabilityClass(value) === predictedClass)
    )
  }
  return truth.includes(String(predicted))
}

/** Scores `answers` (page id → answer; a missing page answered nothing) against `truth`. */
export function scoreProductPages(
  truth: Record<string, PageTruth>,
  answers: Record<string, PageAnswer | null | undefined>
): CorpusScore {
  const counts = Object.fromEntries(
    scoredFields.map((field) => [field, { tp: 0, fp: 0, fn: 0 }])
  ) as Record<ScoredField, { tp: number; fp: number; fn: number }>
  let pagesWithAnswer = 0
  for (const [id, pageTruth] of Object.entries(truth)) {
    const answer = answers[id] ?? {}
    let answered = false
    for (const field of scoredFields) {
      const expected = pageTruth[field] ?? []
      const raw = answer[field]
      const predicted = raw == null || raw === '' ? null : raw
      const count = counts[field]
      if (predicted == null) {
        if (expected.length > 0) count.fn++
        continue
      }
      answered = true
      if (answerMatches(field, predicted, expected)) count.tp++
      else {
        count.fp++
        if (expected.length > 0) count.fn++
      }
    }
    if (answered) pagesWithAnswer++
  }
  const fields = Object.fromEntries(
    scoredFields.map((field) => [field, rates(counts[field])])
  ) as Record<ScoredField, FieldScore>
  return { fields, pagesWithAnswer, pages: Object.keys(truth).length }
}

function rates(count: { tp: number; fp: number; fn: number }): FieldScore {
  const precision = count.tp + count.fp === 0 ? 0 : count.tp / (count.tp + count.fp)
  const recall = count.tp + count.fn === 0 ? 0 : count.tp / (count.tp + count.fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { ...count, precision, recall, f1 }
}
