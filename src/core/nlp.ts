import { createRequire } from 'node:module';
import type compromise from 'compromise';

/**
 * compromise, from its single-file CommonJS build. Its ES module entry is ~450 files that Node
 * resolves and links one by one: importing it took ~0.55 s of `npm run ask`'s cold start, the
 * bundle ~0.3 s for the same code (bench/README.md, "Cold start").
 */
export const nlp: typeof compromise = createRequire(import.meta.url)('compromise');

/** A parsed compromise document. */
export type NlpDocument = ReturnType<typeof compromise>;

/** Questions are short and asked one at a time: a handful of recent parses is all that is ever reused. */
const recentParsesKept = 16;
const recentParses = new Map<string, NlpDocument>();

/**
 * The parsed document of a text, shared by every stage that reads the same text. Parsing (tagging)
 * a question costs ~1 ms, and one answer read the question 3–4 times (its focus, its qualifiers,
 * the people it names, twice when the rules are consulted): bench/README.md, "Warm answer".
 * Callers only read the document (`match`, `people`, `out`, `text`); one that changes it (`tag`,
 * `replace`, `toLowerCase`, …) must parse its own copy with `nlp`.
 */
export function parseText(text: string): NlpDocument {
  const known = recentParses.get(text);
  if (known) {
    // Most recently used last, so the oldest parse is the one dropped.
    recentParses.delete(text);
    recentParses.set(text, known);
    return known;
  }
  const parsed = nlp(text);
  recentParses.set(text, parsed);
  if (recentParses.size > recentParsesKept) recentParses.delete(recentParses.keys().next().value ?? '');
  return parsed;
}
