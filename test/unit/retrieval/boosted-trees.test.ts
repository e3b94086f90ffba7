import { describe, expect, it } from 'vitest';
import { boostedLogit, fitBoostedTrees } from '../../../src/retrieval/boosted-trees.js';
import { fitLogisticRegression, predictProbability } from '../../../src/retrieval/logistic-regression.js';
import { fitReranker, rankerProbabilities } from '../../../src/retrieval/sentence-ranker.js';

// A label that needs two features together: "holds a date" says yes to a "when" question and no
// to any other (most sentences hold one, so each feature alone says a little).
const grid = Array.from({ length: 400 }, (_, i) => [i % 2, Math.floor(i / 2) % 4 === 0 ? 0 : 1, (i % 7) / 7]);
const needsBoth = grid.map(([when, date]) => when === date);

describe('boosted trees', () => {
  it('learn a rule that needs two features together, which one linear score cannot', () => {
    const trees = fitBoostedTrees({ rows: grid, labels: needsBoth, trees: 30, depth: 2, minLeaf: 5 });
    const right = grid.filter((row, i) => boostedLogit(trees, row) > 0 === needsBoth[i]).length;
    expect(right / grid.length).toBe(1);
    const linear = fitLogisticRegression({ featureNames: ['when', 'date', 'noise'], rows: grid, labels: needsBoth });
    const linearRight = grid.filter((row, i) => predictProbability(linear, row) > 0.5 === needsBoth[i]).length;
    expect(linearRight / grid.length).toBeLessThan(0.8);
  });

  it('give the same trees, to the last digit, every time', () => {
    const fit = () => JSON.stringify(fitBoostedTrees({ rows: grid, labels: needsBoth, trees: 5 }));
    expect(fit()).toBe(fit());
  });
});

describe('a ranker with re-ranking trees', () => {
  // Each question has 6 candidates. Feature 0 is what the linear first stage sees (a loose score);
  // features 1 and 2 together mark the answer, which the first stage puts second.
  const groups = Array.from({ length: 60 }, (_, question) => {
    const rows = [0, 1, 2, 3, 4, 5].map((candidate) => {
      const loose = 1 - candidate / 6;
      const kind = (question + candidate) % 2;
      return [loose, kind, candidate === 1 ? kind : 1 - kind];
    });
    return { rows, labels: rows.map((_, candidate) => candidate === 1) };
  });
  const firstStage = { featureNames: ['loose', 'kind', 'match'], mean: [0, 0, 0], scale: [1, 1, 1], weights: [4, 0, 0], bias: -3 };

  it('puts the answer first among the leaders and keeps the rest below them, in the first stage order', () => {
    const rerank = fitReranker({ firstStage, groups, featureNames: firstStage.featureNames, top: 4, boosting: { trees: 40, depth: 3, minLeaf: 5 } });
    for (const group of groups.slice(0, 5)) {
      const probabilities = rankerProbabilities({ ...firstStage, rerank }, group.rows);
      const order = probabilities.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
      expect(order[0]).toBe(1);
      expect(order.slice(4)).toEqual([4, 5]);
    }
  });
});
