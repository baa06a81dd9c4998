import { useEffect, useRef, type ReactNode } from 'react'

/** Props of {@link ModalDialog}. */
export interface ModalDialogProps {
  title: string
  open: boolean
  /** Called on Escape, on Cancel, and after a submit the caller accepted. */
  onClose: () => void
  children: ReactNode
}

/**
 * A native modal `<dialog>`: the browser traps focus inside it, returns focus on close and closes
 * it on Escape.
 */
export function ModalDialog(props: ModalDialogProps): ReactNode {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (props.open && !dialog.open) dialog.showModal()
    if (!props.open && dialog.open) dialog.close()
  }, [props.open])
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={props.title}
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
    >
      <h3 className="dialog-title">{props.title}</h3>
      {props.open && props.children}
    </dialog>
  )
}
