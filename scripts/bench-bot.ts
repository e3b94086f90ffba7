// `npm run bench:bot [-- --stub] [-- --count 100] [-- --starts 5]`: first, how long `npm run bot`
// takes from process start to its IDENTIFY and to its first answer (median of --starts runs, each a
// fresh process against a local fake Discord, index already built); then 100 simultaneous /ask
// interactions through the real discord.js client; how fast each is acknowledged and answered.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../bench/lib/metrics.js';
import { formatMilliseconds, formatTable } from '../bench/lib/text-table.js';
import { parseConfig } from '../src/config/config.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/core/logger.js';
import type { AnswerService } from '../src/core/types.js';
import { createServiceFromIndex, openIndex } from '../src/app.js';
import { createBot } from '../src/discord/bot.js';
import { serviceLibrary } from '../test/fakes/discord-library.js';
import { FakeDiscord, type RecordedRequest } from '../test/fakes/discord-server.js';
import { StubAnswerService } from '../test/fakes/stub-answer-service.js';
import { runCli } from './run-cli.js';

/** Discord fails an interaction not acknowledged within 3 s. */
const ackDeadlineMs = 3000;
const answerTimeoutMs = 120_000;
const questions = [
  'What is the administration planning against the cartels?',
  'What did the defense secretary say?',
  'Did Mexico agree to U.S. troops?',
  'What did the outlet report?',
  'Is a strike a negotiating tactic?',
  'What would make a strike legal?',
  'Who requested target lists?',
  'What restrictions apply to foreign agents?',
];
/** What the README tells operators to run; measured as it is on this branch (`--command` for another). */
const defaultStartCommand = 'npm run --silent bot';
const benchToken = `${Buffer.from('130000000000000000').toString('base64url')}.GbEnch.${'benchToken0'.repeat(3)}`;

