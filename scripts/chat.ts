// `npm run chat`: an interactive prompt; follow-up questions see the earlier ones as context.
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config/load-config.js';
import { toVerbatimError } from '../src/core/errors.js';
import { createCliLogger, createAnswerService } from '../src/app.js';
import { renderAnswerForTerminal } from '../src/render/terminal.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const logger = createCliLogger(config);
  const service = await createAnswerService(config, { logger, onProgress: (line) => process.stderr.write(`${line}\n`) });
  const titles = new Map(service.sources().map((meta) => [meta.id, meta.title]));
  const color = process.stdout.isTTY === true;
  const history: string[] = [];
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });

  process.stdout.write(`Verbatim: ask about ${service.sources().map((meta) => meta.title).join('; ')}.\nEmpty line or Ctrl-D to quit.\n`);
  // The line iterator buffers input, so questions piped in faster than they are answered are kept.
  prompt.setPrompt('> ');
  prompt.prompt();
  try {
    for await (const line of prompt) {
      const question = line.trim();
      if (question === '' || question === 'exit') break;
      try {
        const answer = await service.ask(question, { history });
        history.push(question);
        process.stdout.write(`\n${renderAnswerForTerminal(answer, { color, titles })}\n\n`);
      } catch (error) {
        const failure = toVerbatimError(error);
        logger.error({ err: error, code: failure.code }, 'question failed');
        process.stdout.write(`error [${failure.code}]: ${failure.message}\n`);
      }
      prompt.prompt();
    }
  } finally {
    prompt.close();
  }
});
