import { z } from 'zod'
import type { RunRecord, RunStatus } from './run'

/** Fields a page extractor may be pointed at with a CSS selector, per brand. */
export const selectorFields = [
  'name',
  'price',
  'sku',
  'mpn',
  'description',
  'images',
  'brand',
  'availability',
  'category'
] as const

/** A regular expression as a user types it; refused with the reason when it does not compile. */
const urlPatternSchema = z
  .string()
  .min(1)
  .max(500)
  .superRefine((pattern, context) => {
    try {
      new RegExp(pattern)
    } catch (error) {
      context.addIssue({
        code: 'custom',
        message: `"${pattern}" is not a valid regular expression: ${(error as Error).message}`
      })
    }
  })

/** What the scraper uses for a setting the brand leaves out (shown as placeholders in the UI). */
export const brandSettingDefaults = {
  concurrency: 2,
  minDelayMs: 250,
  maxPages: 5000,
  maxDepth: 6,
  refreshHours: 24
} as const

/** Per-brand scraping settings, stored as JSON with the brand. */
export const brandSettingsSchema = z.object({
  /** Only URLs matching one of these regular expressions are crawled or scraped. Default: all. */
  include: z.array(urlPatternSchema).optional(),
  /** URLs matching any of these regular expressions are never requested. */
  exclude: z.array(urlPatternSchema).optional(),
  /** CSS selector overrides, field → selector, for a site whose markup misleads the extractors. */
  selectors: z.partialRecord(z.enum(selectorFields), z.string()).optional(),
  /** Per-site request concurrency. Default: 2. */
  concurrency: z.number().int().min(1).max(16).optional(),
  /** Minimum delay between two requests to the site, in milliseconds. Default: 250. */
  minDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** Cap on pages fetched in one run. Default: 5000. */
  maxPages: z.number().int().min(1).optional(),
  /** Cap on link depth from the home page. Default: 6. */
  maxDepth: z.number().int().min(0).optional(),
  /**
   * Hours after a successful run before the brand is due again (a failed run is retried after
   * at most an hour). Default: 24.
   */
  refreshHours: z
    .number()
    .min(0.01)
    .max(24 * 365)
    .optional()
})

export type BrandSettings = z.infer<typeof brandSettingsSchema>

/** Per-run overrides of a brand's crawl settings: CLI flags, benchmarks. */
export const crawlOverridesSchema = brandSettingsSchema
  .pick({ concurrency: true, minDelayMs: true, maxPages: true })
  .extend({
    /** Fetch every page with the browser instead of HTTP first, for comparisons. Default: false. */
    browserOnly: z.boolean().optional()
  })

export type CrawlOverrides = z.infer<typeof crawlOverridesSchema>

/**
 * A brand's website: an absolute http(s) URL without a user name or password (they would be sent
 * to every page of the site, and kept in the catalog in clear).
 */
const websiteSchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      url = new URL('invalid:')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      context.addIssue({
        code: 'custom',
        message: 'website must be an absolute http(s) URL, like https://www.krkmusic.com/'
      })
    } else if (url.username !== '' || url.password !== '') {
      context.addIssue({
        code: 'custom',
        message: 'website must not contain a user name or password (user:password@): remove them'
      })
    }
  })

/** What a user gives to add a brand. */
export const brandInputSchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  website: websiteSchema,
  enabled: z.boolean().default(true),
  /** Higher is scraped first. Default: 0. */
  priority: z.number().int().default(0),
  settings: brandSettingsSchema.default({})
})

export type BrandInput = z.input<typeof brandInputSchema>

/** A change to an existing brand; every field is optional. */
export const brandPatchSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  website: websiteSchema.optional(),
  enabled: z.boolean().optional(),
  priority: z.number().int().optional(),
  settings: brandSettingsSchema.optional()
})

export type BrandPatch = z.infer<typeof brandPatchSchema>

/** A brand as the catalog keeps it. */
export interface Brand {
  id: number
  name: string
  website: string
  enabled: boolean
  priority: number
  settings: BrandSettings
  lastScrapedAt: string | null
  lastStatus: RunStatus | null
  /**
   * When the brand is due to be scraped again: null until a run first succeeds or fails, which
   * puts it at the head of the queue.
   */
  nextDueAt: string | null
  createdAt: string
}

/** A brand with what the UI shows next to it. */
export interface BrandSummary extends Brand {
  productCount: number
  lastRun: RunRecord | null
  /** The worker scraping it now, if any. */
  claimedBy: WorkerRef | null
}

/** Which worker, on which machine: enough for a user to find it. */
export interface WorkerRef {
  id: string
  host: string
  pid: number
}

/** Per brand: the last run and the catalog's counts, for the ingestion status view. */
export interface IngestionStatusRow {
  brand: string
  brandId: number
  enabled: boolean
  totalProducts: number
  missingProducts: number
  lastRun: RunRecord | null
}
