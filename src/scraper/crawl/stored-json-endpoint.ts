import { z } from 'zod'
import type { JsonEndpointRecipe } from './json-endpoint-recipe'

const pathSchema = z.array(z.union([z.string().max(200), z.number().int().min(0)])).max(32)

/** A recipe as stored in the catalog: read back as untrusted text, like anything on disk. */
const storedRecipeSchema = z.object({
  origin: z.string().max(2048),
  pageShape: z.array(z.string().max(500).nullable()).max(32),
  endpoint: z.string().max(2048),
  fields: z.record(z.string(), pathSchema)
})

/** Where a brand's recipe is kept between runs (the catalog's `brands.json_endpoint`). */
export interface RecipeStore {
  get(): string | null
  set(text: string | null): void
}

/**
 * The catalog's memory of a brand's JSON endpoint, as the crawl's `jsonEndpoint` callbacks.
 * A stored recipe that does not parse, or that points away from the brand's own site (its
 * website changed since, or the file was edited), is forgotten rather than followed.
 */
export function storedJsonEndpoint(
  store: RecipeStore,
  siteUrl: string
): { get(): JsonEndpointRecipe | null; set(recipe: JsonEndpointRecipe | null): void } {
  return {
    get: () => {
      const text = store.get()
      if (text === null) return null
      const recipe = parseStoredRecipe(text, siteUrl)
      if (recipe === null) store.set(null)
      return recipe
    },
    set: (recipe) => store.set(recipe === null ? null : JSON.stringify(recipe))
  }
}

/** The recipe in `text` when it is well formed and stays on the origin of `siteUrl`; else null. */
export function parseStoredRecipe(text: string, siteUrl: string): JsonEndpointRecipe | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = storedRecipeSchema.safeParse(data)
  if (!parsed.success) return null
  const recipe = parsed.data as JsonEndpointRecipe
  const origin = new URL(siteUrl).origin
  if (recipe.origin !== origin) return null
  try {
    if (new URL(recipe.endpoint.replace('{id}', 'x')).origin !== origin) return null
  } catch {
    return null
  }
  return recipe
}
