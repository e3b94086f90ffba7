/**
 * Logistic regression, fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features with an L2 penalty. Written here rather than taken from npm: the
 * maintained JavaScript packages fit by stochastic gradient descent with random starts, so the
 * weights (and the model file's bytes) would depend on a seed and a learning rate, and a model
 * this small — a score per feature — needs no more than a 20 × 20 linear solve per step.
 */
export interface LogisticModel {
  featureNames: string[];
  /** Per feature: subtracted, then divided by `scale`, before the weights apply. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface FitOptions {
  featureNames: readonly string[];
  rows: readonly (readonly number[])[];
  labels: readonly boolean[];
  /** Strength of the L2 penalty on the (standardised) weights, not on the bias. */
  l2?: number;
  iterations?: number;
}

export function fitLogisticRegression({ featureNames, rows, labels, l2 = 1, iterations = 25 }: FitOptions): LogisticModel {
  const width = featureNames.length;
  const count = rows.length;
  const { mean, scale, data } = standardise(rows, width);
  const size = width + 1;
  // The last coefficient is the bias (its column of the design is 1).
  let beta = new Array<number>(size).fill(0);
  const x = new Float64Array(size);
  for (let step = 0; step < iterations; step += 1) {
    const gradient = new Float64Array(size);
    const hessian = new Float64Array(size * size);
    for (let i = 0; i < count; i += 1) {
      const offset = i * width;
      for (let j = 0; j < width; j += 1) x[j] = data[offset + j] ?? 0;
      x[width] = 1;
      let logit = 0;
      for (let j = 0; j < size; j += 1) logit += (beta[j] ?? 0) * (x[j] ?? 0);
      const p = sigmoid(logit);
      const residual = p - (labels[i] ? 1 : 0);
      const curvature = Math.max(p * (1 - p), 1e-9);
      accumulate(gradient, hessian, x, residual, curvature, size);
    }
    const delta = newtonStep(gradient, hessian, beta, l2, size, width);
    beta = beta.map((value, index) => value - (delta[index] ?? 0));
    if (Math.max(...delta.map(Math.abs)) < 1e-7) break;
  }
  return {
    featureNames: [...featureNames],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: beta.slice(0, width).map(round),
    bias: round(beta[width] ?? 0),
  };
}

/** Means and scales of the columns, and the rows standardised into one flat array. */
function standardise(rows: readonly (readonly number[])[], width: number): { mean: number[]; scale: number[]; data: Float64Array } {
  const count = Math.max(1, rows.length);
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j += 1) mean[j] = (mean[j] ?? 0) + (row[j] ?? 0) / count;
  for (const row of rows) for (let j = 0; j < width; j += 1) scale[j] = (scale[j] ?? 0) + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2 / count;
  // A constant feature carries nothing: scale 1 keeps it at 0 rather than dividing by 0.
  for (let j = 0; j < width; j += 1) scale[j] = Math.sqrt(scale[j] ?? 0) || 1;
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < width; j += 1) data[i * width + j] = ((row[j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1);
  });
  return { mean, scale, data };
}

/** Adds one row's gradient and (upper-triangle) curvature. */
function accumulate(gradient: Float64Array, hessian: Float64Array | null, x: Float64Array, residual: number, curvature: number, size: number): void {
  for (let a = 0; a < size; a += 1) {
    const xa = x[a] ?? 0;
    gradient[a] = (gradient[a] ?? 0) + residual * xa;
    if (!hessian) continue;
    const weighted = curvature * xa;
    const base = a * size;
    for (let b = a; b < size; b += 1) hessian[base + b] = (hessian[base + b] ?? 0) + weighted * (x[b] ?? 0);
  }
}

/** The Newton step from the accumulated sums, the L2 penalty added on the first `penalised` coefficients. */
function newtonStep(gradient: Float64Array, hessian: Float64Array, beta: readonly number[], l2: number, size: number, penalised: number): number[] {
  const matrix = Array.from({ length: size }, (_, a) => Array.from({ length: size }, (_, b) => (a <= b ? (hessian[a * size + b] ?? 0) : (hessian[b * size + a] ?? 0))));
  const vector = Array.from(gradient);
  for (let a = 0; a < penalised; a += 1) {
    vector[a] = (vector[a] ?? 0) + l2 * (beta[a] ?? 0);
    (matrix[a] ?? [])[a] = (matrix[a]?.[a] ?? 0) + l2;
  }
  return solve(matrix, vector);
}

