import { useId, useState, type ReactNode } from 'react'
import type { BrandSummary } from '../../../shared/brand'

/** What the form produces. */
export interface BrandFormValues {
  name: string
  website: string
  enabled: boolean
  priority: number
}

/** Props of {@link BrandForm}. */
export interface BrandFormProps {
  /** The brand being edited; absent to add one. */
  brand?: BrandSummary
  /** Resolves with the error to show, or null when saved. */
  onSubmit: (values: BrandFormValues) => Promise<string | null>
  onCancel: () => void
}

/** Add or edit a brand: name, website, priority, enabled. */
export function BrandForm(props: BrandFormProps): ReactNode {
  const [name, setName] = useState(props.brand?.name ?? '')
  const [website, setWebsite] = useState(props.brand?.website ?? 'https://')
  const [priority, setPriority] = useState(props.brand?.priority ?? 0)
  const [enabled, setEnabled] = useState(props.brand?.enabled ?? true)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const ids = { name: useId(), website: useId(), priority: useId(), enabled: useId() }

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault()
        setSaving(true)
        void props
          .onSubmit({ name: name.trim(), website: website.trim(), enabled, priority })
          .then((message) => {
            setSaving(false)
            setError(message)
          })
      }}
    >
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input
          id={ids.name}
          value={name}
          required
          maxLength={200}
          autoFocus
          placeholder="KRK Systems"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.website}>Website</label>
        <input
          id={ids.website}
          type="url"
          value={website}
          required
          placeholder="https://www.krkmusic.com/"
          onChange={(e) => setWebsite(e.target.value)}
        />
        <span className="hint">The home page the scraper starts from.</span>
      </div>
      <div className="field">
        <label htmlFor={ids.priority}>Priority</label>
        <input
          id={ids.priority}
          type="number"
          step={1}
          value={priority}
          onChange={(e) =>
            setPriority(Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : 0)
          }
        />
        <span className="hint">Higher is scraped first.</span>
      </div>
      <div className="field field-inline">
        <input
          id={ids.enabled}
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <label htmlFor={ids.enabled}>Enabled (scraped by Start)</label>
      </div>
      <div className="button-row dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={saving}>
          {props.brand ? 'Save' : 'Add brand'}
        </button>
      </div>
    </form>
  )
}
