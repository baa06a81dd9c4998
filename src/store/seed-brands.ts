import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrandInput } from '../shared/brand'

/** The bundled seed list inside the app's (or the checkout's) root folder. */
export function seedBrandsFileIn(root: string): string {
  return join(root, 'resources', 'brands.json')
}

/** Reads the brands a new catalog starts with (`resources/brands.json`). */
export function loadSeedBrands(file: string): BrandInput[] {
  return JSON.parse(readFileSync(file, 'utf8')) as BrandInput[]
}
