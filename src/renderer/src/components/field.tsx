import { useId, type ReactNode } from 'react'

/** Props of {@link Field}. */
export interface FieldProps {
  label: string
  /** Label and control on one line, as in a toolbar. Default: false (the label above). */
  inline?: boolean
  /** A line under the control saying what it does; none by default. */
  hint?: string
  /** Renders the control, given the id its label points to. */
  children: (id: string) => ReactNode
}

/** A labelled form control. */
export function Field({ label, inline = false, hint, children }: FieldProps): ReactNode {
  const id = useId()
  return (
    <div className={inline ? 'field field-inline' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <span className="hint">{hint}</span>}
    </div>
  )
}
