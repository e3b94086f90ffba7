// `npm run bot`: answers on Discord until SIGINT/SIGTERM. Setup: README.md, "Discord bot".
// Only what logging in needs is imported up front: the answering pipeline (model, index, NLP data)
// is imported and loaded once the gateway is connected, while Discord already sees the bot online.
import { loadConfig } from '../src/config/load-config.js';
import { secretsOf, type Config } from '../src/config/config.js';
import { createLogger, type Logger } from '../src/core/logger.js';
import { checkTokenShape } from '../src/discord/token.js';
import { startBot } from '../src/discord/start-bot.js';
import type { Library } from '../src/library/library.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  // A bad token fails here, in one line, before anything connects.
  checkTokenShape(config.discord.token);
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  let connected: () => void = () => {};
  const library = new Promise<void>((resolve) => (connected = resolve)).then(() => openLibrary(config, logger));
  const bot = await startBot({ library, config, logger, ...(config.discord.apiUrl === null ? {} : { rest: { api: config.discord.apiUrl } }) });
  connected();
  try {
    await library;
    logger.info({ sinceStartMs: Math.round(performance.now()) }, 'library loaded: answering');
  } catch (error) {
    await bot.stop();
    throw error;
  }
});

/** The operator's articles, which every server sees, and each server's own added articles (src/library). */
async function openLibrary(config: Readonly<Config>, logger: Logger): Promise<Library> {
  const { createLibrary } = await import('../src/app.js');
  return createLibrary(config, { logger, onProgress: (line) => logger.info(line) });
}
