import type { ReactNode } from 'react'
import { useWorkerStore } from '../stores/stores-context'
import { MessageBanner } from './message-banner'

/** Says that the worker crashed, or that the coordinator gave up restarting it. */
export function WorkerCrashBanner(): ReactNode {
  const gaveUp = useWorkerStore((s) => s.status.gave_up)
  const crashedExit = useWorkerStore((s) =>
    s.status.state === 'crashed' ? s.status.last_exit : null
  )
  if (gaveUp) {
    return (
      <MessageBanner kind="error">
        The worker kept crashing and was not restarted: {gaveUp} Check the log for its last lines,
        then press Start to try again.
      </MessageBanner>
    )
  }
  if (!crashedExit) return null
  return (
    <MessageBanner kind="error">
      The worker crashed ({crashedExit.reason}
      {crashedExit.code !== null ? `, exit code ${crashedExit.code}` : ''}). The log shows its last
      lines.
    </MessageBanner>
  )
}
