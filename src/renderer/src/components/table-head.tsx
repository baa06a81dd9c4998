import type { ReactNode } from 'react'

/** A column of a {@link TableHead}. */
export interface TableColumn {
  label: string
  /** Right-aligned, for counts. Default: false. */
  numeric?: boolean
  /** Said to screen readers only (a column of buttons). Default: false. */
  hidden?: boolean
}

/** Props of {@link TableHead}. */
export interface TableHeadProps {
  columns: TableColumn[]
}

/** The header row of a `<table className="table">`. */
export function TableHead({ columns }: TableHeadProps): ReactNode {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.label} scope="col" className={column.numeric ? 'numeric' : undefined}>
            {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  )
}
