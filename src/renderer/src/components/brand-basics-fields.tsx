import { useId, type ReactNode } from 'react'
import { Field } from './field'

/** A brand's name, website, priority and enabled switch, as typed in the brand form. */
export interface BrandBasics {
  name: string
  website: string
  enabled: boolean
  priority: number
}

/** Props of {@link BrandBasicsFields}. */
export interface BrandBasicsFieldsProps {
  values: BrandBasics
  onChange: (values: BrandBasics) => void
}

/** The brand form's controls above its advanced crawl settings. */
export function BrandBasicsFields({ values, onChange }: BrandBasicsFieldsProps): ReactNode {
  const enabledId = useId()
  const change = (patch: Partial<BrandBasics>): void => onChange({ ...values, ...patch })
  return (
    <>
      <Field label="Name">
        {(id) => (
          <input
            id={id}
            value={values.name}
            required
            maxLength={200}
            autoFocus
            placeholder="KRK Systems"
            onChange={(e) => change({ name: e.target.value })}
          />
        )}
      </Field>
      <Field label="Website" hint="The home page the scraper starts from.">
        {(id) => (
          <input
            id={id}
            type="url"
            value={values.website}
            required
            placeholder="https://www.krkmusic.com/"
            onChange={(e) => change({ website: e.target.value })}
          />
        )}
      </Field>
      <Field label="Priority" hint="Higher is scraped first.">
        {(id) => (
          <input
            id={id}
            type="number"
            step={1}
            value={values.priority}
            onChange={(e) => {
              const priority = e.target.valueAsNumber
              change({ priority: Number.isFinite(priority) ? priority : 0 })
            }}
          />
        )}
      </Field>
      <div className="field field-inline">
        <input
          id={enabledId}
          type="checkbox"
          checked={values.enabled}
          onChange={(e) => change({ enabled: e.target.checked })}
        />
        <label htmlFor={enabledId}>Enabled (scraped by Start)</label>
      </div>
    </>
  )
}
