// Scores answers to SQuAD questions: a sentence answers when it is from the question's article
// and holds one of the annotators' answer spans. Ranking and answer are scored apart: R@k and MRR
// read the variant's ranked sentences (whatever the citation policy or a refusal does with them),
// citation precision and "answer cited" read the answer. Pure: answers in, numbers out.
import type { Answer } from '../../src/core/types.js';
import { holdsAnswer, type SquadQuestion } from './squad.js';

export interface SquadScore {
  answerable: boolean;
  refused: boolean;
  /** 1-based rank of the first answering sentence in the variant's ranking, or null. */
  rank: number | null;
  /** The answer was given and cites at least one answering sentence. */
  answerCited: boolean;
  cited: number;
  answeringCited: number;
  /** The first citation comes from the question's article (null when nothing was cited). */
  rightArticleFirst: boolean | null;
}

/** A ranked sentence: enough to tell whether it answers. */
export interface RankedSentence {
  articleId: string;
  text: string;
}

/**
 * `ranking` is the variant's own order of sentences for the question (the first few suffice),
 * the same whether the answer then cites them or refuses.
 */
export function scoreSquadAnswer(
  question: SquadQuestion,
  answer: Pick<Answer, 'found' | 'citations'>,
  ranking: readonly RankedSentence[],
): SquadScore {
  const answers = answer.citations.map((citation) => holdsAnswer(question, { articleId: citation.article, text: citation.text }));
  const first = ranking.findIndex((sentence) => holdsAnswer(question, sentence));
  const firstCitation = answer.citations[0];
  return {
    answerable: question.answerable,
    refused: !answer.found,
    rank: first === -1 ? null : first + 1,
    answerCited: answer.found && answers.some(Boolean),
    cited: answer.citations.length,
    answeringCited: answers.filter(Boolean).length,
    rightArticleFirst: firstCitation ? firstCitation.article === question.article : null,
  };
}

export interface SquadSummary {
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  /** Share of answerable questions answered (not refused) with at least one answering citation. */
  answerCited: number;
  /** Share of the sentences cited for answerable questions that hold an answer span. */
  citationPrecision: number;
  unanswerableRefused: number;
  answerableRefused: number;
  /** Among answerable questions that were answered. */
  rightArticleAt1: number;
}

export function summariseSquad(scores: readonly SquadScore[]): SquadSummary {
  const answerable = scores.filter((score) => score.answerable);
  const unanswerable = scores.filter((score) => !score.answerable);
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const answered = answerable.filter((score) => score.rightArticleFirst !== null);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    recallAt1: share(answerable.filter((score) => score.rank === 1).length, answerable.length),
    recallAt3: share(answerable.filter((score) => score.rank !== null && score.rank <= 3).length, answerable.length),
    mrr: share(answerable.reduce((sum, score) => sum + (score.rank ? 1 / score.rank : 0), 0), answerable.length),
    answerCited: share(answerable.filter((score) => score.answerCited).length, answerable.length),
    citationPrecision: share(
      answerable.reduce((sum, score) => sum + score.answeringCited, 0),
      answerable.reduce((sum, score) => sum + score.cited, 0),
    ),
    unanswerableRefused: share(unanswerable.filter((score) => score.refused).length, unanswerable.length),
    answerableRefused: share(answerable.filter((score) => score.refused).length, answerable.length),
    rightArticleAt1: share(answered.filter((score) => score.rightArticleFirst).length, answered.length),
  };
}

/** Refused shares at each threshold, from the answerability probabilities: the whole trade-off. */
export function refusalCurve(
  entries: ReadonlyArray<{ answerable: boolean; probability: number }>,
  thresholds: readonly number[],
): Array<{ threshold: number; unanswerableRefused: number; answerableRefused: number }> {
  const answerable = entries.filter((entry) => entry.answerable);
  const unanswerable = entries.filter((entry) => !entry.answerable);
  return thresholds.map((threshold) => ({
    threshold,
    unanswerableRefused: unanswerable.filter((entry) => entry.probability < threshold).length / Math.max(1, unanswerable.length),
    answerableRefused: answerable.filter((entry) => entry.probability < threshold).length / Math.max(1, answerable.length),
  }));
}
