// The arithmetic of `npm run train` and of its leave-one-article-out cross-validation
// (`npm run train -- --cv`): candidates gathered once per question, then models fitted and
// scored in memory, so every choice (features, penalty, thresholds, floors) is measured on an
// article the fit never saw. Pure apart from `gatherRetrieval`, which asks the retriever.
import type { Party, RetrievedSentence } from '../../src/core/types.js';
import { answerability, answerabilityFeatures, modelAnswerability, type AnswerabilityInput } from '../../src/answer/answerability.js';
import { fitCalibration, fitListwiseRanker, fitLogisticRegression, predictLogit, type LogisticModel } from '../../src/retrieval/logistic-regression.js';
import { rankerProbabilities, type SentenceRanker } from '../../src/retrieval/sentence-ranker.js';
import { rankingFeatureNames } from '../../src/retrieval/ranking-features.js';
import type { Retriever } from '../../src/retrieval/retriever.js';
import { holdsAnswer, type SquadQuestion } from './squad.js';

export type AnswerabilityEvidence = Omit<AnswerabilityInput, 'thresholds'>;

/** One retrieval, every candidate with its features, in no particular order. */
export interface Retrieval {
  candidates: RetrievedSentence[];
  evidence: Omit<AnswerabilityEvidence, 'retrieved'>;
}

/** Candidates past this rank in both BM25 and meaning are easy negatives: left out to keep the fit fast. */
export const fitDepth = 100;
/** What the answering service retrieves per question. */
export const retrievedDepth = 50;

export async function gatherRetrieval({
  retriever,
  question,
  parties,
  articleTexts,
  excludeSentenceIds = [],
}: {
  retriever: Retriever;
  question: string;
  parties: readonly Party[];
  articleTexts: readonly string[];
  excludeSentenceIds?: readonly string[];
}): Promise<Retrieval> {
  const denseRank = rankingFeatureNames.indexOf('dense_rank');
  const bm25Rank = rankingFeatureNames.indexOf('bm25_rank');
  const all = await retriever.retrieve(question, { limit: Number.MAX_SAFE_INTEGER, excludeSentenceIds });
  const candidates = all.filter(({ features = [] }) => (features[denseRank] ?? 0) >= 1 / fitDepth || (features[bm25Rank] ?? 0) >= 1 / fitDepth);
  return {
    candidates,
    evidence: { question, unknownTerms: retriever.unknownTerms(question), contentTermCount: retriever.contentTermCount(question), parties, articleTexts },
  };
}

