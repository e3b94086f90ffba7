import { tokenize } from '../index/lexical/tokenizer.js';

/**
 * Where a question's words fall in a sentence, beyond which of them it contains: whether they
 * come as the question's phrases, close together, and what the sentence says besides. An answer
 * sentence of a crowd-written question usually repeats a phrase of it ("the first emperor of")
 * and holds words the question lacks (the answer itself). Exact stems only: the lexical index
 * already scores synonyms.
 */
export interface QuestionTerms {
  /** Distinct content stems, in the order of `LexicalIndex.querySlotWeights`. */
  slots: readonly string[];
  /** Content stems in question order, repeats kept: the question's phrases. */
  sequence: readonly string[];
}

/** Content stems of a text, in order (stopwords dropped, as the lexical index does). */
export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((token) => !token.stopword)
    .map((token) => token.stem);
}

export function questionTerms(question: string): QuestionTerms {
  const sequence = contentStems(question);
  return { slots: [...new Set(sequence)], sequence };
}

export interface PhraseMatch {
  /** Share of the question's adjacent word pairs found in order, at most one word apart. */
  bigramShare: number;
  /** The longest run of consecutive question words found consecutively, over the question's length. */
  longestRun: number;
  /** Distinct question words matched over the span (in words) they occupy: 1 when side by side. */
  density: number;
  /** Content words of the sentence that are not the question's: where an answer can be. */
  novelWords: number;
}

export function phraseMatch(question: QuestionTerms, sentence: readonly string[]): PhraseMatch {
  const wanted = new Set(question.slots);
  const positions = new Map<string, number[]>();
  sentence.forEach((stem, position) => {
    if (!wanted.has(stem)) return;
    const list = positions.get(stem);
    if (list) list.push(position);
    else positions.set(stem, [position]);
  });
  const { sequence } = question;
  let bigrams = 0;
  let found = 0;
  for (let index = 0; index + 1 < sequence.length; index += 1) {
    const first = positions.get(sequence[index] ?? '') ?? [];
    const second = positions.get(sequence[index + 1] ?? '') ?? [];
    bigrams += 1;
    if (first.some((at) => second.some((next) => next > at && next - at <= 2))) found += 1;
  }
  let longest = 0;
  for (let start = 0; start < sequence.length; start += 1) {
    for (const at of positions.get(sequence[start] ?? '') ?? []) {
      let length = 1;
      while (start + length < sequence.length && sentence[at + length] === sequence[start + length]) length += 1;
      longest = Math.max(longest, length);
    }
  }
  const matched = [...positions.values()];
  let density = 0;
  if (matched.length >= 2) {
    const all = matched.flat();
    density = matched.length / (Math.max(...all) - Math.min(...all) + 1);
  }
  return {
    bigramShare: bigrams > 0 ? found / bigrams : 0,
    longestRun: sequence.length > 0 ? longest / sequence.length : 0,
    density,
    novelWords: sentence.filter((stem) => !wanted.has(stem)).length,
  };
}

/** Share of the question's slot weight whose stems the text holds (`weights` aligned with `slots`). */
export function weightedCoverage(question: QuestionTerms, weights: readonly number[], text: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  question.slots.forEach((stem, slot) => {
    const weight = weights[slot] ?? 1;
    total += weight;
    if (text.has(stem)) covered += weight;
  });
  return total > 0 ? covered / total : 0;
}
