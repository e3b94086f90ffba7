import { segmentSentences } from '../../src/article/sentence-segmenter.js';

/** How well an extracted text matches the text a person marked as the article, sentence by sentence. */
export interface TextScore {
  /** Share of the expected sentences found in the extracted text. */
  recall: number;
  /** Share of the extracted sentences that belong to the expected text. */
  precision: number;
  expectedSentences: number;
  extractedSentences: number;
  missing: string[];
  extra: string[];
}

/** Sentences of paragraphs (one per line), split the way the article loader splits them, spacing collapsed. */
export function sentencesOf(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((paragraph) => {
    const text = paragraph.replace(/\s+/gu, ' ').trim();
    return segmentSentences(text, { start: 0, end: text.length }).map((span) => text.slice(span.start, span.end));
  });
}

/** Recall and precision over sentences, counting each sentence as often as it occurs. */
export function scoreText({ expected, extracted }: { expected: readonly string[]; extracted: readonly string[] }): TextScore {
  const wanted = sentencesOf(expected);
  const got = sentencesOf(extracted);
  const missing = unmatched(wanted, got);
  const extra = unmatched(got, wanted);
  return {
    recall: wanted.length === 0 ? 1 : (wanted.length - missing.length) / wanted.length,
    precision: got.length === 0 ? (wanted.length === 0 ? 1 : 0) : (got.length - extra.length) / got.length,
    expectedSentences: wanted.length,
    extractedSentences: got.length,
    missing,
    extra,
  };
}

function unmatched(sentences: readonly string[], pool: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const sentence of pool) counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
  return sentences.filter((sentence) => {
    const left = counts.get(sentence) ?? 0;
    if (left === 0) return true;
    counts.set(sentence, left - 1);
    return false;
  });
}
