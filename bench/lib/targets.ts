// The performance targets the bench reports against, and how a measurement is judged.

export interface Target {
  name: string;
  /** The measured value, or null when this run did not measure it (e.g. `--quick`). */
  value: number | null;
  limit: number;
  /** `below`: pass when value < limit; `atLeast`: pass when value ≥ limit. */
  direction: 'below' | 'atLeast';
  unit: string;
  /** How the value was obtained when it is not a plain measurement, e.g. "extrapolated". */
  note?: string;
}

export type Verdict = 'pass' | 'FAIL' | 'not measured';

export function judge(target: Target): Verdict {
  if (target.value === null || Number.isNaN(target.value)) return 'not measured';
  const passes = target.direction === 'below' ? target.value < target.limit : target.value >= target.limit;
  return passes ? 'pass' : 'FAIL';
}

export function describeLimit(target: Target): string {
  return `${target.direction === 'below' ? '<' : '≥'} ${target.limit} ${target.unit}`.trimEnd();
}
