import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './usage-error'

const dbOption = { db: { type: 'string' } } as const

/** Parses a command's options (plus the common `--db`); unknown options are usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = true
): {
  values: ParsedResults<T & typeof dbOption>['values']
  positionals: string[]
} {
  try {
    const parsed = parseArgs({
      args,
      options: { ...options, ...dbOption },
      allowPositionals,
      strict: true
    })
    return {
      values: parsed.values as ParsedResults<T & typeof dbOption>['values'],
      positionals: parsed.positionals
    }
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!)
  }
}

type ParsedResults<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>
>
