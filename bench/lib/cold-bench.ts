// `npm run bench -- --only cold` (and the cold part of a full run): one question's cold start of
// `npm run ask` against the tutorial-style script (bench/tutorial-baseline.mjs), in the same run;
// where ask's start-up time goes (bench/cold-stages.mjs); and the warm answer latency, which the
// cold-start work must not make worse. What each figure means: bench/README.md, "Cold start".
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import { createServiceFromIndex, openIndex } from '../../src/app.js';
import { parseQuestions } from './eval-scoring.js';
import { medianStages, parseStages, ratioOf, runInterleaved, summariseRuns, type ProcessCommand, type ProcessSummary, type StageTiming } from './cold-start.js';
import { percentile } from './metrics.js';
import { describeLimit, judge, type Target } from './targets.js';
import { formatMilliseconds, formatTable, type Cell } from './text-table.js';

export interface ColdPlan {
  /** Whole-process runs of each command (interleaved). */
  rounds: number;
  /** Runs of the stage probe, each mode. */
  stageRuns: number;
  /** Passes over the dev set for the warm latency. */
  warmRounds: number;
}

export const coldPlan: ColdPlan = { rounds: 5, stageRuns: 3, warmRounds: 3 };

/** The bars of issue #10, and the warm latency measured before that work (bench/README.md). */
export const coldBars = { ratioToTutorial: 1.3, askPeakRssMb: 275, warmP95Ms: 21 } as const;

export interface ColdFigures {
  question: string;
  /** `node dist/scripts/ask.js --json`, the command `npm run ask` runs; the tutorial; and ask through npm. */
  processes: ProcessSummary[];
  /** ask's median wall over the tutorial's, same run. */
  wallRatio: number | null;
  cpuRatio: number | null;
  /** The same through `npm run --silent ask` (npm's own start-up included). */
  npmWallRatio: number | null;
  stages: StageTiming[];
  imports: StageTiming[];
  warm: { samples: number; p50: number | null; p95: number | null; p99: number | null };
  loadAverage: { start: number[]; end: number[] };
}

export interface ColdBenchOptions {
  repositoryRoot: string;
  config: Readonly<Config>;
  /** A fresh index is built here (the embedding cache of `config` is reused: it only saves time). */
  workDir: string;
  plan?: ColdPlan;
  loadAverage: () => number[];
  progress: (line: string) => void;
}

export async function runColdBench({ repositoryRoot, config, workDir, plan = coldPlan, loadAverage, progress }: ColdBenchOptions): Promise<ColdFigures> {
  const start = loadAverage();
  progress('cold: npm run build (ask runs the compiled dist/)…');
  await run('npm', ['run', '--silent', 'build'], repositoryRoot);

  const coldConfig: Readonly<Config> = { ...config, indexDir: join(workDir, 'cold', 'index') };
  progress('cold: building the index…');
  const opened = await openIndex(coldConfig);
  const questions = parseQuestions(await readFile(join(repositoryRoot, 'data', 'eval', 'dev-set.jsonl'), 'utf8'), 'dev-set.jsonl');
  const question = questions[0]?.question ?? 'What is the article about?';
  const articleFile = (await readdir(config.articlesDir)).filter((name) => name.endsWith('.txt')).sort()[0] ?? '';

  const env = { ...process.env, ARTICLES_DIR: config.articlesDir, INDEX_DIR: coldConfig.indexDir, CACHE_DIR: config.cacheDir, LOG_LEVEL: 'silent' };
  const node = (name: string, args: string[], extra: NodeJS.ProcessEnv = {}): ProcessCommand => ({
    name,
    program: process.execPath,
    args,
    cwd: repositoryRoot,
    env: { ...env, ...extra },
  });
  const commands: ProcessCommand[] = [
    node('ask (node dist/scripts/ask.js --json)', ['dist/scripts/ask.js', '--json', question]),
    node('tutorial (node bench/tutorial-baseline.mjs)', ['bench/tutorial-baseline.mjs', question], { TUTORIAL_ARTICLE: join(config.articlesDir, articleFile) }),
    { name: 'ask via npm run --silent ask -- --json', program: 'npm', args: ['run', '--silent', 'ask', '--', '--json', question], cwd: repositoryRoot, env },
  ];
  progress(`cold: ${plan.rounds} rounds of ${commands.length} processes, interleaved…`);
  const runs = await runInterleaved(commands, {
    rounds: plan.rounds,
    onRun: (name, outcome, round) => {
      progress(`  ${round + 1}/${plan.rounds} ${name}: ${(outcome.wallMs / 1000).toFixed(2)} s${outcome.exitCode === 0 ? '' : ` (exit ${outcome.exitCode}) ${outcome.stderr.slice(0, 500)}`}`);
    },
  });
  const processes = commands.map((command) => summariseRuns(command.name, runs.get(command.name) ?? []));
  const [ask, tutorial, viaNpm] = processes;

  progress(`cold: stage probe × ${plan.stageRuns}, imports probe × ${plan.stageRuns}…`);
  const probe = (args: string[]) => node('probe', ['bench/cold-stages.mjs', ...args]);
  const stageRuns = await runInterleaved([probe([question]), { ...probe(['--imports']), name: 'imports' }], { rounds: plan.stageRuns });
  const parsedStages = (name: string) =>
    (stageRuns.get(name) ?? []).map((outcome) => parseStages(outcome.stdout)?.stages).filter((stages): stages is StageTiming[] => stages !== undefined);

  progress(`cold: warm latency over ${questions.length} dev questions × ${plan.warmRounds}…`);
  const service = createServiceFromIndex(coldConfig, opened);
  await service.ask(question);
  const samples: number[] = [];
  for (let round = 0; round < plan.warmRounds; round += 1) {
    for (const { question: asked } of questions) {
      const started = performance.now();
      await service.ask(asked);
      samples.push(performance.now() - started);
    }
  }

  return {
    question,
    processes,
    wallRatio: ratioOf(ask?.wallMedianMs ?? null, tutorial?.wallMedianMs ?? null),
    cpuRatio: ratioOf(ask?.cpuMedianMs ?? null, tutorial?.cpuMedianMs ?? null),
    npmWallRatio: ratioOf(viaNpm?.wallMedianMs ?? null, tutorial?.wallMedianMs ?? null),
    stages: medianStages(parsedStages('probe')),
    imports: medianStages(parsedStages('imports')),
    warm: { samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) },
    loadAverage: { start, end: loadAverage() },
  };
}

