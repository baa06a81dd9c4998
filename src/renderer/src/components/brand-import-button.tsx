import { useRef, type ReactNode } from 'react'
import { useBrandsStore } from '../stores/stores-context'

/** Imports brands from a JSON or CSV file the user picks. */
export function BrandImportButton(): ReactNode {
  const fileImported = useBrandsStore((s) => s.fileImported)
  const fileInput = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Import JSON or CSV…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,.csv,application/json,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Brands file to import"
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared so that picking the same file again imports it again.
          event.target.value = ''
          if (file) void file.text().then((content) => fileImported(file.name, content))
        }}
      />
    </>
  )
}
