import { foldAccents } from '../../core/text.js';
import { baseFormCandidates } from './morphy.js';
import { phraseWindows } from './phrases.js';
import { stemOf, tokenize, type Token } from './tokenizer.js';

/** What the query analysis needs to know about the index. */
export interface Vocabulary {
  has(term: string): boolean;
  /** Article terms related to a key that the articles do not use, with relation weights. */
  synonymsOf(key: string): ReadonlyArray<readonly [term: string, weight: number]> | undefined;
  /** Index terms sharing the word's root (a long common prefix): cognates and typos. */
  sameRootTerms(word: string): readonly string[];
}

/** One content word of the query and the index terms that can stand for it. */
export interface QuerySlot {
  token: Token;
  /** Index term -> weight: 1 for the word itself, < 1 for WordNet relations. */
  alternatives: Map<string, number>;
}

/**
 * Maps each distinct content word of the query to index terms: itself (weight 1) when the index
 * has it, plus the article terms WordNet relates it to (weight < 1), so "soldiers" also finds a
 * sentence about "troops" even in an article that says "soldiers" elsewhere. A phrase of the
 * query ("United States") that the index knows, or relates to an index term ("U.S."), adds that
 * term to each of its words.
 */
export function analyseQuery(query: string, vocabulary: Vocabulary): QuerySlot[] {
  const tokens = tokenize(query);
  const slotsByPosition = new Map<number, QuerySlot>();
  const seenStems = new Set<string>();
  tokens.forEach((token, position) => {
    if (token.stopword || seenStems.has(token.stem)) return;
    seenStems.add(token.stem);
    slotsByPosition.set(position, { token, alternatives: wordAlternatives(token, vocabulary) });
  });
  for (const phrase of phraseWindows(tokens)) {
    const alternatives = synonymAlternatives([phrase.key], vocabulary);
    if (vocabulary.has(phrase.key)) alternatives.set(phrase.key, 1);
    if (alternatives.size === 0) continue;
    for (let position = phrase.first; position <= phrase.last; position += 1) {
      const slot = slotsByPosition.get(position);
      if (!slot) continue;
      for (const [term, weight] of alternatives) addAlternative(slot.alternatives, term, weight);
    }
  }
  return [...slotsByPosition.values()];
}

function wordAlternatives(token: Token, vocabulary: Vocabulary): Map<string, number> {
  // Porter and WordNet disagree on some inflections ("bluffing" stems to "bluf", "bluff" to
  // "bluff"), so the stems of the word's base forms are tried when its own stem is unknown.
  const baseStems = baseFormCandidates(token.normalized).map(stemOf);
  const exact = vocabulary.has(token.stem) ? [token.stem] : baseStems.filter((stem) => vocabulary.has(stem));
  const alternatives = synonymAlternatives([token.stem, ...baseStems], vocabulary);
  for (const stem of exact) alternatives.set(stem, 1);
  // A word neither the articles nor WordNet know may still share a root with an article word:
  // a misspelling ("Sheinbam") or a cognate in the asker's language ("restricciones").
  if (alternatives.size === 0) {
    for (const term of vocabulary.sameRootTerms(foldAccents(token.normalized))) addAlternative(alternatives, term, sameRootWeight);
  }
  return alternatives;
}

const sameRootWeight = 0.35;

function synonymAlternatives(keys: readonly string[], vocabulary: Vocabulary): Map<string, number> {
  const alternatives = new Map<string, number>();
  for (const key of keys) {
    for (const [term, weight] of vocabulary.synonymsOf(key) ?? []) addAlternative(alternatives, term, weight);
  }
  return alternatives;
}

function addAlternative(alternatives: Map<string, number>, term: string, weight: number): void {
  if ((alternatives.get(term) ?? 0) < weight) alternatives.set(term, weight);
}
