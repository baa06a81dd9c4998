import type { ReactNode } from 'react'
import type { BrandSummary } from '../../../shared/brand'
import { formatDateTime, formatDue, formatHost, formatShortDateTime, formatSpan } from '../format'
import { useBrandsStore, useWorkersStore } from '../stores/stores-context'
import { workerOnBrand } from '../stores/workers-selectors'
import { BrandScrapeButton } from './brand-scrape-button'
import { RunStatusBadge } from './run-status-badge'

/** Props of {@link BrandRow}. */
export interface BrandRowProps {
  brand: BrandSummary
  /** The clock the next due time is counted from. */
  now: number
  /** The user asked to edit this brand. */
  onEdit: () => void
  /** The user asked to remove this brand (the dialog confirms it). */
  onRemove: () => void
}

/**
 * One brand in the brands table: its counts, last run, when it is next due and which worker holds
 * it, enabled switch and actions.
 */
export function BrandRow({ brand, now, onEdit, onRemove }: BrandRowProps): ReactNode {
  const enabledToggled = useBrandsStore((s) => s.enabledToggled)
  // The registry is pushed as workers move; the list's claim is as of its last refresh.
  const liveHolder = useWorkersStore((s) => workerOnBrand(s, brand.name))
  const holder = liveHolder ?? brand.claimedBy
  const lastRun = brand.lastRun
  return (
    <tr data-testid={`brand-row-${brand.name}`} data-last-run={lastRun?.id ?? ''}>
      <th scope="row">{brand.name}</th>
      <td>
        <a href={brand.website} target="_blank" rel="noreferrer noopener">
          {formatHost(brand.website)}
        </a>
      </td>
      <td className="numeric">{brand.productCount.toLocaleString()}</td>
      <td>{formatShortDateTime(brand.lastScrapedAt)}</td>
      <td>
        <RunStatusBadge status={lastRun?.status ?? brand.lastStatus} />
        {lastRun && lastRun.status !== 'running' && (
          <span className="muted"> in {formatSpan(lastRun.startedAt, lastRun.endedAt)}</span>
        )}
      </td>
      <td data-testid={`brand-due-${brand.name}`}>
        <span title={brand.nextDueAt ? formatDateTime(brand.nextDueAt) : undefined}>
          {formatDue(brand.nextDueAt, now, brand.lastScrapedAt !== null)}
        </span>
        {holder && (
          <span className="row-holder muted" title={holder.id}>
            scraping on {holder.host} (pid {holder.pid})
          </span>
        )}
      </td>
      <td>
        <input
          type="checkbox"
          checked={brand.enabled}
          aria-label={`${brand.name} enabled`}
          onChange={() => void enabledToggled(brand)}
        />
      </td>
      <td className="row-actions">
        <BrandScrapeButton brand={brand.name} holder={holder} />
        <button type="button" className="button-quiet" onClick={onEdit}>
          Edit<span className="visually-hidden"> {brand.name}</span>
        </button>
        <button type="button" className="button-quiet" onClick={onRemove}>
          Remove<span className="visually-hidden"> {brand.name}</span>
        </button>
      </td>
    </tr>
  )
}
