import type { ReactNode } from 'react'

/** Props of {@link Fact}. */
export interface FactProps {
  /** What the value is, shown above it. */
  term: string
  children: ReactNode
  /** `data-testid` of the value, for the end-to-end tests; none by default. */
  testId?: string
}

/** One term and its value in a `<dl className="facts">` list. */
export function Fact({ term, children, testId }: FactProps): ReactNode {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  )
}
