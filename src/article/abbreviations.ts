/**
 * Words that end with a period without ending the sentence. Kept lowercase and without the
 * final period; compared case-insensitively against the word before a period.
 */

/** Titles and short forms that are always followed by more of the same sentence ("Gen. Smith", "Jan. 5"). */
export const continuingAbbreviations: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'rev', 'hon', 'fr', 'sr', 'st', 'mt', 'ft',
  'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt', 'adm', 'cmdr', 'cdr', 'brig',
  'sen', 'rep', 'reps', 'gov', 'pres', 'sec', 'supt', 'det', 'insp', 'atty', 'amb', 'gens',
  'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'vs', 'v', 'approx', 'dept', 'univ', 'e.g', 'i.e', 'cf',
]);

/** Abbreviations that continue the sentence only before a number ("No. 5", but "said no. The…"). */
export const numberedAbbreviations: ReadonlySet<string> = new Set(['no', 'nos', 'vol', 'vols', 'fig', 'figs', 'pp', 'art']);

/**
 * Abbreviations that may also close a sentence ("troops left the U.S. The president said…"):
 * they end one only when a typical sentence opener follows.
 */
export const terminalCapableAbbreviations: ReadonlySet<string> = new Set([
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'jr', 'bros', 'etc', 'a.m', 'p.m', 'ave', 'blvd', 'rd',
]);

/** Capitalised words that typically open a sentence; after "U.S." they signal a new one. */
export const sentenceOpeners: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our',
  'my', 'your', 'this', 'that', 'these', 'those', 'there', 'here', 'but', 'and', 'or', 'so', 'yet',
  'in', 'on', 'at', 'for', 'as', 'after', 'before', 'when', 'while', 'if', 'since', 'because',
  'although', 'though', 'meanwhile', 'however', 'still', 'now', 'then', 'later', 'earlier', 'last',
  'some', 'many', 'most', 'no', 'not', 'one', 'what', 'who', 'why', 'how', 'where', 'officials',
  'speaking', 'asked', 'according', 'despite', 'during', 'under', 'with', 'without', 'both', 'neither',
]);
