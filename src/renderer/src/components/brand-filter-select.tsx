/** Props of {@link BrandFilterSelect}. */
export interface BrandFilterSelectProps {
  id: string
  /** The selected brand's name, or '' for all brands. */
  value: string
  brandNames: string[]
  onChange(brand: string): void
}

/** "All brands" or one brand: the filter the products table and the log viewer share. */
export function BrandFilterSelect({
  id,
  value,
  brandNames,
  onChange
}: BrandFilterSelectProps): React.JSX.Element {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All brands</option>
      {brandNames.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  )
}
