import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { BrandSettings, BrandSummary } from '../../../shared/brand'
import { BrandBasicsFields, type BrandBasics } from './brand-basics-fields'
import { hasSettings, parseSettingsDraft, settingsDraftFrom } from './brand-settings-draft'
import { BrandSettingsFields } from './brand-settings-fields'

/** What the form produces: the basics, trimmed, and the crawl settings. */
export interface BrandFormValues extends BrandBasics {
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
  const [basics, setBasics] = useState<BrandBasics>(() => ({
    name: props.brand?.name ?? '',
    website: props.brand?.website ?? 'https://',
    enabled: props.brand?.enabled ?? true,
    priority: props.brand?.priority ?? 0
  }))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [settingsDraft, setSettingsDraft] = useState(() =>
    settingsDraftFrom(props.brand?.settings ?? {})
  )
  const [settingsOpen, setSettingsOpen] = useState(() => hasSettings(props.brand?.settings ?? {}))
  // Counts refused submits: each one shows every error and focuses the first wrong control.
  const [refusedSubmits, setRefusedSubmits] = useState(0)
  const form = useRef<HTMLFormElement>(null)
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
          .onSubmit({
            ...basics,
            name: basics.name.trim(),
            website: basics.website.trim(),
            settings
          })
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
      <BrandBasicsFields values={basics} onChange={setBasics} />
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
