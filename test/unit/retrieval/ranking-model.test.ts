import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedModelFeatures, loadShippedModel, shippedModelPath } from '../../../src/app.js';
import { VerbatimError } from '../../../src/core/errors.js';
import { fitLogisticRegression, predictProbability } from '../../../src/retrieval/logistic-regression.js';
import { parseRankingModel } from '../../../src/retrieval/ranking-model.js';
import { expectedEntityTypes } from '../../../src/retrieval/ranking-features.js';
import { entityTypesOf } from '../../../src/article/entity-types.js';

const shipped = () => JSON.parse(readFileSync(shippedModelPath, 'utf8')) as Record<string, Record<string, unknown>>;

function refusal(data: unknown): VerbatimError {
  try {
    parseRankingModel(data, expectedModelFeatures);
  } catch (error) {
    if (error instanceof VerbatimError) return error;
    throw error;
  }
  throw new Error('the model file was accepted');
}

describe('the shipped ranking model', () => {
  it('loads and is fitted on the features this code computes', () => {
    const model = loadShippedModel();
    expect(model.ranker.featureNames).toEqual([...expectedModelFeatures.ranker.names]);
    expect(model.answerability.featureNames).toEqual([...expectedModelFeatures.answerability.names]);
    expect(model.answerability.threshold).toBeGreaterThan(0);
  });

  it('says what it was fitted on and how to rebuild it', () => {
    const file = shipped();
    expect(file.command).toBe('npm run train');
    expect(file.data?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.data?.heldOut).toEqual(expect.arrayContaining([expect.any(String)]));
  });
});

describe('a model file made for other features', () => {
  it('is refused with the fix named when its feature list differs', () => {
    const file = shipped();
    const names = [...(file.ranker?.featureNames as string[])].reverse();
    const error = refusal({ ...file, ranker: { ...file.ranker, featureNames: names } });
    expect(error.code).toBe('MODEL_MISMATCH');
    expect(error.message).toContain('npm run train');
  });

  it('is refused when it was fitted on another feature version', () => {
    const file = shipped();
    const error = refusal({ ...file, answerability: { ...file.answerability, featureVersion: 'older' } });
    expect(error.code).toBe('MODEL_MISMATCH');
    expect(error.message).toMatch(/feature version older/);
  });

  it('is refused when a re-ranking tree points back up (a walk down it would never end) or reads other columns', () => {
    const file = shipped();
    const rerank = file.ranker?.rerank as { trees: Array<{ feature: number[]; left: number[] }>; featureNames: string[] };
    const [first, ...rest] = rerank.trees;
    expect(first?.feature[0]).toBeGreaterThanOrEqual(0);
    const looping = { ...first, left: [0, ...(first?.left.slice(1) ?? [])] };
    expect(refusal({ ...file, ranker: { ...file.ranker, rerank: { ...rerank, trees: [looping, ...rest] } } }).message).toMatch(/malformed/);
    const renamed = { ...rerank, featureNames: rerank.featureNames.slice(1) };
    expect(refusal({ ...file, ranker: { ...file.ranker, rerank: renamed } }).code).toBe('MODEL_MISMATCH');
  });

  it('is refused when it is not a model file at all', () => {
    expect(refusal({ weights: [1, 2, 3] }).code).toBe('MODEL_MISMATCH');
  });
});

describe('logistic regression', () => {
  const rows = [[0, 1], [1, 1], [2, 0], [3, 0], [4, 1], [5, 0], [6, 1], [7, 0]];
  const labels = rows.map(([x]) => (x ?? 0) >= 4);

  it('ranks positives above negatives on a feature that separates them', () => {
    const model = fitLogisticRegression({ featureNames: ['x', 'noise'], rows, labels });
    expect(predictProbability(model, [6, 0])).toBeGreaterThan(0.5);
    expect(predictProbability(model, [1, 0])).toBeLessThan(0.5);
  });

  it('gives the same weights, to the last digit, every time', () => {
    const fit = () => JSON.stringify(fitLogisticRegression({ featureNames: ['x', 'noise'], rows, labels }));
    expect(fit()).toBe(fit());
  });
});

describe('answer types', () => {
  it('reads the kind of answer from the interrogative', () => {
    expect(expectedEntityTypes('Who founded the guild?')).toContain('person');
    expect(expectedEntityTypes('When did the bridge open?')).toEqual(['date']);
    expect(expectedEntityTypes('How many ships sank?')).toContain('number');
    expect(expectedEntityTypes('Where did the treaty get signed?')).toEqual(['place']);
    expect(expectedEntityTypes('Why did the bridge close?')).toEqual([]);
  });

  it('finds dates, numbers and people in a sentence', () => {
    const types = entityTypesOf('In 1821 the engineer Thomas Telford built 14 bridges.');
    expect(types).toEqual(expect.arrayContaining(['date', 'number', 'person']));
    expect(entityTypesOf('the bridge was closed for repairs.')).not.toContain('date');
  });
});

describe('the listwise ranker', () => {
  it('learns which feature tells the answering candidate from its rivals, and calibrates to a probability', async () => {
    const { fitListwiseRanker, fitCalibration, predictLogit } = await import('../../../src/retrieval/logistic-regression.js');
    const { rankerProbabilities } = await import('../../../src/retrieval/sentence-ranker.js');
    // Feature 0 marks the answer within each question; feature 1 is a per-question level that says nothing.
    const groups = Array.from({ length: 40 }, (_, question) => ({
      rows: [0, 1, 2, 3].map((candidate) => [candidate === question % 4 ? 1 : 0, question / 10 + ((candidate * 7 + question) % 3) / 10]),
      labels: [0, 1, 2, 3].map((candidate) => candidate === question % 4),
    }));
    const model = fitListwiseRanker({ featureNames: ['marks', 'level'], groups, l2: 1 });
    expect(model.weights[0]).toBeGreaterThan(Math.abs(model.weights[1] ?? 0));
    const calibration = fitCalibration(groups.map((group) => ({ scores: group.rows.map((row) => predictLogit(model, row)), labels: group.labels })));
    const probabilities = rankerProbabilities({ ...model, calibration }, groups[0]?.rows ?? []);
    expect(probabilities[0]).toBeGreaterThan(0.5);
    expect(Math.max(...probabilities.slice(1))).toBeLessThan(0.5);
  });
});
