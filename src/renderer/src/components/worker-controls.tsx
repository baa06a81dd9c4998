import { useState, type ReactNode } from 'react'
import type { StartMode } from '../../../shared/worker-mode'
import { useWorkerStore } from '../stores/stores-context'
import { workerBusy } from '../stores/worker-selectors'
import { maxWorkerCount } from '../stores/worker-store'
import { Field } from './field'

/** The mode, delay and worker count of the next Start, and the Start and Stop buttons. */
export function WorkerControls(): ReactNode {
  const busy = useWorkerStore(workerBusy)
  const stopping = useWorkerStore((s) => s.status.state === 'stopping')
  const mode = useWorkerStore((s) => s.mode)
  const delay = useWorkerStore((s) => s.delay)
  const pending = useWorkerStore((s) => s.pending)
  const startRequested = useWorkerStore((s) => s.startRequested)
  const stopRequested = useWorkerStore((s) => s.stopRequested)
  const modeChanged = useWorkerStore((s) => s.modeChanged)
  const delayChanged = useWorkerStore((s) => s.delayChanged)
  const workerCount = useWorkerStore((s) => s.workerCount)
  const workerCountChanged = useWorkerStore((s) => s.workerCountChanged)
  // The count as typed: a user clearing the field to type "3" must not see it snap back to 1.
  const [countText, setCountText] = useState(String(workerCount))

  return (
    <form
      className="worker-controls"
      onSubmit={(event) => {
        event.preventDefault()
        void startRequested()
      }}
    >
      <Field label="Mode">
        {(id) => (
          <select
            id={id}
            value={mode}
            disabled={busy}
            onChange={(e) => modeChanged(e.target.value as StartMode)}
          >
            <option value="continuous">Continuous (brand after brand, until stopped)</option>
            <option value="once">Once (the next brand due, then stop)</option>
          </select>
        )}
      </Field>
      <Field label="Delay between brands (seconds)">
        {(id) => (
          <input
            id={id}
            type="number"
            min={0}
            max={86400}
            step={1}
            value={delay}
            disabled={busy || mode === 'once'}
            onChange={(e) => delayChanged(e.target.valueAsNumber)}
          />
        )}
      </Field>
      <Field label="Workers" hint="Processes sharing the queue, each on its own brand.">
        {(id) => (
          <input
            id={id}
            type="number"
            min={1}
            max={maxWorkerCount}
            step={1}
            required
            value={countText}
            disabled={busy}
            onChange={(e) => {
              setCountText(e.target.value)
              // The browser refuses the submit while it is out of range, saying why.
              if (e.target.validity.valid) workerCountChanged(e.target.valueAsNumber)
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy || pending !== null}>
          {pending === 'start' ? 'Starting…' : 'Start'}
        </button>
        <button
          type="button"
          disabled={!busy || stopping || pending !== null}
          onClick={() => void stopRequested()}
        >
          {stopping || pending === 'stop' ? 'Stopping…' : 'Stop'}
        </button>
      </div>
    </form>
  )
}
