import { readFileSync, statSync } from 'node:fs'
import { ZodError } from 'zod'
import {
  brandListFormat,
  brandListTooLong,
  maxBrandListChars,
  parseBrandList
} from '../../store/brand-import'
import { formatDue, heldBy } from '../brand-schedule-text'
import { parseCommandArgs } from '../parse-command-args'
import { openCatalog } from '../open-catalog'
import { UsageError } from '../usage-error'

/** `brands list|add|remove|import`. */
export async function brandsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' },
    priority: { type: 'string' }
  })
  const [action, ...rest] = positionals
  const expect = (count: number, shape: string): void => {
    if (rest.length !== count) throw new UsageError(`usage: brands ${shape}`)
  }
  switch (action) {
    case 'list': {
      expect(0, 'list [--json]')
      const store = openCatalog(values.db)
      try {
        const brands = store.brands.list()
        if (values.json) {
          process.stdout.write(`${JSON.stringify(brands, null, 2)}\n`)
        } else if (brands.length === 0) {
          process.stdout.write('No brands. Add one with `brands add NAME URL`.\n')
        } else {
          for (const brand of brands) {
            const state = brand.enabled ? '' : ' (disabled)'
            const due = brand.enabled ? `\tnext due ${formatDue(brand.nextDueAt)}` : ''
            const held = brand.claimedBy ? `\tscraped now by ${heldBy(brand.claimedBy)}` : ''
            process.stdout.write(
              `${brand.name}${state}\t${brand.website}\t${brand.productCount} products\t` +
                `${brand.lastScrapedAt ? `last ${brand.lastStatus} ${brand.lastScrapedAt}` : 'never scraped'}` +
                `${due}${held}\n`
            )
          }
        }
      } finally {
        store.close()
      }
      return 0
    }
    case 'add': {
      expect(2, 'add NAME URL [--priority N]')
      const priority = values.priority === undefined ? 0 : Number(values.priority)
      if (!Number.isInteger(priority)) throw new UsageError('--priority must be a whole number')
      const store = openCatalog(values.db)
      try {
        const brand = store.brands.add({ name: rest[0]!, website: rest[1]!, priority })
        process.stdout.write(`Added ${brand.name} (${brand.website}).\n`)
      } catch (error) {
        throw asUsage(error)
      } finally {
        store.close()
      }
      return 0
    }
    case 'remove': {
      expect(1, 'remove NAME')
      const store = openCatalog(values.db)
      try {
        const brand = store.brands.requireByName(rest[0]!)
        store.brands.remove(brand.id)
        process.stdout.write(`Removed ${brand.name} and its products.\n`)
      } finally {
        store.close()
      }
      return 0
    }
    case 'import': {
      expect(1, 'import FILE')
      const brands = readBrandList(rest[0]!)
      const store = openCatalog(values.db)
      try {
        const { added, updated } = store.brands.importMany(brands)
        process.stdout.write(
          `Imported ${added + updated} brands: ${added} added, ${updated} updated.\n`
        )
      } finally {
        store.close()
      }
      return 0
    }
    default:
      throw new UsageError(
        action
          ? `unknown brands action "${action}"`
          : 'brands needs an action: list, add, remove or import'
      )
  }
}

/**
 * The brands in a JSON or CSV file, capped like the HTTP import: the size is checked before the
 * file is read, so a huge file is refused at once (a UTF-8 file's bytes are at least its
 * characters, hence the same number).
 */
function readBrandList(file: string): ReturnType<typeof parseBrandList> {
  let size: number
  try {
    size = statSync(file).size
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`)
  }
  if (size > maxBrandListChars) throw new UsageError(brandListTooLong(size, 'bytes'))
  let content: string
  try {
    content = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`)
  }
  return parseBrandList(content, brandListFormat(file))
}

/**
 * A zod validation failure of a user's argument is a usage error, said in one line. The brand
 * schema's messages name their field already, so the first issue's message is the sentence.
 */
function asUsage(error: unknown): unknown {
  if (!(error instanceof ZodError)) return error
  return new UsageError(error.issues[0]?.message ?? 'invalid brand')
}
