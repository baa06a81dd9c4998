import type { AnyNode, Element } from 'domhandler'
import { hasAttribute, hasDescendantNamed, isElement, type PageElements } from '../page-elements'

// Page chrome: a heading or price in here is not the product's. A `<header>` counts only as the
// site's banner (with navigation or a search form): shops also wrap the product's h1 in one. As a
// selector: `header:has(nav), header:has(form), [role="banner"], footer, nav, aside, dialog,
// [role="dialog"], [aria-modal="true"], [hidden]`, tested in code to spare a CSS engine pass.
const CHROME_TAGS: ReadonlySet<string> = new Set(['footer', 'nav', 'aside', 'dialog'])
const BANNER_CONTENT: ReadonlySet<string> = new Set(['nav', 'form'])
const CHROME_ROLES: ReadonlySet<string> = new Set(['banner', 'dialog'])
const HIDDEN_CLASS = /(^|[\s_-])(hidden|invisible|sr-only|visually-hidden)($|[\s_-])/i

const chromeByPage = new WeakMap<PageElements, ReadonlySet<Element>>()

/** The page's chrome containers (see `CHROME_TAGS`), found once per page. */
function chromeOf(page: PageElements): ReadonlySet<Element> {
  let chrome = chromeByPage.get(page)
  if (!chrome) {
    chrome = new Set(
      page.all.filter((element) => {
        const { name, attribs } = element
        return (
          CHROME_TAGS.has(name) ||
          (attribs.role != null && CHROME_ROLES.has(attribs.role)) ||
          attribs['aria-modal'] === 'true' ||
          hasAttribute(element, 'hidden') ||
          (name === 'header' && hasDescendantNamed(element, BANNER_CONTENT))
        )
      })
    )
    chromeByPage.set(page, chrome)
  }
  return chrome
}

/**
 * A test "is this element inside (or one of) the page's chrome — site banner, navigation,
 * footer, sidebar, dialog, `[hidden]` — or an element `extra` accepts". Walks up the parents, as
 * `closest` would, without a selector engine.
 */
export function insideChrome(
  page: PageElements,
  extra: (element: Element) => boolean = () => false
): (element: AnyNode) => boolean {
  const chrome = chromeOf(page)
  return (element) => {
    for (let node: AnyNode | null = element; node; node = node.parent) {
      if (isElement(node) && (chrome.has(node) || extra(node))) return true
    }
    return false
  }
}

// Per element, whether it or an ancestor is hidden: several heuristics ask about the same
// branches, and a parsed page does not change.
const hiddenByElement = new WeakMap<Element, boolean>()

/** True if the element or an ancestor is hidden by a class ("sr-only", …) or inline style. */
export function isHidden(element: Element): boolean {
  // Up to the nearest ancestor already known (a loop, not recursion: hostile pages nest deep),
  // then down again, noting each on the way.
  const unknown: Element[] = []
  let hidden = false
  for (let node: AnyNode | null = element; node && node.type !== 'root'; node = node.parent) {
    const known = hiddenByElement.get(node as Element)
    if (known !== undefined) {
      hidden = known
      break
    }
    unknown.push(node as Element)
  }
  for (let i = unknown.length - 1; i >= 0; i--) {
    hidden ||= hidesItself(unknown[i]!)
    hiddenByElement.set(unknown[i]!, hidden)
  }
  return hidden
}

function hidesItself(node: Element): boolean {
  return (
    HIDDEN_CLASS.test(node.attribs.class ?? '') ||
    node.attribs.hidden != null ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(node.attribs.style ?? '')
  )
}
