/**
 * A schema.org node as JSON-LD spells it: `@type`, `@id` and properties whose values are scalars,
 * nodes or arrays of either. Microdata and RDFa items are converted to this shape too, so that one
 * reader (`productFromSchemaNode`) serves all three syntaxes.
 */
export type SchemaNode = { [property: string]: unknown }

/** Nodes by `@id`, to follow references such as `"offers": { "@id": "#offer" }` in an `@graph`. */
export type SchemaIndex = Map<string, SchemaNode>

/** True for a plain object (not an array, not null). */
export function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A value as a list: `undefined`/`null` → `[]`, an array as is, anything else → `[value]`. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** Bare schema.org name of an IRI or compact IRI: `http://schema.org/InStock` → `InStock`. */
export function bareName(iri: string): string {
  return iri
    .trim()
    .replace(/^https?:\/\/(www\.)?schema\.org\//i, '')
    .replace(/^schema:/i, '')
}

/** The node's types as bare names: `"@type": ["schema:Product", "Car"]` → `['Product', 'Car']`. */
export function typesOf(node: SchemaNode): string[] {
  return asArray(node['@type'] ?? node.type)
    .filter((type): type is string => typeof type === 'string')
    .map(bareName)
}

/** True if the node has one of `types`. */
export function hasType(node: SchemaNode, types: ReadonlySet<string>): boolean {
  return typesOf(node).some((type) => types.has(type))
}

/**
 * Values of a property, whichever way the key is written (`name`, `schema:name`,
 * `http://schema.org/name`), with `{ "@value": x }` unwrapped and `{ "@id": x }` references
 * replaced by the node they name when `index` has it.
 */
export function values(node: SchemaNode, property: string, index?: SchemaIndex): unknown[] {
  const found: unknown[] = []
  for (const key of spellings(property)) {
    for (const value of asArray(node[key])) found.push(unwrap(value, index))
  }
  return found
}

const spellingsByProperty = new Map<string, readonly string[]>()

/**
 * The keys a property may be written as, built once per property: `values` runs often. The
 * properties are this code's own names, never a page's, so the map stays small.
 */
function spellings(property: string): readonly string[] {
  let keys = spellingsByProperty.get(property)
  if (!keys) {
    keys = [
      property,
      `schema:${property}`,
      `http://schema.org/${property}`,
      `https://schema.org/${property}`
    ]
    spellingsByProperty.set(property, keys)
  }
  return keys
}

function unwrap(value: unknown, index?: SchemaIndex): unknown {
  if (!isNode(value)) return value
  if ('@value' in value) return value['@value']
  const id = value['@id']
  if (typeof id === 'string' && index?.has(id) && Object.keys(value).length === 1) {
    return index.get(id)
  }
  return value
}

/** First value of a property that is a non-empty string or a number, as a string. */
export function firstString(
  node: SchemaNode,
  property: string,
  index?: SchemaIndex
): string | null {
  for (const value of values(node, property, index)) {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    if (typeof value === 'string' && value.trim() !== '') return value
  }
  return null
}

/** Values of a property that are nodes. */
export function nodes(node: SchemaNode, property: string, index?: SchemaIndex): SchemaNode[] {
  return values(node, property, index).filter(isNode)
}

/** Collect every node with an `@id` in a tree, so that references can be followed. */
export function indexNodes(roots: unknown[]): SchemaIndex {
  const index: SchemaIndex = new Map()
  const visit = (value: unknown, depth: number): void => {
    if (depth > 20) return
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1)
      return
    }
    if (!isNode(value)) return
    const id = value['@id']
    // Keep the fullest node for an id: a reference `{ "@id": x }` must not hide the definition.
    if (typeof id === 'string' && Object.keys(value).length > 1) {
      const known = index.get(id)
      if (!known || Object.keys(known).length < Object.keys(value).length) index.set(id, value)
    }
    for (const child of Object.values(value)) visit(child, depth + 1)
  }
  visit(roots, 0)
  return index
}
