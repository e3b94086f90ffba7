// Whole-process timings for the cold-start comparison (`npm run bench -- --only cold`): wall, CPU
// and peak RSS of a command, runs of several commands interleaved so that a shared machine's load
// falls on all of them alike, and the summary of each.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './metrics.js';

export interface ProcessCommand {
  /** Short name in the report, e.g. `ask` or `tutorial`. */
  name: string;
  program: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ProcessRun {
  wallMs: number;
  /** User + system CPU of the process and its children; null without /usr/bin/time. */
  cpuMs: number | null;
  /** Largest resident set of the process (or its largest child); null without /usr/bin/time. */
  peakRssMb: number | null;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessSummary {
  name: string;
  runs: number;
  failed: number;
  wallMedianMs: number | null;
  cpuMedianMs: number | null;
  peakRssMaxMb: number | null;
}

const timeProgram = '/usr/bin/time';

/** `/usr/bin/time -f` fields: elapsed, user and system seconds, max RSS in KB; written to a file of its own. */
const timeFormat = '%e %U %S %M';

/** Runs the command once from spawn to exit; GNU time, when present, adds CPU and peak RSS. */
export async function runProcess(command: ProcessCommand): Promise<ProcessRun> {
  const withTime = existsSync(timeProgram);
  const scratch = withTime ? await mkdtemp(join(tmpdir(), 'verbatim-time-')) : null;
  const timeFile = scratch ? join(scratch, 'time.txt') : null;
  const [program, ...args] = timeFile
    ? [timeProgram, '-o', timeFile, '-f', timeFormat, command.program, ...command.args]
    : [command.program, ...command.args];
  try {
    const started = performance.now();
    const outcome = await new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(program ?? command.program, args, { cwd: command.cwd, env: command.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    });
    const wallMs = performance.now() - started;
    const measured = timeFile ? parseTimeOutput(await readFile(timeFile, 'utf8').catch(() => '')) : null;
    return { wallMs, cpuMs: measured?.cpuMs ?? null, peakRssMb: measured?.peakRssMb ?? null, ...outcome };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** The last line of GNU time's `-f '%e %U %S %M'` output (a failing command adds a line before it). */
export function parseTimeOutput(text: string): { cpuMs: number; peakRssMb: number } | null {
  const line = text.trim().split('\n').at(-1) ?? '';
  const fields = line.trim().split(/\s+/).map(Number);
  if (fields.length !== 4 || fields.some((field) => !Number.isFinite(field))) return null;
  const [, user = 0, system = 0, rssKb = 0] = fields;
  return { cpuMs: (user + system) * 1000, peakRssMb: rssKb / 1024 };
}

/**
 * `rounds` runs of every command, one command after the other within a round, so a burst of
 * load on a shared machine slows all of them rather than one.
 */
export async function runInterleaved(
  commands: readonly ProcessCommand[],
  { rounds, onRun = () => {} }: { rounds: number; onRun?: (name: string, run: ProcessRun, round: number) => void },
): Promise<Map<string, ProcessRun[]>> {
  const runs = new Map<string, ProcessRun[]>(commands.map((command) => [command.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const command of commands) {
      const run = await runProcess(command);
      runs.get(command.name)?.push(run);
      onRun(command.name, run, round);
    }
  }
  return runs;
}

/** Medians over the runs that exited 0; a failed run is counted, not timed. */
export function summariseRuns(name: string, runs: readonly ProcessRun[]): ProcessSummary {
  const succeeded = runs.filter((run) => run.exitCode === 0);
  const numbers = (values: ReadonlyArray<number | null>) => values.filter((value): value is number => value !== null);
  const rss = numbers(succeeded.map((run) => run.peakRssMb));
  return {
    name,
    runs: runs.length,
    failed: runs.length - succeeded.length,
    wallMedianMs: percentile(
      succeeded.map((run) => run.wallMs),
      50,
    ),
    cpuMedianMs: percentile(numbers(succeeded.map((run) => run.cpuMs)), 50),
    peakRssMaxMb: rss.length > 0 ? Math.max(...rss) : null,
  };
}

/** `numerator / denominator`, or null when either is missing. */
export function ratioOf(numerator: number | null, denominator: number | null): number | null {
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

export interface StageTiming {
  stage: string;
  ms: number;
}

/** The JSON line `bench/cold-stages.mjs` prints. */
export function parseStages(stdout: string): { stages: StageTiming[]; totalMs: number } | null {
  try {
    const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { stages?: unknown; totalMs?: unknown };
    if (!Array.isArray(parsed.stages) || typeof parsed.totalMs !== 'number') return null;
    const stages = parsed.stages.filter(
      (entry): entry is StageTiming => typeof entry === 'object' && entry !== null && typeof entry.stage === 'string' && typeof entry.ms === 'number',
    );
    return { stages, totalMs: parsed.totalMs };
  } catch {
    return null;
  }
}

/** Per stage, the median over several runs of the stage probe (stages matched by name). */
export function medianStages(runs: ReadonlyArray<readonly StageTiming[]>): StageTiming[] {
  const names = [...new Set(runs.flatMap((stages) => stages.map((entry) => entry.stage)))];
  return names.map((stage) => ({
    stage,
    ms: percentile(
      runs.flatMap((stages) => stages.filter((entry) => entry.stage === stage).map((entry) => entry.ms)),
      50,
    ) ?? 0,
  }));
}
