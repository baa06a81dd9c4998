import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import type { BrandInput, BrandPatch, BrandSummary } from '../../../shared/brand'
import { errorMessage } from '../api/to-api-error'

/** The brands table. */
export interface BrandsState {
  brands: BrandSummary[]
  loading: boolean
  /** False until the first list arrived (or failed). */
  loaded: boolean
  /** The last failure, said for a user. */
  error: string | null
  /** The last success worth a line (an import's counts). */
  notice: string | null
}

export interface BrandsActions {
  opened(): Promise<void>
  refreshRequested(): Promise<void>
  /** Resolves with the error to show in the form, or null when the brand was added. */
  addRequested(input: BrandInput): Promise<string | null>
  /** Resolves with the error to show in the form, or null when the brand was saved. */
  editSaved(id: number, patch: BrandPatch): Promise<string | null>
  enabledToggled(brand: BrandSummary): Promise<void>
  removeConfirmed(id: number): Promise<void>
  fileImported(fileName: string, content: string): Promise<void>
  messagesDismissed(): void
}

export type BrandsStore = StoreApi<BrandsState & BrandsActions>

/** The brands' store: the catalog's brands with their counts and last runs. */
export function createBrandsStore(api: Api): BrandsStore {
  const store: BrandsStore = createStore<BrandsState & BrandsActions>()((set, get) => ({
    brands: [],
    loading: false,
    loaded: false,
    error: null,
    notice: null,

    async opened() {
      await get().refreshRequested()
    },

    async refreshRequested() {
      set({ loading: true })
      try {
        const brands = await api.brands.list()
        set({ brands, loading: false, loaded: true, error: null })
      } catch (error) {
        set({ loading: false, loaded: true, error: errorMessage(error) })
      }
    },

    async addRequested(input) {
      try {
        const brand = await api.brands.add(input)
        set({ brands: sortBrands([...get().brands, brand]), notice: `Added ${brand.name}.` })
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async editSaved(id, patch) {
      try {
        const brand = await api.brands.update({ id, patch })
        set({ brands: sortBrands(get().brands.map((b) => (b.id === id ? brand : b))) })
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async enabledToggled(brand) {
      const message = await get().editSaved(brand.id, { enabled: !brand.enabled })
      if (message) set({ error: message })
    },

    async removeConfirmed(id) {
      try {
        await api.brands.remove({ id })
        const removed = get().brands.find((b) => b.id === id)
        set({
          brands: get().brands.filter((b) => b.id !== id),
          notice: removed ? `Removed ${removed.name}.` : null,
          error: null
        })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },

    async fileImported(fileName, content) {
      const format = /\.csv$/i.test(fileName) ? 'csv' : 'json'
      try {
        const { added, updated } = await api.brands.import({ format, content })
        set({ notice: `Imported ${fileName}: ${added} added, ${updated} updated.`, error: null })
        await get().refreshRequested()
      } catch (error) {
        set({ error: `Could not import ${fileName}: ${errorMessage(error)}`, notice: null })
      }
    },

    messagesDismissed() {
      set({ error: null, notice: null })
    }
  }))
  return store
}

function sortBrands(brands: BrandSummary[]): BrandSummary[] {
  return [...brands].sort((a, b) => a.name.localeCompare(b.name))
}
