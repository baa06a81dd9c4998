import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { logLevels, type LogLevel } from '../../../shared/log-entry'
import { copyText } from '../copy-text'
import { formatLogLine } from '../format'
import { useBrandsStore, useLogsStore } from '../stores/stores-context'
import { BrandFilterSelect } from './brand-filter-select'
import { Field } from './field'

/** Props of {@link LogsToolbar}. */
export interface LogsToolbarProps {
  /** Copy was pressed: says how many lines were copied, or that the clipboard refused. */
  onCopied: (message: string) => void
}

/** The log viewer's filters (level, brand, search), Following, Copy and Log file. */
export function LogsToolbar({ onCopied }: LogsToolbarProps): ReactNode {
  const filter = useLogsStore((s) => s.filter)
  const following = useLogsStore((s) => s.following)
  const entries = useLogsStore((s) => s.entries)
  const actions = useLogsStore(
    useShallow((s) => ({
      levelFilterChanged: s.levelFilterChanged,
      brandFilterChanged: s.brandFilterChanged,
      searchChanged: s.searchChanged,
      followToggled: s.followToggled,
      logFileRequested: s.logFileRequested
    }))
  )
  const brandNames = useBrandsStore(useShallow((s) => s.brands.map((b) => b.name)))

  const copyAll = async (): Promise<void> => {
    const ok = await copyText(entries.map(formatLogLine).join('\n'))
    onCopied(
      ok
        ? `Copied ${entries.length.toLocaleString()} lines.`
        : 'This window may not use the clipboard.'
    )
  }

  return (
    <div className="toolbar">
      <Field label="Level" inline>
        {(id) => (
          <select
            id={id}
            value={filter.level}
            onChange={(e) => void actions.levelFilterChanged(e.target.value as LogLevel | '')}
          >
            <option value="">All</option>
            {logLevels.map((level) => (
              <option key={level} value={level}>
                {level} and above
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Brand" inline>
        {(id) => (
          <BrandFilterSelect
            id={id}
            value={filter.brand}
            brandNames={brandNames}
            onChange={(brand) => void actions.brandFilterChanged(brand)}
          />
        )}
      </Field>
      <Field label="Search" inline>
        {(id) => (
          <input
            id={id}
            type="search"
            value={filter.q}
            placeholder="Text in the message"
            onChange={(e) => actions.searchChanged(e.target.value)}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="button" aria-pressed={following} onClick={actions.followToggled}>
          {following ? 'Following' : 'Paused'}
        </button>
        <button type="button" onClick={() => void copyAll()} disabled={entries.length === 0}>
          Copy
        </button>
        <button type="button" onClick={() => void actions.logFileRequested()}>
          Log file
        </button>
      </div>
    </div>
  )
}
