/**
 * Gradient-boosted regression trees for a yes/no label (logistic loss, Newton leaf values), on
 * features cut into quantile bins. Written here rather than taken from npm for the reason the
 * logistic regression is: the maintained packages sample rows or features at random, so the
 * trees (and the model file's bytes) would depend on a seed; these depend on the data alone.
 *
 * Trees see what one linear score cannot: that a date in the sentence matters for a "when"
 * question and not for a "why" one, or that a high BM25 means less when the meaning is far.
 */
export interface RegressionTree {
  /** Per node: the feature it splits on, or -1 for a leaf. Node 0 is the root. */
  feature: number[];
  /** A row goes left when its feature is at most this value. */
  threshold: number[];
  left: number[];
  right: number[];
  /** A leaf's contribution to the logit (unused on inner nodes). */
  value: number[];
}

export interface BoostedTrees {
  trees: RegressionTree[];
  /** The logit before any tree: the label's log-odds in the fitting rows. */
  bias: number;
  /** Each tree's contribution is scaled by this (shrinkage). */
  rate: number;
}

export interface BoostingOptions {
  rows: readonly (readonly number[])[];
  labels: readonly boolean[];
  trees?: number;
  depth?: number;
  rate?: number;
  /** A split must leave at least this many rows on each side. */
  minLeaf?: number;
  /** L2 penalty on leaf values (added to the summed curvature). */
  l2?: number;
  /** Quantile bins per feature; a ranker needs many, since the rows that compete sit in the top few percent. */
  bins?: number;
}

export function fitBoostedTrees({ rows, labels, trees = 150, depth = 3, rate = 0.1, minLeaf = 20, l2 = 1, bins = 255 }: BoostingOptions): BoostedTrees {
  const count = rows.length;
  const width = rows[0]?.length ?? 0;
  const edges = Array.from({ length: width }, (_, feature) => quantileEdges(rows.map((row) => row[feature] ?? 0), bins));
  const binned = edges.map((cuts, feature) => Uint8Array.from(rows, (row) => binOf(cuts, row[feature] ?? 0)));
  const positives = labels.filter(Boolean).length;
  const bias = count === 0 || positives === 0 || positives === count ? 0 : Math.log(positives / (count - positives));
  const logits = new Float64Array(count).fill(bias);
  const gradient = new Float64Array(count);
  const curvature = new Float64Array(count);
  const fitted: RegressionTree[] = [];
  for (let round = 0; round < trees; round += 1) {
    for (let i = 0; i < count; i += 1) {
      const p = 1 / (1 + Math.exp(-(logits[i] ?? 0)));
      gradient[i] = p - (labels[i] ? 1 : 0);
      curvature[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree = growTree({ binned, edges, gradient, curvature, depth, minLeaf, l2 });
    fitted.push(tree);
    for (let i = 0; i < count; i += 1) logits[i] = (logits[i] ?? 0) + rate * treeValue(tree, rows[i] ?? []);
  }
  return { trees: fitted, bias: roundValue(bias), rate };
}

/** The model's logit for one row. */
export function boostedLogit(model: BoostedTrees, row: readonly number[]): number {
  let logit = model.bias;
  for (const tree of model.trees) logit += model.rate * treeValue(tree, row);
  return logit;
}

function treeValue(tree: RegressionTree, row: readonly number[]): number {
  let node = 0;
  for (let feature = tree.feature[0] ?? -1; feature >= 0; feature = tree.feature[node] ?? -1) {
    node = (row[feature] ?? 0) <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
  }
  return tree.value[node] ?? 0;
}

function growTree({
  binned,
  edges,
  gradient,
  curvature,
  depth,
  minLeaf,
  l2,
}: {
  binned: readonly Uint8Array[];
  edges: readonly (readonly number[])[];
  gradient: Float64Array;
  curvature: Float64Array;
  depth: number;
  minLeaf: number;
  l2: number;
}): RegressionTree {
  const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (members: Int32Array, level: number): number => {
    const node = tree.feature.length;
    let sumGradient = 0;
    let sumCurvature = 0;
    for (const i of members) {
      sumGradient += gradient[i] ?? 0;
      sumCurvature += curvature[i] ?? 0;
    }
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(roundValue(-sumGradient / (sumCurvature + l2)));
    if (level >= depth || members.length < 2 * minLeaf) return node;
    const split = bestSplit({ members, binned, gradient, curvature, sumGradient, sumCurvature, minLeaf, l2 });
    if (!split) return node;
    const column = binned[split.feature] ?? new Uint8Array();
    const goesLeft = Array.from(members, (i) => (column[i] ?? 0) <= split.bin);
    tree.feature[node] = split.feature;
    tree.threshold[node] = edges[split.feature]?.[split.bin] ?? 0;
    tree.left[node] = grow(members.filter((_, k) => goesLeft[k]), level + 1);
    tree.right[node] = grow(members.filter((_, k) => !goesLeft[k]), level + 1);
    return node;
  };
  grow(Int32Array.from({ length: gradient.length }, (_, i) => i), 0);
  return tree;
}

/** The split with the largest gain in the Newton objective, or null when none gains. */
function bestSplit({
  members,
  binned,
  gradient,
  curvature,
  sumGradient,
  sumCurvature,
  minLeaf,
  l2,
}: {
  members: Int32Array;
  binned: readonly Uint8Array[];
  gradient: Float64Array;
  curvature: Float64Array;
  sumGradient: number;
  sumCurvature: number;
  minLeaf: number;
  l2: number;
}): { feature: number; bin: number } | null {
  const parentScore = (sumGradient * sumGradient) / (sumCurvature + l2);
  let best: { feature: number; bin: number; gain: number } | null = null;
  binned.forEach((column, feature) => {
    const gradients = new Float64Array(256);
    const curvatures = new Float64Array(256);
    const counts = new Int32Array(256);
    let lastBin = 0;
    for (const i of members) {
      const bin = column[i] ?? 0;
      gradients[bin] = (gradients[bin] ?? 0) + (gradient[i] ?? 0);
      curvatures[bin] = (curvatures[bin] ?? 0) + (curvature[i] ?? 0);
      counts[bin] = (counts[bin] ?? 0) + 1;
      if (bin > lastBin) lastBin = bin;
    }
    let leftGradient = 0;
    let leftCurvature = 0;
    let leftCount = 0;
    for (let bin = 0; bin < lastBin; bin += 1) {
      leftGradient += gradients[bin] ?? 0;
      leftCurvature += curvatures[bin] ?? 0;
      leftCount += counts[bin] ?? 0;
      if (leftCount < minLeaf || members.length - leftCount < minLeaf) continue;
      const rightGradient = sumGradient - leftGradient;
      const rightCurvature = sumCurvature - leftCurvature;
      const gain = (leftGradient * leftGradient) / (leftCurvature + l2) + (rightGradient * rightGradient) / (rightCurvature + l2) - parentScore;
      if (gain > (best?.gain ?? 1e-9)) best = { feature, bin, gain };
    }
  });
  return best;
}

/** Up to `bins - 1` increasing cut points at the values' quantiles; bin k holds values ≤ cut k. */
function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let bin = 1; bin < Math.min(bins, 256); bin += 1) {
    const value = sorted[Math.floor((bin * sorted.length) / bins)];
    if (value !== undefined && (cuts.length === 0 || value > (cuts.at(-1) ?? 0))) cuts.push(value);
  }
  return cuts;
}

function binOf(cuts: readonly number[], value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value > (cuts[middle] ?? 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Eight significant digits: the model file stays readable and its bytes stable across platforms. */
function roundValue(value: number): number {
  return Number(value.toPrecision(8));
}
