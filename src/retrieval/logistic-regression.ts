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
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j += 1) mean[j] = (mean[j] ?? 0) + (row[j] ?? 0) / count;
  for (const row of rows) for (let j = 0; j < width; j += 1) scale[j] = (scale[j] ?? 0) + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2 / count;
  // A constant feature carries nothing: scale 1 keeps it at 0 rather than dividing by 0.
  for (let j = 0; j < width; j += 1) scale[j] = Math.sqrt(scale[j] ?? 0) || 1;
  const standardised = rows.map((row) => [...row.map((value, j) => (value - (mean[j] ?? 0)) / (scale[j] ?? 1)), 1]);

  // The last coefficient is the bias.
  let beta = new Array<number>(width + 1).fill(0);
  for (let step = 0; step < iterations; step += 1) {
    const gradient = new Array<number>(width + 1).fill(0);
    const hessian = Array.from({ length: width + 1 }, () => new Array<number>(width + 1).fill(0));
    for (let i = 0; i < count; i += 1) {
      const x = standardised[i] ?? [];
      const p = sigmoid(dot(beta, x));
      const residual = p - (labels[i] ? 1 : 0);
      const curvature = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= width; a += 1) {
        const xa = x[a] ?? 0;
        gradient[a] = (gradient[a] ?? 0) + residual * xa;
        const rowA = hessian[a] ?? [];
        for (let b = a; b <= width; b += 1) rowA[b] = (rowA[b] ?? 0) + curvature * xa * (x[b] ?? 0);
      }
    }
    for (let a = 0; a <= width; a += 1) {
      for (let b = 0; b < a; b += 1) (hessian[a] ?? [])[b] = hessian[b]?.[a] ?? 0;
      if (a < width) {
        gradient[a] = (gradient[a] ?? 0) + l2 * (beta[a] ?? 0);
        (hessian[a] ?? [])[a] = (hessian[a]?.[a] ?? 0) + l2;
      }
    }
    const delta = solve(hessian, gradient);
    beta = beta.map((value, index) => value - (delta[index] ?? 0));
    if (Math.max(...delta.map(Math.abs)) < 1e-10) break;
  }
  return {
    featureNames: [...featureNames],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: beta.slice(0, width).map(round),
    bias: round(beta[width] ?? 0),
  };
}

/** The model's probability that the row is a positive. */
export function predictProbability(model: LogisticModel, row: readonly number[]): number {
  let logit = model.bias;
  for (let j = 0; j < model.weights.length; j += 1) {
    logit += (model.weights[j] ?? 0) * (((row[j] ?? 0) - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
  }
  return sigmoid(logit);
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += (a[index] ?? 0) * (b[index] ?? 0);
  return sum;
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
