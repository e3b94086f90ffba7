import { boostedLogit, fitBoostedTrees, type BoostedTrees, type BoostingOptions } from './boosted-trees.js';
import { calibratedProbability, predictLogit, sigmoid, type LogisticModel, type ScoreCalibration } from './logistic-regression.js';

/**
 * A sentence ranker as shipped: a logistic model over every candidate (pointwise, or listwise with
 * its calibration), and optionally boosted trees that re-rank its best `top` candidates. The
 * linear model sorts a few hundred candidates cheaply; the trees then weigh the close calls among
 * the leaders, where the features interact (src/retrieval/boosted-trees.ts).
 */
export type SentenceRanker = LogisticModel & { calibration?: ScoreCalibration | undefined; rerank?: Reranker | undefined };

export interface Reranker extends BoostedTrees {
  /** How many of the first stage's best candidates the trees re-rank. */
  top: number;
  /** The columns the trees read: the ranking features, then `firstStageColumns`. */
  featureNames: string[];
}

/** What the trees know of the first stage: its logit, the gap to the question's best, its rank. */
export const firstStageColumns = ['first_stage_logit', 'first_stage_gap', 'first_stage_rank'] as const;

/** Each candidate's probability of answering, given all of one question's candidates' rows. */
export function rankerProbabilities(ranker: SentenceRanker, rows: readonly (readonly number[])[]): number[] {
  const logits = rows.map((row) => predictLogit(ranker, row));
  const first = firstStageProbabilities(ranker, logits);
  const { rerank } = ranker;
  if (!rerank || rows.length === 0) return first;
  const { leaders, secondRows } = secondStage(logits, rows, rerank.top);
  const probabilities = [...first];
  let lowest = 1;
  leaders.forEach((position, k) => {
    const probability = sigmoid(boostedLogit(rerank, secondRows[k] ?? []));
    probabilities[position] = probability;
    lowest = Math.min(lowest, probability);
  });
  // The rest stay in the first stage's order, below every re-ranked leader.
  const last = leaders.at(-1);
  const anchor = last === undefined ? 1 : (first[last] ?? 1);
  const leading = new Set(leaders);
  first.forEach((probability, position) => {
    if (!leading.has(position)) probabilities[position] = anchor > 0 ? lowest * Math.min(1, probability / anchor) : 0;
  });
  return probabilities;
}

/**
 * Fits the trees on the first stage's leaders of each question (the rows the trees will see when
 * answering), labelled "holds an answer".
 */
export function fitReranker({
  firstStage,
  groups,
  featureNames,
  top,
  boosting,
}: {
  firstStage: SentenceRanker;
  groups: ReadonlyArray<{ rows: readonly (readonly number[])[]; labels: readonly boolean[] }>;
  featureNames: readonly string[];
  top: number;
  boosting?: Omit<BoostingOptions, 'rows' | 'labels'>;
}): Reranker {
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const group of groups) {
    const { leaders, secondRows } = secondStage(group.rows.map((row) => predictLogit(firstStage, row)), group.rows, top);
    leaders.forEach((position, k) => {
      rows.push(secondRows[k] ?? []);
      labels.push(Boolean(group.labels[position]));
    });
  }
  const trees = fitBoostedTrees({ rows, labels, ...boosting });
  return { ...trees, top, featureNames: [...featureNames, ...firstStageColumns] };
}

/** The first stage's probabilities from its logits: the sigmoid, or a listwise model's calibration. */
function firstStageProbabilities(ranker: SentenceRanker, logits: readonly number[]): number[] {
  const { calibration } = ranker;
  if (!calibration) return logits.map(sigmoid);
  const best = Math.max(...logits);
  return logits.map((score) => calibratedProbability(calibration, score, best));
}

/** The first stage's `top` best candidates (positions, best first) and the trees' row for each. */
function secondStage(logits: readonly number[], rows: readonly (readonly number[])[], top: number): { leaders: number[]; secondRows: number[][] } {
  const leaders = logits
    .map((logit, position) => ({ logit, position }))
    .sort((a, b) => b.logit - a.logit || a.position - b.position)
    .slice(0, top)
    .map(({ position }) => position);
  const best = logits[leaders[0] ?? 0] ?? 0;
  const secondRows = leaders.map((position, rank) => {
    const logit = logits[position] ?? 0;
    return [...(rows[position] ?? []), logit, logit - best, 1 / (1 + rank)];
  });
  return { leaders, secondRows };
}
