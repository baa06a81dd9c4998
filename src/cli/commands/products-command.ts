import { writeFileSync } from 'node:fs'
import { formatProducts } from '../../store/product-export'
import { parseCommandArgs } from '../parse-command-args'
import { openCatalog } from '../open-catalog'
import { UsageError } from '../usage-error'

/** `products export [--brand NAME] [--format json|csv] [--out FILE]`. */
export async function productsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    brand: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' }
  })
  if (positionals[0] !== 'export' || positionals.length !== 1) {
    throw new UsageError('usage: products export [--brand NAME] [--format json|csv] [--out FILE]')
  }
  const format = values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'json')
  if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv')
  const store = openCatalog(values.db)
  try {
    const brandId = values.brand ? store.brands.requireByName(values.brand).id : undefined
    const products = [...store.products.iterate({ brandId })]
    const content = formatProducts(products, format)
    if (values.out) {
      writeFileSync(values.out, content)
      process.stderr.write(`Exported ${products.length} products to ${values.out}.\n`)
    } else {
      process.stdout.write(content)
    }
  } finally {
    store.close()
  }
  return 0
}
