import type { AnyNode, Element } from 'domhandler'
import { collapseWhitespace } from '../html-text'
import type { PageElements } from '../page-elements'
import { insideChrome, isHidden } from './page-chrome'
import { stockWording } from './stock-wording'

/** The page's main buy button and what it says about stock. */
export interface BuyButton {
  element: Element
  /**
   * False when the button is disabled (`disabled`, `aria-disabled="true"`, a "disabled" class)
   * or reads as a "notify me" / "sold out" button: the product cannot be bought now.
   */
  purchasable: boolean
  /** Buy buttons on the page: many are a listing's, one per product. */
  count: number
}

// "Add to cart" in the languages shops use, as button text.
const BUY_TEXT = new RegExp(
  [
    'add to (cart|bag|basket|trolley|order)',
    'buy( it)? now',
    '^buy$',
    'pre-?order',
    'in den (warenkorb|einkaufswagen)',
    '^(jetzt )?kaufen$',
    'ajouter au (panier|sac)',
    '^acheter',
    'a[ñn]adir (al carrito|a la (cesta|bolsa))',
    'agregar al carrito',
    '^comprar',
    'aggiungi al carrello',
    '^acquista',
    'compra ora',
    'in (de )?winkel(wagen|mand)',
    '^koop nu',
    'adicionar (ao carrinho|à sacola)',
    'lägg i (varukorg|kundvagn)',
    'læg i (kurv|indkøbskurv)',
    'legg i handlekurv',
    'lisää ostoskoriin',
    'dodaj do koszyka',
    '^kup teraz',
    '(do|v) koš[ií]k',
    'u košaricu',
    'v košarico',
    'adaug[aă] [iî]n co[sș]',
    'kosárba',
    'в корзину',
    '^купить',
    'sepete ekle',
    'カートに(入れる|追加)',
    '今すぐ購入',
    '加入(购物车|購物車)',
    '放入購物車',
    '立即(购买|購買)',
    '장바구니',
    '바로 ?구매',
    '구매하기'
  ].join('|'),
  'iu'
)

// Words of an id, class or name that mark an add-to-cart control.
const BUY_MARK =
  /add[-_]?to[-_]?(cart|bag|basket|trolley)|addtocart|add-cart|buy[-_]?(now|button|box)|buynow|(^|[\s_-])(buy|atc|(btn|button)[-_]?cart|cart[-_]?(btn|button))([\s_-]|$)/i
const BUTTON_CLASS = /(^|[\s_-])(btn|button)([\s_-]|$)/i
const DISABLED_CLASS = /(^|[\s_-])(disabled|is-disabled|inactive|unavailable|sold-?out)($|[\s_-])/i
const NOTIFY_TEXT = /notify|e-?mail me|benachrichtig|avertir|prévenir|avísame|avvisami|powiadom/i

/**
 * The page's buy button: a `button`, a submit `input`, or a link styled as a button, whose text
 * reads "Add to cart" (or "In den Warenkorb", "Ajouter au panier", "カートに入れる", …) or whose id,
 * class or name marks it as one ("add-to-cart", "buy-now"), outside the page chrome. The first in
 * document order wins: the main product's comes before recommended products'. A disabled one, or
 * a "Notify me" / "Sold out" button in its place, says the product cannot be bought; null when
 * the page has none.
 */
export function buyButton(page: PageElements): BuyButton | null {
  const inChrome = insideChrome(page)
  let first: Omit<BuyButton, 'count'> | null = null
  let count = 0
  for (const element of page.all) {
    // Shops also build buttons from a div or span with a click handler: those count when both
    // their text and their class say "buy".
    const control = isControl(element)
    if (!control && !(element.name === 'div' || element.name === 'span')) continue
    // Cheap tests first (this runs on every div and span): the id, class and name, then the text.
    const marked = marksBuy(element)
    if (!control && !marked) continue
    const text = controlText(element)
    if (text.length > 60) continue
    const reads = BUY_TEXT.test(text)
    if (!reads && !(control && marked)) continue
    if (inChrome(element) || isHidden(element)) continue
    count++
    if (first == null) {
      const notify = NOTIFY_TEXT.test(text) || stockWording(text) === 'OutOfStock'
      first = { element, purchasable: !notify && !disabled(element) }
    }
  }
  return first ? { ...first, count } : null
}

/** `BUY_MARK` in the id, class or name, each tested apart (none of its words holds a space). */
function marksBuy(element: Element): boolean {
  const { id, class: className, name } = element.attribs
  return (
    (id != null && BUY_MARK.test(id)) ||
    (className != null && BUY_MARK.test(className)) ||
    (name != null && BUY_MARK.test(name))
  )
}

function isControl(element: Element): boolean {
  const { name, attribs } = element
  if (name === 'button') return true
  if (name === 'input') return /^(submit|button|image)$/i.test(attribs.type ?? '')
  if (name === 'a') return attribs.role === 'button' || BUTTON_CLASS.test(attribs.class ?? '')
  return false
}

function controlText(element: Element): string {
  if (element.name === 'input') return collapseWhitespace(element.attribs.value ?? '')
  // The text nodes in document order, inside tags (not scripts or styles), until past 200
  // characters: a button's label is short, a wrapper's text is not read whole.
  let text = ''
  const walk = (nodes: readonly AnyNode[]): void => {
    for (const node of nodes) {
      if (text.length > 200) return
      if (node.type === 'text') text += ` ${node.data}`
      else if (node.type === 'tag') walk(node.children)
    }
  }
  walk(element.children)
  return collapseWhitespace(text)
}

function disabled(element: Element): boolean {
  const { attribs } = element
  return (
    'disabled' in attribs ||
    attribs['aria-disabled'] === 'true' ||
    DISABLED_CLASS.test(attribs.class ?? '')
  )
}
