import type { ReactNode } from 'react'

/** Props of {@link MessageBanner}. */
export interface MessageBannerProps {
  kind: 'error' | 'notice'
  children: ReactNode
  /** Shows a Dismiss button when given. */
  onDismiss?: () => void
}

/** A line above a panel: an error says what to do; a notice confirms what happened. */
export function MessageBanner(props: MessageBannerProps): ReactNode {
  return (
    <div
      className={`banner banner-${props.kind}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
    >
      <span className="banner-text">{props.children}</span>
      {props.onDismiss && (
        <button type="button" className="button-quiet" onClick={props.onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  )
}
