/**
 * `firstSeenAt` → `first_seen_at`, as a type: the record's camelCase name spelled the way the
 * catalog's columns and the export's keys are.
 */
export type SnakeCase<Name extends string> = Name extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : Name

/**
 * The one casing rule between TypeScript and the catalog: records are camelCase, SQL columns and
 * exported keys snake_case.
 */
export function snakeCase<Name extends string>(name: Name): SnakeCase<Name> {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) as SnakeCase<Name>
}
