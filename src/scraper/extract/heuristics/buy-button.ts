import type { Element } from 'domhandler'
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
    const text = controlText(element)
    if (text.length > 60) continue
    const marked = BUY_MARK.test(
      `${element.attribs.id ?? ''} ${element.attribs.class ?? ''} ${element.attribs.name ?? ''}`
    )
    const reads = BUY_TEXT.test(text)
    const notify = NOTIFY_TEXT.test(text) || stockWording(text) === 'OutOfStock'
    if (control ? !reads && !marked : !(reads && marked)) continue
    if (inChrome(element) || isHidden(element)) continue
    count++
    first ??= { element, purchasable: !notify && !disabled(element) }
  }
  return first ? { ...first, count } : null
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
  let text = ''
  const stack = [...element.children]
  while (stack.length > 0 && text.length <= 200) {
    const node = stack.shift()!
    if (node.type === 'text') text += ` ${node.data}`
    else if ('children' in node && node.type === 'tag') stack.unshift(...node.children)
  }
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
