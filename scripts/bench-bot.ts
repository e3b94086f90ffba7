// `npm run bench:bot [-- --stub] [-- --count 100]`: 100 simultaneous /ask interactions through the
// real discord.js client and a local fake Discord; how fast each is acknowledged and answered.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../bench/lib/metrics.js';
import { formatMilliseconds, formatTable } from '../bench/lib/text-table.js';
import { parseConfig } from '../src/config/config.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/core/logger.js';
import type { AnswerService } from '../src/core/types.js';
import { createAnswerService } from '../src/app.js';
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
const benchToken = `${Buffer.from('130000000000000000').toString('base64url')}.GbEnch.${'benchToken0'.repeat(3)}`;

await runCli(async () => {
  const args = process.argv.slice(2);
  const useStub = args.includes('--stub');
  const countIndex = args.indexOf('--count');
  const count = countIndex >= 0 ? Number(args[countIndex + 1]) : 100;

  const service: AnswerService = useStub
    ? new StubAnswerService()
    : await createAnswerService(loadConfig(), { logger: createLogger({ level: 'warn' }), onProgress: (line) => process.stderr.write(`${line}\n`) });
  const folder = await mkdtemp(join(tmpdir(), 'verbatim-bench-bot-'));
  const fake = await FakeDiscord.start();
  const config = parseConfig({ DISCORD_TOKEN: benchToken, DISCORD_COOLDOWN_SECONDS: '0', FEEDBACK_FILE: join(folder, 'feedback.jsonl') });
  const bot = createBot({ library: serviceLibrary(service), config, logger: createLogger({ level: 'error', secrets: [benchToken] }), rest: { api: fake.restApi } });
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

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
