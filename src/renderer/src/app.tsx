import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { BrandsPanel } from './components/brands-panel'
import { IngestionPanel } from './components/ingestion-panel'
import { LogsPanel } from './components/logs-panel'
import { ProductsPanel } from './components/products-panel'
import { WorkerPanel } from './components/worker-panel'
import { WorkerStateBadge } from './components/worker-state-badge'
import { useWorkerStore } from './stores/stores-context'

const tabs = [
  { id: 'worker', label: 'Worker', Panel: WorkerPanel },
  { id: 'brands', label: 'Brands', Panel: BrandsPanel },
  { id: 'products', label: 'Products', Panel: ProductsPanel },
  { id: 'logs', label: 'Log', Panel: LogsPanel },
  { id: 'ingestion', label: 'Ingestion', Panel: IngestionPanel }
] as const

export type TabId = (typeof tabs)[number]['id']

/** The app's window: a header with the worker's state, tabs, and the chosen panel. */
export function App(props: { initialTab?: TabId }): ReactNode {
  const [active, setActive] = useState<TabId>(props.initialTab ?? 'brands')
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({})

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = tabs.findIndex((t) => t.id === active)
    let next: number | null = null
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length
    if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length
    if (event.key === 'Home') next = 0
    if (event.key === 'End') next = tabs.length - 1
    if (next === null) return
    event.preventDefault()
    const tab = tabs[next]!
    setActive(tab.id)
    tabRefs.current[tab.id]?.focus()
  }

  const ActivePanel = tabs.find((t) => t.id === active)!.Panel
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Brand Scraper</h1>
        <div role="tablist" aria-label="Sections" className="tabs" onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              ref={(el) => {
                tabRefs.current[tab.id] = el
              }}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={tab.id === active}
              aria-controls={`panel-${tab.id}`}
              tabIndex={tab.id === active ? 0 : -1}
              className="tab"
              onClick={() => setActive(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <HeaderStatus />
      </header>
      <main
        className="app-main"
        role="tabpanel"
        id={`panel-${active}`}
        aria-labelledby={`tab-${active}`}
      >
        <ActivePanel />
      </main>
    </div>
  )
}

function HeaderStatus(): ReactNode {
  const state = useWorkerStore((s) => s.status.state)
  const brand = useWorkerStore((s) => s.status.current_brand)
  return (
    <div className="header-status" aria-live="polite">
      <span className="visually-hidden">Worker: </span>
      <WorkerStateBadge state={state} />
      {brand && <span className="muted ellipsis">{brand}</span>}
    </div>
  )
}
