import { collapseWhitespace } from './html-text'

// Steps that name the site, not the product's kind.
const ROOT_STEP =
  /^(home|homepage|home page|start|startseite|accueil|inicio|início|home ?page|all|all categories|all products|todas las categorías|alle kategorien|toutes les catégories|shop|store)$/i

/**
 * A category path from breadcrumb steps or a category string: steps trimmed of separators, the
 * site's root step ("Home") and what precedes it dropped, the product itself (`productName`) dropped from the end,
 * joined most general first with " > ". Null when nothing is left.
 */
export function normalizeCategory(
  path: string | readonly string[],
  productName?: string | null
): string | null {
  const steps = (typeof path === 'string' ? path.split(/\s+[>›»|<]\s+/) : [...path])
    .map((step) => collapseWhitespace(step).replace(/^[\s/>›»|•·]+|[\s/>›»|•·]+$/g, ''))
    .filter((step) => step !== '')
  // Everything up to the root step is navigation too ("Back to All Products • Home > Cat").
  const root = steps.slice(0, 3).findLastIndex((step) => ROOT_STEP.test(step))
  if (root >= 0) steps.splice(0, root + 1)
  while (steps.length > 0 && /^(back to|return to)\b/i.test(steps[0]!)) steps.shift()
  const name = productName ? collapseWhitespace(productName).toLowerCase() : null
  while (steps.length > 0) {
    const last = steps[steps.length - 1]!
    // Shops end breadcrumbs with the product or its item number ("SKU: W005759888").
    if ((name && last.toLowerCase() === name) || /^(sku|item|art\.?|model)\b.*[:#]/i.test(last)) {
      steps.pop()
    } else break
  }
  return steps.length === 0 ? null : steps.join(' > ')
}
