import { afterEach } from 'vitest'
import type { FixtureSite } from './fixture-sites'

/** A list where the tests of the calling suite put the fixture sites they start, closed after each. */
export function useFixtureSites(): FixtureSite[] {
  const sites: FixtureSite[] = []
  afterEach(async () => {
    await Promise.all(sites.splice(0).map((site) => site.close()))
  })
  return sites
}
