import {
  brandInputSchema,
  brandSettingDefaults,
  brandSettingsSchema,
  type Brand,
  type BrandInput,
  type BrandPatch,
  type BrandSummary,
  type WorkerRef
} from '../shared/brand'
import type { RunStatus } from '../shared/run'
import type { SqliteDatabase } from './database'
import { StoreError } from './store-error'
import { rowToRun, selectRun, type RunRow } from './run-repository'

interface BrandRow {
  id: number
  name: string
  website: string
  enabled: number
  priority: number
  settings: string
  fetch_strategy: 'http' | 'browser' | null
  last_scraped_at: string | null
  last_status: RunStatus | null
  next_due_at: string | null
  created_at: string
}

function rowToBrand(row: BrandRow): Brand {
  const settings = brandSettingsSchema.safeParse(JSON.parse(row.settings))
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    enabled: row.enabled === 1,
    priority: row.priority,
    settings: settings.success ? settings.data : {},
    lastScrapedAt: row.last_scraped_at,
    lastStatus: row.last_status,
    nextDueAt: row.next_due_at,
    createdAt: row.created_at
  }
}

/** Brands: the sites the worker scrapes, and its queue. */
export class BrandRepository {
  /** `claimHolders`: the live claims by brand id (from BrandClaims, which needs this repository). */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly claimHolders: () => Map<number, WorkerRef> = () => new Map()
  ) {}

  list(): BrandSummary[] {
    const rows = this.db
      .prepare(
        `SELECT b.*,
           (SELECT count(*) FROM products p WHERE p.brand_id = b.id) AS product_count,
           (SELECT max(id) FROM runs r WHERE r.brand_id = b.id) AS last_run_id
         FROM brands b ORDER BY b.name COLLATE NOCASE`
      )
      .all() as Array<BrandRow & { product_count: number; last_run_id: number | null }>
    const runById = this.db.prepare(`${selectRun} WHERE r.id = ?`)
    const holders = this.claimHolders()
    return rows.map((row) => ({
      ...rowToBrand(row),
      productCount: row.product_count,
      lastRun: row.last_run_id === null ? null : rowToRun(runById.get(row.last_run_id) as RunRow),
      claimedBy: holders.get(row.id) ?? null
    }))
  }

  summary(id: number): BrandSummary {
    const found = this.list().find((brand) => brand.id === id)
    if (!found) throw new StoreError('not_found', `No brand with id ${id}.`)
    return found
  }

  get(id: number): Brand | undefined {
    const row = this.db.prepare('SELECT * FROM brands WHERE id = ?').get(id) as BrandRow | undefined
    return row && rowToBrand(row)
  }

  /** Case-insensitive, as users type names. */
  findByName(name: string): Brand | undefined {
    const row = this.db.prepare('SELECT * FROM brands WHERE name = ? COLLATE NOCASE').get(name) as
      BrandRow | undefined
    return row && rowToBrand(row)
  }

  /** Throws a `not_found` StoreError naming the known brands when there is no such brand. */
  requireByName(name: string): Brand {
    const brand = this.findByName(name)
    if (brand) return brand
    const known = (
      this.db.prepare('SELECT name FROM brands ORDER BY name LIMIT 5').all() as { name: string }[]
    ).map((row) => row.name)
    throw new StoreError(
      'not_found',
      `Unknown brand "${name}". ` +
        (known.length
          ? `Known brands include ${known.join(', ')}; \`brands list\` shows them all.`
          : 'There are no brands yet: add one with `brands add NAME URL`.')
    )
  }

  add(input: BrandInput): Brand {
    const brand = brandInputSchema.parse(input)
    if (this.findByName(brand.name)) {
      throw new StoreError('conflict', `A brand named "${brand.name}" already exists.`)
    }
    const info = this.db
      .prepare(
        `INSERT INTO brands (name, website, enabled, priority, settings, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`
      )
      .run(
        brand.name,
        brand.website,
        brand.enabled ? 1 : 0,
        brand.priority,
        JSON.stringify(brand.settings),
        new Date().toISOString()
      )
    return this.get(Number(info.lastInsertRowid))!
  }

  update(id: number, patch: BrandPatch): Brand {
    const current = this.get(id)
    if (!current) throw new StoreError('not_found', `No brand with id ${id}.`)
    if (patch.name !== undefined) {
      const other = this.findByName(patch.name)
      if (other && other.id !== id) {
        throw new StoreError('conflict', `A brand named "${patch.name}" already exists.`)
      }
    }
    const next = { ...current, ...patch }
    this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE brands SET name = ?, website = ?, enabled = ?, priority = ?, settings = ? WHERE id = ?'
        )
        .run(
          next.name,
          next.website,
          next.enabled ? 1 : 0,
          next.priority,
          JSON.stringify(next.settings),
          id
        )
      if (next.settings.refreshHours !== current.settings.refreshHours)
        this.rescheduleAfterSuccess(id)
    })()
    return this.get(id)!
  }

  /** Removes the brand with its products and runs. */
  remove(id: number): void {
    const info = this.db.prepare('DELETE FROM brands WHERE id = ?').run(id)
    if (info.changes === 0) throw new StoreError('not_found', `No brand with id ${id}.`)
  }

  /** Adds new brands and updates existing ones (matched by name), all or nothing. */
  importMany(inputs: BrandInput[]): { added: number; updated: number } {
    const parsed = inputs.map((input, index) => {
      const result = brandInputSchema.safeParse(input)
      if (!result.success) {
        const issue = result.error.issues[0]
        throw new StoreError(
          'bad_request',
          `Brand ${index + 1}${issue?.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue?.message}`
        )
      }
      return result.data
    })
    let added = 0
    let updated = 0
    this.db.transaction(() => {
      for (const brand of parsed) {
        const existing = this.findByName(brand.name)
        if (existing) {
          this.update(existing.id, brand)
          updated++
        } else {
          this.add(brand)
          added++
        }
      }
    })()
    return { added, updated }
  }

  /** A changed refresh interval moves the brand's next due time, counted from its last success. */
  private rescheduleAfterSuccess(id: number): void {
    this.db
      .prepare(
        `UPDATE brands SET next_due_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_scraped_at,
           '+' || (coalesce(json_extract(settings, '$.refreshHours'), ?) * 3600) || ' seconds')
         WHERE id = ? AND last_status = 'succeeded'`
      )
      .run(brandSettingDefaults.refreshHours, id)
  }

  markScraped(id: number, status: RunStatus, at: string): void {
    this.db
      .prepare('UPDATE brands SET last_scraped_at = ?, last_status = ? WHERE id = ?')
      .run(at, status, id)
  }

  /** What fetching worked for this brand last time: plain HTTP, or a browser. */
  fetchStrategy(id: number): 'http' | 'browser' | null {
    const row = this.db.prepare('SELECT fetch_strategy FROM brands WHERE id = ?').get(id) as
      { fetch_strategy: 'http' | 'browser' | null } | undefined
    return row?.fetch_strategy ?? null
  }

  rememberFetchStrategy(id: number, strategy: 'http' | 'browser'): void {
    this.db.prepare('UPDATE brands SET fetch_strategy = ? WHERE id = ?').run(strategy, id)
  }

  /** The JSON endpoint recipe the crawler kept for the brand (JSON text), or null. */
  jsonEndpoint(id: number): string | null {
    const row = this.db.prepare('SELECT json_endpoint FROM brands WHERE id = ?').get(id) as
      { json_endpoint: string | null } | undefined
    return row?.json_endpoint ?? null
  }

  /** Keeps the crawler's JSON endpoint recipe for the brand; null forgets it. */
  rememberJsonEndpoint(id: number, recipe: string | null): void {
    this.db.prepare('UPDATE brands SET json_endpoint = ? WHERE id = ?').run(recipe, id)
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM brands').get() as { n: number }).n
  }
}
