import type { Article } from '../core/types.js';

// PLACEHOLDER with the final signatures; the lexical-index work replaces the body.
export interface LexicalHit {
  sentenceId: string;
  /** Raw BM25 score (with synonym matches weighted down). */
  score: number;
  /** Score scaled into [0, 1] for fusion. */
  normalized: number;
  /** Query terms (after synonym expansion) that matched this sentence, as they appear stemmed. */
  matchedTerms: string[];
}

export interface LexicalIndex {
  search(query: string, limit: number): LexicalHit[];
  /** Content words of the query that occur nowhere in the indexed articles, even through synonyms. */
  unknownTerms(query: string): string[];
  toJSON(): unknown;
}

export function buildLexicalIndex(_articles: readonly Article[]): LexicalIndex {
  throw new Error('not implemented yet');
}

export function lexicalIndexFromJSON(_data: unknown): LexicalIndex {
  throw new Error('not implemented yet');
}
