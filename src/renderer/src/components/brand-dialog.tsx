import type { ReactNode } from 'react'
import type { BrandSummary } from '../../../shared/brand'
import { useBrandsStore } from '../stores/stores-context'
import { BrandForm } from './brand-form'
import { BrandRemoveConfirmation } from './brand-remove-confirmation'
import { ModalDialog } from './modal-dialog'

/** What the brand dialog is open for. */
export type BrandTask =
  { kind: 'add' } | { kind: 'edit'; brand: BrandSummary } | { kind: 'remove'; brand: BrandSummary }

/** Props of {@link BrandDialog}. */
export interface BrandDialogProps {
  /** What the dialog does; null when it is closed. */
  task: BrandTask | null
  onClose: () => void
}

/** Adds, edits or removes a brand, in a modal dialog. */
export function BrandDialog({ task, onClose }: BrandDialogProps): ReactNode {
  const addRequested = useBrandsStore((s) => s.addRequested)
  const editSaved = useBrandsStore((s) => s.editSaved)
  // Saved: the dialog closes. Refused: it stays open and the form shows why.
  const closeWhenSaved = (message: string | null): string | null => {
    if (!message) onClose()
    return message
  }

  return (
    <ModalDialog title={dialogTitle(task)} open={task !== null} onClose={onClose}>
      {task?.kind === 'add' && (
        <BrandForm
          onCancel={onClose}
          onSubmit={async (values) => closeWhenSaved(await addRequested(values))}
        />
      )}
      {task?.kind === 'edit' && (
        <BrandForm
          brand={task.brand}
          onCancel={onClose}
          onSubmit={async (values) => closeWhenSaved(await editSaved(task.brand.id, values))}
        />
      )}
      {task?.kind === 'remove' && <BrandRemoveConfirmation brand={task.brand} onClose={onClose} />}
    </ModalDialog>
  )
}

function dialogTitle(task: BrandTask | null): string {
  if (task?.kind === 'edit') return `Edit ${task.brand.name}`
  if (task?.kind === 'remove') return `Remove ${task.brand.name}?`
  return 'Add a brand'
}
