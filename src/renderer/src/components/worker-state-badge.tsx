import type { ReactNode } from 'react'
import type { WorkerState } from '../../../shared/worker-status'

const labels: Record<WorkerState, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  crashed: 'Crashed'
}

/** The worker's state as a coloured pill. */
export function WorkerStateBadge(props: { state: WorkerState }): ReactNode {
  return (
    <span className={`badge badge-${props.state}`} data-testid="worker-state">
      {labels[props.state]}
    </span>
  )
}