await runCli(async () => {
  const args = process.argv.slice(2);
  const useStub = args.includes('--stub');
  const countIndex = args.indexOf('--count');
  const count = countIndex >= 0 ? Number(args[countIndex + 1]) : 100;
  const startsIndex = args.indexOf('--starts');
  const starts = startsIndex >= 0 ? Number(args[startsIndex + 1]) : 5;
  const commandIndex = args.indexOf('--command');
  const startCommand = commandIndex >= 0 ? (args[commandIndex + 1] ?? defaultStartCommand) : defaultStartCommand;

  const config = loadConfig();
  // Opened (built first when missing) before any timing, so every measured start finds the index on disk.
  const opened = useStub ? null : await openIndex(config, { onProgress: (line) => process.stderr.write(`${line}\n`) });
  const startup = opened !== null && starts > 0 ? await measureStartups(starts, startCommand) : null;
  const service: AnswerService = opened === null ? new StubAnswerService() : createServiceFromIndex(config, opened, { logger: createLogger({ level: 'warn' }) });
  const folder = await mkdtemp(join(tmpdir(), 'verbatim-bench-bot-'));
  const fake = await FakeDiscord.start();
  const botConfig = parseConfig({ DISCORD_TOKEN: benchToken, DISCORD_COOLDOWN_SECONDS: '0', FEEDBACK_FILE: join(folder, 'feedback.jsonl') });
  const bot = createBot({ library: serviceLibrary(service), config: botConfig, logger: createLogger({ level: 'error', secrets: [benchToken] }), rest: { api: fake.restApi } });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  try {
    await bot.start();
    fake.createGuilds();
    // One warm-up question so the first measured one does not pay for model warm-up alone.
    const warmUp = fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: 'warm up' }] });
    await fake.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(warmUp.token), answerTimeoutMs);

    const sentAt = performance.now();
    const tokens = Array.from({ length: count }, (_, index) => {
      const question = questions[index % questions.length] ?? '';
      return fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: question }], userId: `14000000000000${String(index).padStart(5, '0')}` }).token;
    });
    const isAck = (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith('/callback') && request.status < 300;
    const isAnswer = (request: RecordedRequest) => request.method === 'PATCH' && request.status < 300;
    const deadline = performance.now() + answerTimeoutMs;
    // Polled rather than one waiter per interaction, so the bench itself stays cheap.
    while (fake.requests.filter(isAnswer).length < count + 1 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const firstFor = (token: string, matches: (request: RecordedRequest) => boolean) => {
      const request = fake.requests.find((candidate) => matches(candidate) && candidate.path.includes(`/${token}/`));
      return request === undefined ? null : request.at - sentAt;
    };
    const results = tokens.map((token) => ({ ackMs: firstFor(token, isAck), answerMs: firstFor(token, isAnswer) }));

    const acks = results.flatMap((result) => (result.ackMs === null ? [] : [result.ackMs]));
    const answers = results.flatMap((result) => (result.answerMs === null ? [] : [result.answerMs]));
    const report = {
      startup,
      service: useStub ? 'stub' : 'real',
      interactions: count,
      ackP50Ms: round(percentile(acks, 50)),
      ackP95Ms: round(percentile(acks, 95)),
      ackedWithin3s: acks.filter((ms) => ms <= ackDeadlineMs).length,
      answerP50Ms: round(percentile(answers, 50)),
      answerP95Ms: round(percentile(answers, 95)),
      answered: answers.length,
      lost: results.filter((result) => result.answerMs === null).length,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      at: new Date().toISOString(),
    };
    process.stdout.write(
      `${formatTable({
        headers: ['measure', 'value'],
        rows: [
          ...(startup === null
            ? []
            : ([
                [`\`${startup.command}\`: start → IDENTIFY (median of ${startup.runs.length})`, formatMilliseconds(startup.identifyMs)],
                ['CPU used by IDENTIFY', formatMilliseconds(startup.cpuToIdentifyMs)],
                ['start → connected (READY handled)', formatMilliseconds(startup.connectedMs)],
                ['start → library loaded', formatMilliseconds(startup.libraryMs)],
                ['start → first /ask deferred', formatMilliseconds(startup.firstAckMs)],
                ['slowest deferral of an /ask sent while loading', formatMilliseconds(startup.worstAckWhileLoadingMs)],
                ['start → first answer', formatMilliseconds(startup.firstAnswerMs)],
                ['CPU used by the first answer', formatMilliseconds(startup.cpuToAnswerMs)],
                ['bot peak RSS after first answer', startup.peakRssMb === null ? '–' : `${startup.peakRssMb} MB`],
              ] as Array<[string, string]>)),
          ['service', report.service],
          ['interactions sent at once', report.interactions],
          ['ack (deferral) p50', formatMilliseconds(report.ackP50Ms)],
          ['ack (deferral) p95', formatMilliseconds(report.ackP95Ms)],
          ['acknowledged within 3 s', `${report.ackedWithin3s}/${count}`],
          ['answer (final edit) p50', formatMilliseconds(report.answerP50Ms)],
          ['answer (final edit) p95', formatMilliseconds(report.answerP95Ms)],
          ['answered', `${report.answered}/${count}`],
          ['lost', report.lost],
          ['peak RSS', `${report.peakRssMb} MB`],
        ],
      })}\n`,
    );
    await mkdir('bench', { recursive: true });
    await writeFile(join('bench', 'bot.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write('Wrote bench/bot.json\n');
  } finally {
    clearInterval(sampler);
    await bot.stop();
    await fake.stop();
    await rm(folder, { recursive: true, force: true });
  }
});

interface StartupRun {
  identifyMs: number | null;
  /** CPU the whole process group had used by then: less sensitive than wall time to a busy machine. */
  cpuToIdentifyMs: number | null;
  cpuToAnswerMs: number | null;
  connectedMs: number | null;
  libraryMs: number | null;
  firstAckMs: number | null;
  /** The slowest deferral of the /ask probes sent while the library was loading (Discord allows 3 s). */
  worstAckWhileLoadingMs: number | null;
  firstAnswerMs: number | null;
  peakRssMb: number | null;
}

interface StartupReport extends StartupRun {
  command: string;
  runs: StartupRun[];
}

/** Starts the bot `count` times, one after another; the medians of each stage. */
async function measureStartups(count: number, command: string): Promise<StartupReport> {
  const runs: StartupRun[] = [];
  for (let run = 0; run < count; run += 1) {
    runs.push(await measureStartup(command));
    process.stderr.write(`start ${run + 1}/${count}: ${JSON.stringify(runs.at(-1))}\n`);
  }
  const median = (pick: (run: StartupRun) => number | null) => round(percentile(runs.flatMap((run) => (pick(run) === null ? [] : [pick(run) as number])), 50));
  return {
    command,
    runs,
    identifyMs: median((run) => run.identifyMs),
    cpuToIdentifyMs: median((run) => run.cpuToIdentifyMs),
    cpuToAnswerMs: median((run) => run.cpuToAnswerMs),
    connectedMs: median((run) => run.connectedMs),
    libraryMs: median((run) => run.libraryMs),
    firstAckMs: median((run) => run.firstAckMs),
    worstAckWhileLoadingMs: median((run) => run.worstAckWhileLoadingMs),
    firstAnswerMs: median((run) => run.firstAnswerMs),
    peakRssMb: median((run) => run.peakRssMb),
  };
}

/**
 * One cold start of the real bot process: times from spawning it to its IDENTIFY (seen by the fake
 * gateway), to its log lines, and to the answer of an /ask sent the moment it identified, as a
 * user asking right after a deploy would.
 */
async function measureStartup(command: string): Promise<StartupRun> {
  const fake = await FakeDiscord.start();
  const folder = await mkdtemp(join(tmpdir(), 'verbatim-bench-start-'));
  const spawnedAt = performance.now();
  const spawnedAtEpoch = Date.now();
  const [program = 'npm', ...programArgs] = command.split(' ');
  const child = spawn(program, programArgs, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DISCORD_TOKEN: benchToken, DISCORD_API_URL: fake.restApi, LIBRARY_DIR: join(folder, 'library'), DISCORD_COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info', FEEDBACK_FILE: join(folder, 'feedback.jsonl') },
  });
  let logs = '';
  child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  const logTime = (message: string) => {
    const line = logs.split('\n').find((candidate) => candidate.includes(`"msg":"${message}`));
    const time = line === undefined ? null : (JSON.parse(line) as { time?: number }).time;
    return typeof time === 'number' ? time - spawnedAtEpoch : null;
  };
  try {
    const identify = await fake.waitForGateway((payload) => payload.op === 2, 30_000);
    const atIdentify = await groupUsage(child.pid);
    fake.createGuilds();
    const { token } = fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: questions[0] ?? '' }] });
    const isAckOf = (probe: string) => (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith(`/${probe}/callback`);
    const ack = await fake.waitForRequest(isAckOf(token), 30_000);
    // While the pipeline loads on the same event loop, an /ask every 250 ms: how late is its deferral?
    const probeAcks: number[] = [];
    while (logTime('library loaded') === null && child.exitCode === null) {
      const sentAt = performance.now();
      const probe = fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: questions[1] ?? '' }] });
      probeAcks.push((await fake.waitForRequest(isAckOf(probe.token), 30_000)).at - sentAt);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const answer = await fake.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(`/${token}/`), answerTimeoutMs);
    const atAnswer = await groupUsage(child.pid);
    return {
      cpuToIdentifyMs: atIdentify?.cpuMs ?? null,
      cpuToAnswerMs: atAnswer?.cpuMs ?? null,
      identifyMs: round((identify.at ?? spawnedAt) - spawnedAt),
      connectedMs: logTime('connected to Discord'),
      libraryMs: logTime('library loaded'),
      firstAckMs: round(ack.at - spawnedAt),
      worstAckWhileLoadingMs: probeAcks.length === 0 ? null : round(Math.max(...probeAcks)),
      firstAnswerMs: round(answer.at - spawnedAt),
      peakRssMb: atAnswer?.peakRssMb ?? null,
    };
  } finally {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await fake.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

interface GroupUsage {
  /** User + system CPU of every process of the group (npm, the shell, node), in ms. */
  cpuMs: number;
  /** The largest VmHWM (peak resident memory) among the group's node processes: the bot's own. */
  peakRssMb: number | null;
}

/** Reads Linux /proc for the processes of one process group (the bot started by npm). */
async function groupUsage(groupLeader: number | undefined): Promise<GroupUsage | null> {
  if (groupLeader === undefined) return null;
  let ticks = 0;
  let peakKb = 0;
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // After the parenthesised name: state, ppid, pgrp, …; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== groupLeader) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (/^Name:\s+node/m.test(status)) peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
  }
  // Clock ticks are 1/100 s on Linux.
  return { cpuMs: ticks * 10, peakRssMb: peakKb === 0 ? null : Math.round(peakKb / 1024) };
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