/** The candidates as a ranker orders them, best first, as the retriever breaks ties. */
export function rerank(ranker: SentenceRanker, candidates: readonly RetrievedSentence[], limit = retrievedDepth): RetrievedSentence[] {
  const probabilities = rankerProbabilities(ranker, candidates.map((candidate) => candidate.features ?? []));
  return candidates
    .map((candidate, position) => ({ ...candidate, score: probabilities[position] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index || a.sentence.id.localeCompare(b.sentence.id))
    .slice(0, limit);
}

/**
 * A logistic model on some of the ranking features only, written out over all of them (the
 * others weigh 0), so that the retriever and the model file need no second shape.
 */
export function fitOnColumns({
  featureNames,
  columns,
  rows,
  labels,
  l2,
}: {
  featureNames: readonly string[];
  columns: readonly string[];
  rows: readonly (readonly number[])[];
  labels: readonly boolean[];
  l2: number;
}): LogisticModel {
  const positions = columns.map((name) => featureNames.indexOf(name));
  const projected = rows.map((row) => positions.map((position) => row[position] ?? 0));
  const fitted = fitLogisticRegression({ featureNames: columns, rows: projected, labels, l2 });
  return { featureNames: [...featureNames], ...overAllColumns(featureNames, positions, fitted), bias: fitted.bias };
}

/** A model fitted on some columns, written out over all of them: the others weigh nothing. */
function overAllColumns(
  featureNames: readonly string[],
  positions: readonly number[],
  fitted: Pick<LogisticModel, 'mean' | 'scale' | 'weights'>,
): Pick<LogisticModel, 'mean' | 'scale' | 'weights'> {
  const mean = featureNames.map(() => 0);
  const scale = featureNames.map(() => 1);
  const weights = featureNames.map(() => 0);
  positions.forEach((position, column) => {
    mean[position] = fitted.mean[column] ?? 0;
    scale[position] = fitted.scale[column] ?? 1;
    weights[position] = fitted.weights[column] ?? 0;
  });
  return { mean, scale, weights };
}

/**
 * The listwise ranker on some columns, written out over all of them, with its calibration
 * fitted on the same questions (`calibrationGroups`, or the fitting groups when not given).
 */
export function fitListwiseOnColumns({
  featureNames,
  columns,
  groups,
  l2,
}: {
  featureNames: readonly string[];
  columns: readonly string[];
  groups: ReadonlyArray<{ rows: readonly (readonly number[])[]; labels: readonly boolean[] }>;
  l2: number;
}): SentenceRanker {
  const positions = columns.map((name) => featureNames.indexOf(name));
  const projected = groups.map((group) => ({ rows: group.rows.map((row) => positions.map((position) => row[position] ?? 0)), labels: group.labels }));
  const fitted = fitListwiseRanker({ featureNames: columns, groups: projected, l2 });
  const model: LogisticModel = { featureNames: [...featureNames], ...overAllColumns(featureNames, positions, fitted), bias: 0 };
  const calibration = fitCalibration(groups.map((group) => ({ scores: group.rows.map((row) => predictLogit(model, row)), labels: group.labels })));
  return { ...model, calibration };
}

/** Ranker groups: one per answerable question, its kept candidates labelled "holds an answer span". */
export function rankerGroups(entries: ReadonlyArray<{ question: SquadQuestion; own: Retrieval }>): Array<{ rows: number[][]; labels: boolean[] }> {
  return entries
    .filter(({ question }) => question.answerable)
    .map(({ question, own }) => ({ rows: own.candidates.map((candidate) => candidate.features ?? []), labels: own.candidates.map((candidate) => holdsAnswer(question, candidate.sentence)) }));
}

/** Ranker rows: every kept candidate of each answerable question, labelled "holds an answer span". */
export function rankerRows(entries: ReadonlyArray<{ question: SquadQuestion; own: Retrieval }>): { rows: number[][]; labels: boolean[] } {
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const { question, own } of entries) {
    if (!question.answerable) continue;
    for (const candidate of own.candidates) {
      rows.push(candidate.features ?? []);
      labels.push(holdsAnswer(question, candidate.sentence));
    }
  }
  return { rows, labels };
}

export interface RankingScore {
  rank: number | null;
  /** The best candidate comes from the question's article. */
  rightArticle: boolean;
  /** Some candidate at all holds the answer (the pool's recall). */
  inPool: boolean;
}

export function scoreRanking(question: SquadQuestion, candidates: readonly RetrievedSentence[], ranked: readonly RetrievedSentence[]): RankingScore {
  const first = ranked.slice(0, 10).findIndex((candidate) => holdsAnswer(question, candidate.sentence));
  return {
    rank: first === -1 ? null : first + 1,
    rightArticle: ranked[0]?.sentence.articleId === question.article,
    inPool: candidates.some((candidate) => holdsAnswer(question, candidate.sentence)),
  };
}

export interface RankingSummary {
  questions: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  articleAt1: number;
  poolRecall: number;
}

export function summariseRanking(scores: readonly RankingScore[]): RankingSummary {
  const share = (count: number) => (scores.length === 0 ? 0 : count / scores.length);
  return {
    questions: scores.length,
    recallAt1: share(scores.filter((score) => score.rank === 1).length),
    recallAt3: share(scores.filter((score) => score.rank !== null && score.rank <= 3).length),
    mrr: share(scores.reduce((sum, score) => sum + (score.rank ? 1 / score.rank : 0), 0)),
    articleAt1: share(scores.filter((score) => score.rightArticle).length),
    poolRecall: share(scores.filter((score) => score.inPool).length),
  };
}

/** The answerability model's row for a ranked retrieval, and whether the old rules refuse it. */
export function answerabilityRow(retrieval: Retrieval, ranked: RetrievedSentence[]): { features: number[]; rulesRefuse: boolean } {
  const evidence: AnswerabilityEvidence = { ...retrieval.evidence, retrieved: ranked };
  const hybrid = rankingFeatureNames.indexOf('hybrid_score');
  const byHybrid = ranked.map((candidate) => ({ ...candidate, score: candidate.features?.[hybrid] ?? candidate.score })).sort((a, b) => b.score - a.score);
  return { features: answerabilityFeatures(evidence), rulesRefuse: !answerability({ ...evidence, retrieved: byHybrid }).answerable };
}

export { modelAnswerability };

/**
 * The highest threshold under which at most `target` of the answerable questions fall (refused
 * only when `rulesRefuse` too, if given), never above even odds.
 */
export function thresholdFor(entries: ReadonlyArray<{ answerable: boolean; probability: number; rulesRefuse?: boolean }>, target: number): number {
  const refusable = entries.filter((entry) => entry.answerable && entry.rulesRefuse !== false).map((entry) => entry.probability).sort((a, b) => a - b);
  const answerableCount = entries.filter((entry) => entry.answerable).length;
  return round(Math.min(0.5, refusable[Math.floor(target * answerableCount)] ?? 0.5));
}

export interface CitationFloor {
  floor: number;
  relativeFloor: number;
}

export interface CitationScore {
  /** Answers with an answering sentence among the first three cited. */
  recallAt3: number;
  /** Answers citing an answering sentence at all. */
  answerCited: number;
  precision: number;
}

export function citeWith(floors: CitationFloor, retrieved: readonly RetrievedSentence[], maxQuotes: number): RetrievedSentence[] {
  const top = retrieved[0];
  if (!top) return [];
  const cut = Math.max(top.score * floors.relativeFloor, Math.min(top.score, floors.floor));
  return retrieved.filter((candidate) => candidate.score >= cut).slice(0, maxQuotes);
}

export function scoreCitations(floors: CitationFloor, entries: ReadonlyArray<{ question: SquadQuestion; ranked: RetrievedSentence[] }>, maxQuotes: number): CitationScore {
  let hits = 0;
  let cited = 0;
  let answering = 0;
  let anyHit = 0;
  for (const { question, ranked } of entries) {
    const answers = citeWith(floors, ranked, maxQuotes).map((candidate) => holdsAnswer(question, candidate.sentence));
    if (answers.slice(0, 3).some(Boolean)) hits += 1;
    if (answers.some(Boolean)) anyHit += 1;
    cited += answers.length;
    answering += answers.filter(Boolean).length;
  }
  const count = Math.max(1, entries.length);
  return { recallAt3: round(hits / count), answerCited: round(anyHit / count), precision: round(answering / Math.max(1, cited)) };
}

export const floorGrid: readonly number[] = [0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
export const relativeFloorGrid: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * The floors that keep the most answers citing an answering sentence while at least
 * `precisionTarget` of the cited sentences answer (the best sentence is always cited).
 */
export function chooseCitationFloor(
  entries: ReadonlyArray<{ question: SquadQuestion; ranked: RetrievedSentence[] }>,
  { precisionTarget, maxQuotes }: { precisionTarget: number; maxQuotes: number },
): CitationFloor & CitationScore {
  let best: CitationFloor & CitationScore = { floor: 0.5, relativeFloor: 0.9, recallAt3: 0, answerCited: 0, precision: 0 };
  for (const floor of floorGrid) {
    for (const relativeFloor of relativeFloorGrid) {
      const choice = { floor, relativeFloor, ...scoreCitations({ floor, relativeFloor }, entries, maxQuotes) };
      const meets = choice.precision >= precisionTarget;
      const bestMeets = best.precision >= precisionTarget;
      if ((meets && (!bestMeets || choice.answerCited > best.answerCited)) || (!meets && !bestMeets && choice.precision > best.precision)) best = choice;
    }
  }
  return best;
}

export function round(value: number): number {
  return Number(value.toPrecision(6));
}
