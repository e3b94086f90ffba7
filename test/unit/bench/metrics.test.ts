import { describe, expect, it } from 'vitest';
import {
  countOutcomes,
  firstHitRank,
  locateGold,
  mean,
  neighbourRecall,
  percentile,
  precisionRecall,
  rangesOverlap,
  recallAtK,
  reciprocalRank,
  tieAwareNeighbourRecall,
} from '../../../bench/lib/metrics.js';

const range = (start: number, end: number) => ({ start, end });

describe('the overlap hit rule', () => {
  it('counts a citation that covers part of a gold sentence as a hit', () => {
    expect(rangesOverlap(range(0, 10), range(5, 20))).toBe(true);
    expect(rangesOverlap(range(5, 20), range(0, 10))).toBe(true);
  });

  it('counts a whole quotation kept as one sentence as a hit on each sentence inside it', () => {
    const quotation = range(100, 300);
    expect(rangesOverlap(quotation, range(100, 140))).toBe(true);
    expect(rangesOverlap(quotation, range(141, 200))).toBe(true);
    expect(rangesOverlap(quotation, range(201, 300))).toBe(true);
  });

  it('does not count neighbouring sentences that only touch at a boundary', () => {
    expect(rangesOverlap(range(0, 5), range(5, 9))).toBe(false);
    expect(rangesOverlap(range(5, 9), range(0, 5))).toBe(false);
  });

  it('finds gold sentences by exact search and reports the ones the article lacks', () => {
    const text = 'First one. Second one. Third one.';
    const { ranges, missing } = locateGold(text, ['Second one.', 'Fourth one.']);
    expect(ranges).toEqual([range(11, 22)]);
    expect(text.slice(11, 22)).toBe('Second one.');
    expect(missing).toEqual(['Fourth one.']);
  });
});

describe('recall@k and reciprocal rank', () => {
  const gold = [range(50, 60)];
  const cited = [range(0, 10), range(20, 30), range(55, 70), range(80, 90)];

  it('ranks the first citation that overlaps gold', () => {
    expect(firstHitRank(cited, gold)).toBe(3);
    expect(firstHitRank([range(0, 10)], gold)).toBeNull();
  });

  it('scores recall@k as whether a gold sentence is among the first k citations', () => {
    expect(recallAtK(cited, gold, 1)).toBe(0);
    expect(recallAtK(cited, gold, 2)).toBe(0);
    expect(recallAtK(cited, gold, 3)).toBe(1);
    expect(recallAtK([], gold, 3)).toBe(0);
  });

  it('scores any one of several gold sentences as enough', () => {
    expect(recallAtK([range(200, 210)], [range(0, 5), range(205, 230)], 1)).toBe(1);
  });

  it('gives 1/rank of the first hit and 0 when nothing cited is gold', () => {
    expect(reciprocalRank(cited, gold)).toBeCloseTo(1 / 3);
    expect(reciprocalRank([range(52, 53)], gold)).toBe(1);
    expect(reciprocalRank([range(0, 1)], gold)).toBe(0);
  });

  it('averages per-question reciprocal ranks into the MRR', () => {
    expect(mean([1, 0.5, 0])).toBeCloseTo(0.5);
    expect(mean([])).toBeNull();
  });
});

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    const samples = [10, 20, 30, 40, 50];
    expect(percentile(samples, 50)).toBe(30);
    expect(percentile(samples, 0)).toBe(10);
    expect(percentile(samples, 100)).toBe(50);
    expect(percentile(samples, 95)).toBeCloseTo(48);
    expect(percentile([1, 2], 50)).toBeCloseTo(1.5);
  });

  it('does not depend on the order samples arrive in', () => {
    expect(percentile([50, 10, 40, 20, 30], 95)).toBeCloseTo(48);
  });

  it('has no value for no samples and refuses a percentile outside 0–100', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1], 50)).toBe(1);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('precision and recall of "not in the article"', () => {
  it('counts outcomes with "not found" as the positive class', () => {
    const counts = countOutcomes([
      { predicted: true, actual: true },
      { predicted: true, actual: false },
      { predicted: false, actual: true },
      { predicted: false, actual: false },
      { predicted: true, actual: true },
    ]);
    expect(counts).toEqual({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    const { precision, recall } = precisionRecall(counts);
    expect(precision).toBeCloseTo(2 / 3);
    expect(recall).toBeCloseTo(2 / 3);
  });

  it('leaves precision undefined when nothing was declared not found', () => {
    expect(precisionRecall({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toEqual({ precision: null, recall: 0 });
  });
});

describe('nearest-neighbour recall', () => {
  it('is the share of the exact top k that the approximate search returned', () => {
    const exact = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ];
    const approximate = [
      [1, 2, 3, 9],
      [8, 7, 6, 5],
    ];
    expect(neighbourRecall(approximate, exact, 4)).toBeCloseTo(7 / 8);
    expect(neighbourRecall(approximate, exact, 2)).toBeCloseTo(2 / 4);
  });
});

describe('tie-aware nearest-neighbour recall', () => {
  it('counts a returned neighbour as good as the exact k-th one as found', () => {
    // Exact top 3 similarities 0.9, 0.8, 0.7; the index returned a duplicate also at 0.7.
    expect(tieAwareNeighbourRecall([[0.9, 0.8, 0.7]], [[0.9, 0.8, 0.7]], 3)).toBe(1);
  });

  it('counts a neighbour less similar than the exact k-th one as a miss', () => {
    expect(tieAwareNeighbourRecall([[0.9, 0.8, 0.5]], [[0.9, 0.8, 0.7]], 3)).toBeCloseTo(2 / 3);
    expect(tieAwareNeighbourRecall([[0.9, 0.8, 0.698]], [[0.9, 0.8, 0.7]], 3)).toBeCloseTo(2 / 3);
    expect(tieAwareNeighbourRecall([[0.9, 0.8, 0.6995]], [[0.9, 0.8, 0.7]], 3)).toBe(1);
    expect(tieAwareNeighbourRecall([[0.9]], [[0.9, 0.8, 0.7]], 3)).toBeCloseTo(1 / 3);
  });
});