/** The model's probability that the row is a positive. */
export function predictProbability(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(predictLogit(model, row));
}

export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** Gaussian elimination with partial pivoting; the matrix is small and positive definite. */
function solve(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  const rows = matrix.map((row, index) => [...row, vector[index] ?? 0]);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) {
      if (Math.abs(rows[row]?.[column] ?? 0) > Math.abs(rows[pivot]?.[column] ?? 0)) pivot = row;
    }
    [rows[column], rows[pivot]] = [rows[pivot] ?? [], rows[column] ?? []];
    const lead = rows[column] ?? [];
    const divisor = lead[column] ?? 1;
    for (let row = column + 1; row < size; row += 1) {
      const current = rows[row] ?? [];
      const factor = (current[column] ?? 0) / divisor;
      for (let k = column; k <= size; k += 1) current[k] = (current[k] ?? 0) - factor * (lead[k] ?? 0);
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row -= 1) {
    const current = rows[row] ?? [];
    let sum = current[size] ?? 0;
    for (let k = row + 1; k < size; k += 1) sum -= (current[k] ?? 0) * (solution[k] ?? 0);
    solution[row] = sum / (current[row] ?? 1);
  }
  return solution;
}

/** Six significant digits: the file stays small and its bytes do not hang on the last float bit. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

export interface ListwiseFitOptions {
  featureNames: readonly string[];
  /** One group per question: its candidates' rows and whether each answers. */
  groups: ReadonlyArray<{ rows: readonly (readonly number[])[]; labels: readonly boolean[] }>;
  l2?: number;
  iterations?: number;
}

/**
 * A listwise ranker: a softmax over each question's candidates (conditional logit), fitted by
 * Newton's method on standardised features. It learns what makes one sentence beat its rivals
 * for the same question, where the pointwise model also spends weight on how easy a question is.
 * Its `bias` is 0 and its logit is a score, not a probability: `calibrate` turns it into one.
 */
