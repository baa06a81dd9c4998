import type { ReactNode } from 'react'

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  title: string
  /** What to do about it. */
  children?: ReactNode
}

/** What a panel shows with nothing in it: what is missing, and how to get some. */
export function EmptyState(props: EmptyStateProps): ReactNode {
  return (
    <div className="empty-state">
      <p className="empty-title">{props.title}</p>
      {props.children && <div className="empty-hint">{props.children}</div>}
    </div>
  )
}
