// `npm run bot`: answers on Discord until SIGINT/SIGTERM. Setup: README.md, "Discord bot".
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/core/logger.js';
import { createAnswerService, secretsOf } from '../src/app.js';
import { checkTokenShape } from '../src/discord/token.js';
import { startBot } from '../src/discord/start-bot.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  // A bad token fails here, in one line, before the index loads or anything connects.
  checkTokenShape(config.discord.token);
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const service = await createAnswerService(config, { logger, onProgress: (line) => logger.info(line) });
  await startBot({ service, config, logger });
});
