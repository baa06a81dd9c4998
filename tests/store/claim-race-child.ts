/**
 * One process of the claim race in brand-claims.test.ts: opens the catalog, says `ready`, waits
 * for a line on stdin (so that every racer starts at once), then claims brands until none is
 * left and prints the ids it got as JSON.
 *
 * Usage: tsx claim-race-child.ts CATALOG_FILE WORKER_ID
 */
import { once } from 'node:events'
import { CatalogStore } from '../../src/store/catalog-store'

async function main(): Promise<void> {
  const [file, workerId] = process.argv.slice(2)
  if (!file || !workerId) throw new Error('Usage: claim-race-child.ts CATALOG_FILE WORKER_ID')
  const store = CatalogStore.open(file)
  process.stdout.write('ready\n')
  await once(process.stdin, 'data')
  const got: number[] = []
  const request = { workerId, leaseMs: 60_000, trigger: 'once' as const }
  for (
    let claim = store.claims.claimNext(request);
    claim;
    claim = store.claims.claimNext(request)
  ) {
    got.push(claim.brand.id)
    // A breath between claims, as a worker has (it crawls the brand): the race lasts long enough
    // for every racer to be in it even on a loaded machine, and they interleave.
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  store.close()
  process.stdout.write(`${JSON.stringify(got)}\n`)
  process.stdin.destroy()
}

void main()
