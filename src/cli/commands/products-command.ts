import { writeFileSync } from 'node:fs'
import { formatProducts } from '../../store/product-export'
import { parseCommandArgs } from '../parse-command-args'
import { openCatalog } from '../open-catalog'
import { requireParentFolder } from '../require-parent-folder'
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
  // Before anything is opened or written: a missing folder is said with what to do.
  if (values.out) requireParentFolder(values.out, '--out')
  const store = openCatalog(values.db)
  try {
    const brandId = values.brand ? store.brands.requireByName(values.brand).id : undefined
    const products = [...store.products.iterate({ brandId })]
    const content = formatProducts(products, format)
    if (values.out) {
      writeExport(values.out, content)
      process.stderr.write(`Exported ${products.length} products to ${values.out}.\n`)
    } else {
      process.stdout.write(content)
    }
  } finally {
    store.close()
  }
  return 0
}

/** Writes the export, a failure said in one line with what to do instead of a raw error code. */
function writeExport(file: string, content: string): void {
  try {
    writeFileSync(file, content)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const hint =
      code === 'EISDIR'
        ? 'it is a folder; give --out a file name'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied; choose a folder you can write to'
          : code === 'ENOENT'
            ? 'its folder does not exist; create it first or choose another --out'
            : `${code ?? (error as Error).message}; choose another --out`
    throw new UsageError(`cannot write the export to ${file}: ${hint}`)
  }
}
