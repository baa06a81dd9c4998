import { parseCommandArgs } from '../parse-command-args'
import { openCatalog } from '../open-catalog'
import { UsageError } from '../usage-error'

/** `status [--json]`: per brand, the catalog's counts and the last run. */
export async function statusCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } })
  if (positionals.length) throw new UsageError('usage: status [--json]')
  const store = openCatalog(values.db)
  try {
    const rows = store.ingestionStatus()
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      return 0
    }
    const table = rows.map((row) => [
      row.brand + (row.enabled ? '' : ' (disabled)'),
      String(row.totalProducts),
      String(row.missingProducts),
      row.lastRun ? row.lastRun.status : 'never',
      row.lastRun ? row.lastRun.startedAt.replace('T', ' ').slice(0, 19) : '',
      row.lastRun ? `+${row.lastRun.productsNew} ~${row.lastRun.productsUpdated}` : '',
      row.lastRun ? String(row.lastRun.errorCount) : ''
    ])
    const header = ['BRAND', 'PRODUCTS', 'MISSING', 'LAST RUN', 'STARTED', 'NEW/UPD', 'ERRORS']
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
