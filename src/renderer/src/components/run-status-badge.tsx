import type { ReactNode } from 'react'
import type { RunStatus } from '../../../shared/run'

const labels: Record<RunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  stopped: 'Stopped',
  interrupted: 'Interrupted'
}

/** A run's outcome as a coloured pill; an em dash for never run. */
export function RunStatusBadge(props: { status: RunStatus | null | undefined }): ReactNode {
  if (!props.status) return <span className="muted">Never run</span>
  return <span className={`badge badge-run-${props.status}`}>{labels[props.status]}</span>
}
