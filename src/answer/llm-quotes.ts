/**
 * Finds words a model presents as quotations and checks them against the article. A generated
 * text may paraphrase freely, but anything inside quotation marks must be the article's own words.
 */

/** Straight, curly, guillemet, German low-high and single curly quotation marks. */
const quotedPattern = /"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]|‘([^’]+)’/gu;

/** Punctuation a writer may move inside or outside the closing mark, and elisions at either end. */
const edgePunctuation = /^[\s.,;:!?…]+|[\s.,;:!?…]+$/gu;

/** The words inside each pair of quotation marks, in order. */
export function quotedSpans(text: string): string[] {
  return [...text.matchAll(quotedPattern)].map((match) => match.slice(1).find((group) => group !== undefined) ?? '');
}

/**
 * The quoted spans of `text` that are not copied from any of `sources`. Whitespace runs count as
 * one space, and the first letter may change case ("Absolutely ruled out" opening a sentence).
 */
export function unsupportedQuotes(text: string, sources: readonly string[]): string[] {
  const normalisedSources = sources.map(collapseWhitespace);
  return quotedSpans(text).filter((span) => {
    const words = collapseWhitespace(span).replace(edgePunctuation, '');
    if (words === '') return false;
    return !normalisedSources.some((source) => containsAllowingInitialCase(source, words));
  });
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

function containsAllowingInitialCase(source: string, words: string): boolean {
  if (source.includes(words)) return true;
  const first = words.charAt(0);
  const rest = words.slice(1);
  return source.includes(first.toLowerCase() + rest) || source.includes(first.toUpperCase() + rest);
}
