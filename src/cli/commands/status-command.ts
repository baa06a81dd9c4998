import { formatDue, formatTime, heldBy } from '../brand-schedule-text'
import { parseCommandArgs } from '../parse-command-args'
import { openCatalog } from '../open-catalog'
import { UsageError } from '../usage-error'

/**
 * `status [--json]`: per brand, the catalog's counts, the last run, when the brand is due again,
 * and which worker holds it now.
 */
export async function statusCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } })
  if (positionals.length) throw new UsageError('usage: status [--json]')
  const store = openCatalog(values.db)
  try {
    const brands = new Map(store.brands.list().map((brand) => [brand.id, brand]))
    const rows = store.ingestionStatus().map((row) => ({
      ...row,
      nextDueAt: brands.get(row.brandId)?.nextDueAt ?? null,
      claimedBy: brands.get(row.brandId)?.claimedBy ?? null
    }))
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      return 0
    }
    const table = rows.map((row) => [
      row.brand + (row.enabled ? '' : ' (disabled)'),
      String(row.totalProducts),
      String(row.missingProducts),
      row.lastRun ? row.lastRun.status : 'never',
      row.lastRun ? formatTime(row.lastRun.startedAt) : '',
      row.lastRun ? `+${row.lastRun.productsNew} ~${row.lastRun.productsUpdated}` : '',
      row.lastRun ? String(row.lastRun.errorCount) : '',
      row.enabled ? formatDue(row.nextDueAt) : '',
      row.claimedBy ? heldBy(row.claimedBy) : ''
    ])
    const header = [
      'BRAND',
      'PRODUCTS',
      'MISSING',
      'LAST RUN',
      'STARTED',
      'NEW/UPD',
      'ERRORS',
      'NEXT DUE (UTC)',
      'HELD BY'
    ]
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)))
    for (const row of [header, ...table]) {
      process.stdout.write(
        `${row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd()}\n`
      )
    }
  } finally {
    store.close()
  }
  return 0
}
