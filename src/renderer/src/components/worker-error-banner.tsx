import type { ReactNode } from 'react'
import { useWorkerStore } from '../stores/stores-context'
import { MessageBanner } from './message-banner'

/** The worker's last failed request (Start, Stop, or Scrape on a brand's row), until dismissed. */
export function WorkerErrorBanner(): ReactNode {
  const error = useWorkerStore((s) => s.error)
  const errorDismissed = useWorkerStore((s) => s.errorDismissed)
  if (!error) return null
  return (
    <MessageBanner kind="error" onDismiss={errorDismissed}>
      {error}
    </MessageBanner>
  )
}