export function fitListwiseRanker({ featureNames, groups, l2 = 1, iterations = 25 }: ListwiseFitOptions): LogisticModel {
  const width = featureNames.length;
  const useful = groups.filter((group) => group.labels.some(Boolean) && group.rows.length > 1);
  const { mean, scale, data } = standardise(
    useful.flatMap((group) => group.rows),
    width,
  );
  const targets = useful.flatMap((group) => {
    const positives = group.labels.filter(Boolean).length;
    return group.labels.map((label) => (label ? 1 / positives : 0));
  });
  const starts: number[] = [];
  let total = 0;
  for (const group of useful) {
    starts.push(total);
    total += group.rows.length;
  }
  starts.push(total);
  let beta = new Array<number>(width).fill(0);
  const x = new Float64Array(width);
  for (let step = 0; step < iterations; step += 1) {
    const gradient = new Float64Array(width);
    const hessian = new Float64Array(width * width);
    for (let group = 0; group + 1 < starts.length; group += 1) {
      const first = starts[group] ?? 0;
      const end = starts[group + 1] ?? 0;
      const logits = new Float64Array(end - first);
      let top = Number.NEGATIVE_INFINITY;
      for (let i = first; i < end; i += 1) {
        let logit = 0;
        for (let j = 0; j < width; j += 1) logit += (beta[j] ?? 0) * (data[i * width + j] ?? 0);
        logits[i - first] = logit;
        if (logit > top) top = logit;
      }
      let sum = 0;
      for (let k = 0; k < logits.length; k += 1) {
        logits[k] = Math.exp((logits[k] ?? 0) - top);
        sum += logits[k] ?? 0;
      }
      const expected = new Float64Array(width);
      for (let i = first; i < end; i += 1) {
        const p = (logits[i - first] ?? 0) / sum;
        for (let j = 0; j < width; j += 1) x[j] = data[i * width + j] ?? 0;
        accumulate(gradient, hessian, x, p - (targets[i] ?? 0), p, width);
        for (let j = 0; j < width; j += 1) expected[j] = (expected[j] ?? 0) + p * (x[j] ?? 0);
      }
      for (let a = 0; a < width; a += 1) {
        const ea = expected[a] ?? 0;
        for (let b = a; b < width; b += 1) hessian[a * width + b] = (hessian[a * width + b] ?? 0) - ea * (expected[b] ?? 0);
      }
    }
    const delta = newtonStep(gradient, hessian, beta, l2, width, width);
    // Newton's full step can overshoot on a softmax; halve it until the penalised loss falls.
    const before = loss(beta);
    let stepSize = 1;
    let next = beta.map((value, index) => value - (delta[index] ?? 0));
    while (stepSize > 1 / 1024 && loss(next) > before) {
      stepSize /= 2;
      next = beta.map((value, index) => value - stepSize * (delta[index] ?? 0));
    }
    beta = next;
    if (stepSize * Math.max(...delta.map(Math.abs)) < 1e-6) break;
  }
  return { featureNames: [...featureNames], mean: mean.map(round), scale: scale.map(round), weights: beta.map(round), bias: 0 };

  /** Cross-entropy of the targets under each group's softmax, plus the L2 penalty. */
  function loss(coefficients: readonly number[]): number {
    let total = coefficients.reduce((sum, value) => sum + (l2 / 2) * value * value, 0);
    for (let group = 0; group + 1 < starts.length; group += 1) {
      const first = starts[group] ?? 0;
      const end = starts[group + 1] ?? 0;
      const logits: number[] = [];
      for (let i = first; i < end; i += 1) {
        let logit = 0;
        for (let j = 0; j < width; j += 1) logit += (coefficients[j] ?? 0) * (data[i * width + j] ?? 0);
        logits.push(logit);
      }
      const top = Math.max(...logits);
      const normaliser = top + Math.log(logits.reduce((sum, logit) => sum + Math.exp(logit - top), 0));
      logits.forEach((logit, k) => {
        total -= (targets[first + k] ?? 0) * (logit - normaliser);
      });
    }
    return total;
  }
}

/** The model's logit (before the sigmoid): a listwise ranker's score. */
export function predictLogit(model: LogisticModel, row: readonly number[]): number {
  let logit = model.bias;
  for (let j = 0; j < model.weights.length; j += 1) {
    logit += (model.weights[j] ?? 0) * (((row[j] ?? 0) - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
  }
  return logit;
}

/**
 * Turns a listwise score into a probability of answering: logistic in the score and in its gap to
 * the question's best score (how far behind the leader a sentence is says more than its score).
 */
export interface ScoreCalibration {
  score: number;
  gapToBest: number;
  bias: number;
}

export function calibratedProbability(calibration: ScoreCalibration, score: number, best: number): number {
  return sigmoid(calibration.bias + calibration.score * score + calibration.gapToBest * (score - best));
}

export function fitCalibration(groups: ReadonlyArray<{ scores: readonly number[]; labels: readonly boolean[] }>): ScoreCalibration {
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const group of groups) {
    const best = Math.max(...group.scores);
    group.scores.forEach((score, position) => {
      rows.push([score, score - best]);
      labels.push(Boolean(group.labels[position]));
    });
  }
  const fitted = fitLogisticRegression({ featureNames: ['score', 'gap_to_best'], rows, labels, l2: 0.01 });
  // Back from standardised units to raw ones, so that applying it needs no means or scales.
  const score = (fitted.weights[0] ?? 0) / (fitted.scale[0] ?? 1);
  const gapToBest = (fitted.weights[1] ?? 0) / (fitted.scale[1] ?? 1);
  const bias = fitted.bias - score * (fitted.mean[0] ?? 0) - gapToBest * (fitted.mean[1] ?? 0);
  return { score: round(score), gapToBest: round(gapToBest), bias: round(bias) };
}
