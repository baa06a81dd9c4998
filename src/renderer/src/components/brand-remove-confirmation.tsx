import type { ReactNode } from 'react'
import type { BrandSummary } from '../../../shared/brand'
import { useBrandsStore } from '../stores/stores-context'

/** Props of {@link BrandRemoveConfirmation}. */
export interface BrandRemoveConfirmationProps {
  brand: BrandSummary
  /** Closes the dialog, removed or not. */
  onClose: () => void
}

/** Says what removing a brand removes, and asks to confirm. */
export function BrandRemoveConfirmation({
  brand,
  onClose
}: BrandRemoveConfirmationProps): ReactNode {
  const removeConfirmed = useBrandsStore((s) => s.removeConfirmed)
  return (
    <div className="form">
      <p>
        {brand.name} and its {brand.productCount} products will be removed from the catalog. Its
        website is not affected; you can add it again later.
      </p>
      <div className="button-row dialog-buttons">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button-danger"
          onClick={() => {
            void removeConfirmed(brand.id)
            onClose()
          }}
        >
          Remove
        </button>
      </div>
    </div>
  )
}