export function coldTargets(figures: ColdFigures): Target[] {
  const ask = figures.processes[0];
  return [
    { name: 'cold ask wall ÷ tutorial wall (same run)', value: figures.wallRatio, limit: coldBars.ratioToTutorial, direction: 'below', unit: '×' },
    { name: 'cold ask peak RSS', value: ask?.peakRssMaxMb ?? null, limit: coldBars.askPeakRssMb, direction: 'below', unit: 'MB' },
    { name: 'warm answer p95 (not worse than before)', value: figures.warm.p95, limit: coldBars.warmP95Ms, direction: 'below', unit: 'ms' },
  ];
}

function run(program: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} exited with ${code}`))));
  });
}

export function renderColdReport(figures: ColdFigures, targets: readonly Target[]): string {
  const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
  const processRows: Cell[][] = figures.processes.map((summary) => [
    summary.name,
    seconds(summary.wallMedianMs),
    seconds(summary.cpuMedianMs),
    summary.peakRssMaxMb === null ? '–' : `${summary.peakRssMaxMb.toFixed(0)} MB`,
    `${summary.runs - summary.failed}/${summary.runs}`,
  ]);
  const ratio = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);
  const stageRows = (stages: readonly StageTiming[]): Cell[][] => stages.map((entry) => [entry.stage, `${entry.ms} ms`]);
  const total = (stages: readonly StageTiming[]) => stages.reduce((sum, entry) => sum + entry.ms, 0);
  const targetRows: Cell[][] = targets.map((target) => [
    target.name,
    target.value === null ? '–' : `${target.value.toFixed(2)} ${target.unit}`,
    describeLimit(target),
    judge(target),
  ]);
  return [
    `Cold start — question: "${figures.question}"; load average ${figures.loadAverage.start.map((value) => value.toFixed(1)).join(' ')} → ${figures.loadAverage.end.map((value) => value.toFixed(1)).join(' ')}`,
    formatTable({ headers: ['process (median of runs)', 'wall', 'CPU (user+sys)', 'peak RSS (max)', 'ok'], rows: processRows }),
    `ask ÷ tutorial: wall ${ratio(figures.wallRatio)}, CPU ${ratio(figures.cpuRatio)}; through npm run: wall ${ratio(figures.npmWallRatio)}`,
    '',
    `Where ask's cold start goes (bench/cold-stages.mjs, median per stage; sum ${total(figures.stages)} ms)`,
    formatTable({ headers: ['stage', 'ms'], rows: stageRows(figures.stages) }),
    '',
    'What each package costs to load, one after the other in a fresh process (— : not loaded by ask any more)',
    formatTable({ headers: ['import', 'ms'], rows: stageRows(figures.imports) }),
    '',
    `Warm answer in process (${figures.warm.samples} asks): p50 ${formatMilliseconds(figures.warm.p50)}, p95 ${formatMilliseconds(figures.warm.p95)}, p99 ${formatMilliseconds(figures.warm.p99)}`,
    '',
    formatTable({ headers: ['bar', 'value', 'limit', 'verdict'], rows: targetRows, leftAligned: [0, 2, 3] }),
  ].join('\n');
}
