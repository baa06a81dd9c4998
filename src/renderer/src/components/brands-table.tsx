import type { ReactNode } from 'react'
import type { BrandSummary } from '../../../shared/brand'
import { useBrandsStore } from '../stores/stores-context'
import { useNow } from '../use-now'
import { BrandRow } from './brand-row'
import { TableHead, type TableColumn } from './table-head'

const columns: TableColumn[] = [
  { label: 'Name' },
  { label: 'Website' },
  { label: 'Products', numeric: true },
  { label: 'Last scraped' },
  { label: 'Last run' },
  { label: 'Next due' },
  { label: 'Enabled' },
  { label: 'Actions', hidden: true }
]

/** Props of {@link BrandsTable}. */
export interface BrandsTableProps {
  /** The user asked to edit a brand. */
  onEdit: (brand: BrandSummary) => void
  /** The user asked to remove a brand. */
  onRemove: (brand: BrandSummary) => void
}

/** The catalog's brands, one row each. */
export function BrandsTable({ onEdit, onRemove }: BrandsTableProps): ReactNode {
  const brands = useBrandsStore((s) => s.brands)
  // "in 3 h" counts down; a minute is fine enough for hours.
  const now = useNow(true, 60_000)
  return (
    <div className="table-scroll">
      <table className="table">
        <TableHead columns={columns} />
        <tbody>
          {brands.map((brand) => (
            <BrandRow
              key={brand.id}
              brand={brand}
              now={now}
              onEdit={() => onEdit(brand)}
              onRemove={() => onRemove(brand)}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}
