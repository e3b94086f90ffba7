import type { RetrievedSentence } from '../core/types.js';

/**
 * Whether the article answers a question, from how well its best sentence matches. The thresholds
 * are calibrated on the dev set (`npm run eval`), not on any article's words.
 */
export interface AnswerabilityThresholds {
  /** Minimum fused score of the best sentence. */
  minScore: number;
  /** Minimum when the question names things (people, places) the articles never mention. */
  minScoreWithUnknownNames: number;
}

export const defaultThresholds: AnswerabilityThresholds = {
  minScore: 0.3,
  minScoreWithUnknownNames: 0.6,
};

export interface AnswerabilityVerdict {
  answerable: boolean;
  bestScore: number;
  unknownNames: string[];
}

export function answerability({
  question,
  retrieved,
  unknownTerms,
  thresholds = defaultThresholds,
}: {
  question: string;
  retrieved: readonly RetrievedSentence[];
  unknownTerms: readonly string[];
  thresholds?: AnswerabilityThresholds | undefined;
}): AnswerabilityVerdict {
  const bestScore = retrieved[0]?.score ?? 0;
  const unknownNames = properNamesIn(question).filter((name) =>
    unknownTerms.some((term) => term.toLowerCase() === name.toLowerCase()),
  );
  const needed = unknownNames.length > 0 ? thresholds.minScoreWithUnknownNames : thresholds.minScore;
  return { answerable: bestScore >= needed, bestScore, unknownNames };
}

/** Capitalised words that are not the question's first word: the names a question is about. */
export function properNamesIn(question: string): string[] {
  const words = question.match(/[\p{L}][\p{L}\p{M}'’.-]*/gu) ?? [];
  return words.filter((word, position) => position > 0 && /^\p{Lu}/u.test(word) && !/^(I|I'm|I'd)$/.test(word)).map((word) => word.replace(/[’']s$/, ''));
}
