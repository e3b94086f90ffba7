import { describe, expect, it } from 'vitest';
import { medianStages, parseStages, parseTimeOutput, ratioOf, summariseRuns, type ProcessRun } from '../../../bench/lib/cold-start.js';

function run(wallMs: number, { cpuMs = wallMs, peakRssMb = 200, exitCode = 0 }: Partial<ProcessRun> = {}): ProcessRun {
  return { wallMs, cpuMs, peakRssMb, exitCode, stdout: '', stderr: '' };
}

describe('cold-start figures', () => {
  it('reads CPU as user plus system time and the peak RSS from GNU time, after any failure line', () => {
    expect(parseTimeOutput('1.20 0.90 0.15 220160\n')).toEqual({ cpuMs: 1050, peakRssMb: 215 });
    expect(parseTimeOutput('Command exited with non-zero status 2\n0.50 0.40 0.05 102400\n')).toEqual({ cpuMs: 450, peakRssMb: 100 });
    expect(parseTimeOutput('')).toBeNull();
  });

  it('takes medians over the runs that succeeded and counts the ones that failed', () => {
    const summary = summariseRuns('ask', [run(1000), run(3000), run(2000), run(50, { exitCode: 2, peakRssMb: 900 })]);
    expect(summary).toMatchObject({ runs: 4, failed: 1, wallMedianMs: 2000, cpuMedianMs: 2000, peakRssMaxMb: 200 });
  });

  it('reports no ratio when either side was not measured', () => {
    expect(ratioOf(1500, 1000)).toBe(1.5);
    expect(ratioOf(null, 1000)).toBeNull();
    expect(ratioOf(1500, 0)).toBeNull();
  });

  it('takes each stage’s median across probe runs, matching stages by name', () => {
    const first = parseStages('{"stages":[{"stage":"modules","ms":300},{"stage":"answer","ms":90}],"totalMs":390}')?.stages ?? [];
    const second = parseStages('noise\n{"stages":[{"stage":"modules","ms":500},{"stage":"answer","ms":70}],"totalMs":570}')?.stages ?? [];
    const third = [{ stage: 'modules', ms: 400 }];
    expect(medianStages([first, second, third])).toEqual([
      { stage: 'modules', ms: 400 },
      { stage: 'answer', ms: 80 },
    ]);
    expect(parseStages('not json')).toBeNull();
  });
});
