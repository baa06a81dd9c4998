import type { CheerioAPI } from 'cheerio'
import type { AnyNode, Element } from 'domhandler'

/** The elements of a parsed page, collected once for all the layers that read it. */
export interface PageElements {
  /** Every element in document order: what `$('*')` matches. */
  all: readonly Element[]
  /** The elements with this tag name as parsed (lowercase for HTML elements), in document order. */
  named: (name: string) => readonly Element[]
}

const collected = new WeakMap<CheerioAPI, PageElements>()

/**
 * The elements of the page `$` holds, collected in one walk on the first call and kept for later
 * calls with the same `$`. The layers filter these lists instead of running `$(selector)`, which
 * compiles the selector and walks the whole document again each time: that was most of the
 * extraction's cost. The page must not be changed after the first call.
 */
export function pageElements($: CheerioAPI): PageElements {
  let page = collected.get($)
  if (!page) {
    page = collectElements($.root().toArray())
    collected.set($, page)
  }
  return page
}

/**
 * Elements under `roots`, in the order and with the reach of css-select's search: depth first,
 * into every node that has children — so `<template>` contents count, as they do for `$`.
 */
function collectElements(roots: readonly AnyNode[]): PageElements {
  const all: Element[] = []
  const byName = new Map<string, Element[]>()
  const stack: AnyNode[] = []
  for (const root of roots) {
    if ('children' in root) {
      for (let i = root.children.length - 1; i >= 0; i--) {
        const child = root.children[i]!
        // `$(selector)` starts from the root's elements only.
        if (isElement(child)) stack.push(child)
      }
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!
    if (isElement(node)) {
      all.push(node)
      const list = byName.get(node.name)
      if (list) list.push(node)
      else byName.set(node.name, [node])
    }
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
    }
  }
  return { all, named: (name) => byName.get(name) ?? [] }
}

/** True for element nodes: domhandler types `<script>` and `<style>` apart from other tags. */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style'
}

/** True if the element has the attribute, as CSS `[name]` tests it. */
export function hasAttribute(element: Element, name: string): boolean {
  // The plain lookup first: it rules out most elements, and the own-property test only guards
  // against names such as "constructor" that every object answers.
  return (
    element.attribs[name] != null && Object.prototype.hasOwnProperty.call(element.attribs, name)
  )
}

/** True if any descendant of `node` (template contents included) is an element named so. */
export function hasDescendantNamed(node: AnyNode, names: ReadonlySet<string>): boolean {
  if (!('children' in node)) return false
  for (const child of node.children) {
    if (isElement(child) && names.has(child.name)) return true
    if (hasDescendantNamed(child, names)) return true
  }
  return false
}

/**
 * The descendant elements of `node` named so, in document order: what `$(node).find(name)`
 * matches on a page from `parseHtml` (whose `<template>` contents are plain children), without a
 * selector engine.
 */
export function descendantsNamed(node: AnyNode, names: ReadonlySet<string>): Element[] {
  const found: Element[] = []
  if (!('children' in node)) return found
  const stack: AnyNode[] = [...node.children].reverse()
  while (stack.length > 0) {
    const next = stack.pop()!
    if (isElement(next) && names.has(next.name)) found.push(next)
    if ('children' in next) {
      for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!)
    }
  }
  return found
}

/**
 * The element's ancestor elements, nearest first, up to the document (or `<template>` content)
 * root: cheerio's `parents()`. With `limit`, only the nearest `limit` of them: the walk stops there.
 */
export function ancestorsOf(element: AnyNode, limit = Infinity): Element[] {
  const found: Element[] = []
  for (
    let node = element.parent;
    node && node.type !== 'root' && found.length < limit;
    node = node.parent
  ) {
    found.push(node as Element)
  }
  return found
}

/** `[attribute="value" i]` as css-select tests it; `value` is given in lowercase. */
export function equalsIgnoringCase(attribute: string | undefined, value: string): boolean {
  return attribute != null && attribute.length === value.length && attribute.toLowerCase() === value
}

/** True if `node` comes after `anchor` in document order and is not one of its ancestors. */
export function follows(anchor: AnyNode, node: AnyNode): boolean {
  const a = pathFromRoot(anchor)
  const b = pathFromRoot(node)
  let depth = 0
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++
  if (depth === b.length) return false
  if (depth === a.length) return true
  const parent = a[depth - 1]
  if (!parent || !('children' in parent)) return false
  const siblings = parent.children as AnyNode[]
  return siblings.indexOf(b[depth]!) > siblings.indexOf(a[depth]!)
}

/** The node's ancestors and itself, outermost first. */
function pathFromRoot(start: AnyNode): AnyNode[] {
  const chain: AnyNode[] = []
  for (let current: AnyNode | null = start; current; current = current.parent) chain.push(current)
  return chain.reverse()
}
