import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { VerbatimError } from '../core/errors.js';
import type { LogisticModel, ScoreCalibration } from './logistic-regression.js';
import { firstStageColumns, type Reranker } from './sentence-ranker.js';

/**
 * The fitted models as shipped (src/retrieval/ranking-model.json, written by `npm run train`): the
 * sentence ranker, the answerability model with its refusal threshold, and the citation floor.
 * Each model names the features it was fitted on and their version; code whose features differ
 * refuses the file with MODEL_MISMATCH rather than rank with weights meant for other inputs.
 */
export interface RankingModel {
  /**
   * With `calibration`, a listwise ranker whose scores the calibration turns into probabilities;
   * with `rerank`, boosted trees that re-rank its leaders (src/retrieval/sentence-ranker.ts).
   */
  ranker: VersionedModel & { calibration?: ScoreCalibration | undefined; rerank?: Reranker | undefined };
  answerability: VersionedModel & {
    /** "Not in the article" below this probability. */
    threshold: number;
    /**
     * True (or absent): refuse only when the hand-written rules find no answer either, the
     * decision the threshold was chosen for; false: the probability alone decides.
     */
    rulesMustAgree?: boolean | undefined;
    /** What the threshold gave on the fitting split, for people reading the file. */
    operatingPoint: { answerableRefused: number; unanswerableRefused: number };
    /** The threshold the other decision (with or without the rules' agreement) would use, for the evaluation's comparison. */
    otherDecision?: { rulesMustAgree: boolean; threshold: number; operatingPoint: { answerableRefused: number; unanswerableRefused: number } } | undefined;
  };
  citation: {
    /** A sentence is cited only if the ranker gives it at least this probability… */
    floor: number;
    /** …and at least this share of the best sentence's. */
    relativeFloor: number;
  };
}

export type VersionedModel = LogisticModel & { featureVersion: string };

const logisticSchema = z.object({
  featureVersion: z.string(),
  featureNames: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});

const treeSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
});

const rerankSchema = z.object({ top: z.number().int().positive(), featureNames: z.array(z.string()), bias: z.number(), rate: z.number(), trees: z.array(treeSchema) });

const fileSchema = z.object({
  ranker: logisticSchema.extend({
    calibration: z.object({ score: z.number(), gapToBest: z.number(), bias: z.number() }).optional(),
    rerank: rerankSchema.optional(),
  }),
  answerability: logisticSchema.extend({
    threshold: z.number(),
    rulesMustAgree: z.boolean().optional(),
    operatingPoint: z.object({ answerableRefused: z.number(), unanswerableRefused: z.number() }),
    otherDecision: z
      .object({
        rulesMustAgree: z.boolean(),
        threshold: z.number(),
        operatingPoint: z.object({ answerableRefused: z.number(), unanswerableRefused: z.number() }),
      })
      .optional(),
  }),
  citation: z.object({ floor: z.number(), relativeFloor: z.number() }),
});

/** The features this code computes for each model, to hold a file against. */
export interface ExpectedFeatures {
  ranker: { version: string; names: readonly string[] };
  answerability: { version: string; names: readonly string[] };
}

const fix = 'Run `npm run train` to refit it for this code.';

/** Checks a parsed model file against the code's features; throws MODEL_MISMATCH naming the fix. */
export function parseRankingModel(data: unknown, expected: ExpectedFeatures, source = 'the ranking model'): RankingModel {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new VerbatimError('MODEL_MISMATCH', `${source} is not a ranking model file. ${fix}`);
  const model = parsed.data;
  for (const part of ['ranker', 'answerability'] as const) {
    const { featureVersion, featureNames, mean, scale, weights } = model[part];
    const wanted = expected[part];
    if (featureVersion !== wanted.version) {
      throw new VerbatimError('MODEL_MISMATCH', `${source}: the ${part} was fitted on feature version ${featureVersion}; this code computes version ${wanted.version}. ${fix}`);
    }
    const differs = featureNames.length !== wanted.names.length || featureNames.some((name, position) => name !== wanted.names[position]);
    if (differs) {
      throw new VerbatimError('MODEL_MISMATCH', `${source}: the ${part} was fitted on features [${featureNames.join(', ')}], this code computes [${wanted.names.join(', ')}]. ${fix}`);
    }
    if ([mean, scale, weights].some((values) => values.length !== featureNames.length)) {
      throw new VerbatimError('MODEL_MISMATCH', `${source}: the ${part} has ${weights.length} weights for ${featureNames.length} features. ${fix}`);
    }
  }
  const { rerank } = model.ranker;
  if (rerank) checkTrees(rerank, [...expected.ranker.names, ...firstStageColumns], source);
  return model;
}

/** The trees read the columns this code gives them, and every node points inside its tree. */
function checkTrees(rerank: Reranker, wanted: readonly string[], source: string): void {
  const differs = rerank.featureNames.length !== wanted.length || rerank.featureNames.some((name, position) => name !== wanted[position]);
  if (differs) throw new VerbatimError('MODEL_MISMATCH', `${source}: the re-ranking trees read [${rerank.featureNames.join(', ')}], this code gives them [${wanted.join(', ')}]. ${fix}`);
  for (const tree of rerank.trees) {
    const size = tree.feature.length;
    const shapeless = [tree.threshold, tree.left, tree.right, tree.value].some((values) => values.length !== size);
    const outside = tree.feature.some((feature, node) => feature >= wanted.length || (feature >= 0 && !(inTree(tree.left[node], size) && inTree(tree.right[node], size) && (tree.left[node] ?? 0) > node && (tree.right[node] ?? 0) > node)));
    if (size === 0 || shapeless || outside) throw new VerbatimError('MODEL_MISMATCH', `${source}: a re-ranking tree is malformed. ${fix}`);
  }
}

function inTree(node: number | undefined, size: number): boolean {
  return node !== undefined && node >= 0 && node < size;
}

/** Reads and checks a model file (a few kilobytes: well under a millisecond to parse). */
export function loadRankingModel(path: string | URL, expected: ExpectedFeatures): RankingModel {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new VerbatimError('MODEL_MISMATCH', `The ranking model ${String(path)} could not be read. ${fix}`, { cause: error });
  }
  return parseRankingModel(data, expected, `The ranking model ${String(path)}`);
}
