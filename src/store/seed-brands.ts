import { readFileSync } from 'node:fs'
import type { BrandInput } from '../shared/brand'

/** Reads the brands a new catalog starts with (`resources/brands.json`). */
export function loadSeedBrands(file: string): BrandInput[] {
  return JSON.parse(readFileSync(file, 'utf8')) as BrandInput[]
}
