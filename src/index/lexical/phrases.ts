import type { Token } from './tokenizer.js';

/** Longest phrase looked for, in words ("secretary of state"). */
export const maxPhraseLength = 3;

export interface PhraseWindow {
  /** Positions in the token list covered by the phrase. */
  first: number;
  last: number;
  /** Lowercase words joined by `_`, WordNet's spelling of multi-word lemmas. */
  lemma: string;
  /** Stems joined by `_`: how the index stores the phrase. */
  key: string;
}

/** Every run of 2..3 consecutive tokens that starts and ends with a content word. */
export function phraseWindows(tokens: readonly Token[]): PhraseWindow[] {
  const windows: PhraseWindow[] = [];
  for (let first = 0; first < tokens.length; first += 1) {
    if (tokens[first]?.stopword) continue;
    for (let last = first + 1; last < Math.min(tokens.length, first + maxPhraseLength); last += 1) {
      if (tokens[last]?.stopword) continue;
      const words = tokens.slice(first, last + 1);
      windows.push({
        first,
        last,
        lemma: words.map((token) => token.normalized).join('_'),
        key: phraseKey(words),
      });
    }
  }
  return windows;
}

export function phraseKey(tokens: readonly Token[]): string {
  return tokens.map((token) => token.stem).join('_');
}
