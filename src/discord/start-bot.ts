import { createBot, type Bot, type BotOptions } from './bot.js';

export interface StartBotOptions extends BotOptions {
  /** What SIGINT/SIGTERM end with; the real process by default. */
  exit?: (status: number) => void;
  signals?: Pick<NodeJS.Process, 'once'>;
}

/** Connects the bot and makes SIGINT/SIGTERM close the gateway cleanly, then exit 0. */
export async function startBot({ exit = (status) => process.exit(status), signals = process, ...options }: StartBotOptions): Promise<Bot> {
  const bot = createBot(options);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    options.logger.info({ signal }, 'stopping the bot');
    bot.stop().then(
      () => exit(0),
      (error: unknown) => {
        options.logger.error({ err: error }, 'the bot did not stop cleanly');
        exit(1);
      },
    );
  };
  signals.once('SIGINT', () => stop('SIGINT'));
  signals.once('SIGTERM', () => stop('SIGTERM'));
  await bot.start();
  return bot;
}
