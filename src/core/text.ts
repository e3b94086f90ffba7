/** Small text helpers more than one stage needs. */

/** The text as a regular expression matching it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text without its accents ("Émilie" → "Emilie"): letters decomposed, combining marks dropped. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}
