// The arithmetic behind `npm run eval` and `npm run bench`: pure functions over spans, ranks and
// timings, so the numbers in the reports can be checked by unit tests.

/** Half-open character range `[start, end)`. */
export interface CharacterRange {
  start: number;
  end: number;
}

/** Two half-open ranges share at least one character. Touching ends (`[0,5)` and `[5,9)`) do not. */
export function rangesOverlap(first: CharacterRange, second: CharacterRange): boolean {
  return first.start < second.end && second.start < first.end;
}

/**
 * Where each gold sentence lies in the article, found by exact search as the dev set's README
 * prescribes. A gold sentence the article does not hold is reported, not silently dropped, since it
 * would lower every score without saying why.
 */
export function locateGold(articleText: string, gold: readonly string[]): { ranges: CharacterRange[]; missing: string[] } {
  const ranges: CharacterRange[] = [];
  const missing: string[] = [];
  for (const sentence of gold) {
    const start = articleText.indexOf(sentence);
    if (start === -1) missing.push(sentence);
    else ranges.push({ start, end: start + sentence.length });
  }
  return { ranges, missing };
}

/**
 * 1-based rank of the first cited range that overlaps some gold range, or null when none does.
 * Overlap, not equality, because a segmenter may keep a multi-sentence quotation whole.
 */
export function firstHitRank(cited: readonly CharacterRange[], gold: readonly CharacterRange[]): number | null {
  const index = cited.findIndex((citation) => gold.some((range) => rangesOverlap(citation, range)));
  return index === -1 ? null : index + 1;
}

/** 1 when a gold sentence is among the first `k` citations, else 0. */
export function recallAtK(cited: readonly CharacterRange[], gold: readonly CharacterRange[], k: number): 0 | 1 {
  const rank = firstHitRank(cited, gold);
  return rank !== null && rank <= k ? 1 : 0;
}

/** 1 / rank of the first hit; 0 when nothing cited is gold. Averaged over questions it is the MRR. */
export function reciprocalRank(cited: readonly CharacterRange[], gold: readonly CharacterRange[]): number {
  const rank = firstHitRank(cited, gold);
  return rank === null ? 0 : 1 / rank;
}

/** Arithmetic mean; null for no values, so an empty category shows as "–" rather than 0. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Share of `flags` that are true; null when there are none. */
export function rate(flags: readonly boolean[]): number | null {
  return mean(flags.map((flag) => (flag ? 1 : 0)));
}

/**
 * The `p`-th percentile (0–100) by linear interpolation between the closest ranks (the method of
 * NumPy's default and of most latency dashboards). Null for no samples.
 */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`A percentile lies between 0 and 100, not ${p}.`);
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const lower = sorted[below] ?? 0;
  const upper = sorted[above] ?? lower;
  return lower + (upper - lower) * (position - below);
}

export interface BinaryCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Precision and recall of a yes/no decision. Precision with nothing predicted positive, or recall
 * with nothing actually positive, is undefined and returned as null.
 */
export function precisionRecall({ truePositives, falsePositives, falseNegatives }: BinaryCounts): {
  precision: number | null;
  recall: number | null;
} {
  const predicted = truePositives + falsePositives;
  const actual = truePositives + falseNegatives;
  return {
    precision: predicted === 0 ? null : truePositives / predicted,
    recall: actual === 0 ? null : truePositives / actual,
  };
}

/** Counts a classifier's outcomes from (predicted, actual) pairs. */
export function countOutcomes(pairs: ReadonlyArray<{ predicted: boolean; actual: boolean }>): BinaryCounts {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { predicted, actual } of pairs) {
    if (predicted && actual) truePositives += 1;
    else if (predicted) falsePositives += 1;
    else if (actual) falseNegatives += 1;
  }
  return { truePositives, falsePositives, falseNegatives };
}

/**
 * Share of the true `k` nearest neighbours (from exact search) that the approximate search found,
 * averaged over queries: the usual "recall@k" of an approximate nearest-neighbour index.
 */
export function neighbourRecall<Label>(approximate: readonly (readonly Label[])[], exact: readonly (readonly Label[])[], k: number): number | null {
  if (exact.length === 0) return null;
  if (approximate.length !== exact.length) throw new Error(`Got ${approximate.length} approximate results for ${exact.length} queries.`);
  let found = 0;
  let wanted = 0;
  exact.forEach((truth, query) => {
    const expected = new Set(truth.slice(0, k));
    const returned = new Set((approximate[query] ?? []).slice(0, k));
    for (const label of expected) if (returned.has(label)) found += 1;
    wanted += expected.size;
  });
  return wanted === 0 ? null : found / wanted;
}

/** ann-benchmarks' tolerance: a neighbour within 1e-3 of the k-th true distance counts as found. */
export const annBenchmarksEpsilon = 1e-3;

/**
 * Neighbour recall that forgives ties (the convention of ann-benchmarks): a returned neighbour counts when it is at least as similar
 * as the exact k-th neighbour, less `tolerance`. Corpora hold duplicate sentences ("The council will vote again."),
 * and which of several identical vectors an index returns is not a miss.
 * `approximate` and `exact` hold, per query, the true similarities of the returned neighbours.
 */
export function tieAwareNeighbourRecall(
  approximate: readonly (readonly number[])[],
  exact: readonly (readonly number[])[],
  k: number,
  tolerance = annBenchmarksEpsilon,
): number | null {
  if (exact.length === 0) return null;
  if (approximate.length !== exact.length) throw new Error(`Got ${approximate.length} approximate results for ${exact.length} queries.`);
  let found = 0;
  let wanted = 0;
  exact.forEach((truth, query) => {
    const best = truth.slice(0, k);
    const threshold = best.at(-1);
    if (threshold === undefined) return;
    const returned = (approximate[query] ?? []).slice(0, k);
    found += Math.min(best.length, returned.filter((similarity) => similarity >= threshold - tolerance).length);
    wanted += best.length;
  });
  return wanted === 0 ? null : found / wanted;
}
