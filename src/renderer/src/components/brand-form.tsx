import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { BrandSettings, BrandSummary } from '../../../shared/brand'
import { hasSettings, parseSettingsDraft, settingsDraftFrom } from './brand-settings-draft'
import { BrandSettingsFields } from './brand-settings-fields'

/** What the form produces. */
export interface BrandFormValues {
  name: string
  website: string
  enabled: boolean
  priority: number
  /**
   * The brand's whole crawl settings, without empty keys (an empty control means "the default").
   * On edit it replaces the stored settings, so a pattern the user removed is removed.
   */
  settings: BrandSettings
}

/** Props of {@link BrandForm}. */
export interface BrandFormProps {
  /** The brand being edited; absent to add one. */
  brand?: BrandSummary
  /** Resolves with the error to show, or null when saved. */
  onSubmit: (values: BrandFormValues) => Promise<string | null>
  onCancel: () => void
}

/** Add or edit a brand: name, website, priority, enabled, and its advanced crawl settings. */
export function BrandForm(props: BrandFormProps): ReactNode {
  const [name, setName] = useState(props.brand?.name ?? '')
  const [website, setWebsite] = useState(props.brand?.website ?? 'https://')
  const [priority, setPriority] = useState(props.brand?.priority ?? 0)
  const [enabled, setEnabled] = useState(props.brand?.enabled ?? true)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [settingsDraft, setSettingsDraft] = useState(() =>
    settingsDraftFrom(props.brand?.settings ?? {})
  )
  const [settingsOpen, setSettingsOpen] = useState(() => hasSettings(props.brand?.settings ?? {}))
  // Counts refused submits: each one shows every error and focuses the first wrong control.
  const [refusedSubmits, setRefusedSubmits] = useState(0)
  const form = useRef<HTMLFormElement>(null)
  const ids = { name: useId(), website: useId(), priority: useId(), enabled: useId() }
  const { settings, errors: settingsErrors } = parseSettingsDraft(settingsDraft)

  useEffect(() => {
    if (refusedSubmits === 0) return
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [refusedSubmits])

  return (
    <form
      ref={form}
      className="form"
      onSubmit={(event) => {
        event.preventDefault()
        if (Object.keys(settingsErrors).length > 0) {
          setSettingsOpen(true)
          setRefusedSubmits((count) => count + 1)
          return
        }
        setSaving(true)
        void props
          .onSubmit({ name: name.trim(), website: website.trim(), enabled, priority, settings })
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
      <BrandSettingsFields
        draft={settingsDraft}
        errors={settingsErrors}
        onDraftChange={setSettingsDraft}
        showAllErrors={refusedSubmits > 0}
        open={settingsOpen}
        onOpenChange={setSettingsOpen}
      />
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
