import { stemmer } from 'stemmer';
import { stopwords } from './stopwords.js';

export interface Token {
  /** The word as written (possessive removed), e.g. `Hegseth`, `U.S.`. */
  text: string;
  /** Lowercase form; abbreviations keep their dots (`u.s.`) and acronyms gain them (`US` -> `u.s.`). */
  normalized: string;
  /** Porter stem of `normalized`; abbreviations and numbers are their own stem. */
  stem: string;
  stopword: boolean;
  /** Written with a capital first letter. */
  capitalized: boolean;
  /** First word of the text or of one of its sentences, where a capital says nothing about names. */
  sentenceInitial: boolean;
}

// Dotted abbreviations first ("U.S.", "a.m."), so that "U.S." never becomes the pronoun "us".
const wordPattern = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const contractionSuffix = /(?:n't|'re|'ve|'ll|'d|'m)$/;
const possessiveSuffix = /'s$/;
const acronymPattern = /^\p{Lu}{2,5}$/u;
const dottedPattern = /^(?:\p{L}\.)+$/u;
const digitsPattern = /^\p{N}+$/u;
const sentenceBoundary = /[.?!:;"“”]/;

/**
 * Splits text into word tokens, stopwords included (flagged) so that callers can still see
 * multi-word phrases such as "secretary of state".
 */
export function tokenize(text: string): Token[] {
  const unified = text.replace(/[’‘`]/g, "'");
  // Several words all in capitals ("WHAT DID HE SAY") have no acronyms to tell apart; a lone
  // capitalised word ("US", as WordNet writes the country) still does.
  const shouted = !/\p{Ll}/u.test(unified) && /\S\s+\S/.test(unified.trim());
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of unified.matchAll(wordPattern)) {
    const start = match.index;
    const between = unified.slice(previousEnd, start);
    previousEnd = start + match[0].length;
    const sentenceInitial = tokens.length === 0 || sentenceBoundary.test(between);
    const token = makeToken(match[0], { shouted, sentenceInitial });
    if (token) tokens.push(token);
  }
  return tokens;
}

/** The tokens that carry meaning: no stopwords. */
export function contentTokens(text: string): Token[] {
  return tokenize(text).filter((token) => !token.stopword);
}

/** The stem of a lowercase word, as the index stores it. */
export function stemOf(normalized: string): string {
  if (dottedPattern.test(normalized) || digitsPattern.test(normalized)) return normalized;
  return stemmer(normalized);
}

function makeToken(raw: string, context: { shouted: boolean; sentenceInitial: boolean }): Token | null {
  const text = raw.replace(possessiveSuffix, '');
  if (text.length === 0) return null;
  const capitalized = /^\p{Lu}/u.test(text);
  let normalized: string;
  if (!context.shouted && acronymPattern.test(text)) {
    normalized = [...text.toLowerCase()].map((letter) => `${letter}.`).join('');
  } else {
    normalized = text.toLowerCase();
  }
  // "can't", "we're": the word before the contraction decides ("ca", "we" are stopwords).
  const base = normalized.replace(contractionSuffix, '');
  const singleLetter = normalized.length === 1 && !digitsPattern.test(normalized);
  const stopword = singleLetter || stopwords.has(normalized) || (base !== normalized && stopwords.has(base));
  return {
    text,
    normalized,
    stem: stemOf(normalized),
    stopword,
    capitalized,
    sentenceInitial: context.sentenceInitial,
  };
}
