// `npm run ask -- "question"` for people, `--json` for one JSON object, `--jsonl` for a stream.
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config/load-config.js';
import { toVerbatimError } from '../src/core/errors.js';
import { createCliLogger, createAnswerService } from '../src/app.js';
import { answerToJson, errorToJson, renderAnswerForTerminal } from '../src/render/terminal.js';
import { runCli } from './run-cli.js';

const usage = 'Usage: npm run ask -- [--json] "question"   or   npm run ask -- --jsonl < questions.txt';

await runCli(async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const jsonl = args.includes('--jsonl');
  const question = args.filter((arg) => !arg.startsWith('--')).join(' ');
  if (!jsonl && question.trim() === '' && args.length === 0) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }

  const config = loadConfig();
  const logger = createCliLogger(config);
  const service = await createAnswerService(config, { logger, onProgress: (line) => process.stderr.write(`${line}\n`) });

  if (jsonl) {
    // One object per input line, in order; a bad question yields an error object, not a stop.
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      try {
        process.stdout.write(`${JSON.stringify(answerToJson(await service.ask(line)))}\n`);
      } catch (error) {
        const failure = toVerbatimError(error);
        logger.error({ err: error, code: failure.code }, 'question failed');
        process.stdout.write(`${JSON.stringify(errorToJson(line, failure))}\n`);
      }
    }
    return;
  }

  if (json) {
    try {
      process.stdout.write(`${JSON.stringify(answerToJson(await service.ask(question)), null, 2)}\n`);
    } catch (error) {
      const failure = toVerbatimError(error);
      process.stdout.write(`${JSON.stringify(errorToJson(question, failure), null, 2)}\n`);
      process.exitCode = 2;
    }
    return;
  }

  const answer = await service.ask(question);
  const titles = new Map(service.sources().map((meta) => [meta.id, meta.title]));
  process.stdout.write(`${renderAnswerForTerminal(answer, { color: process.stdout.isTTY === true, titles })}\n`);
});
