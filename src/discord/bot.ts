import { once } from 'node:events';
import { Client, Events, GatewayCloseCodes, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import type { Library } from '../library/library.js';
import { noPings } from './answer-message.js';
import type { BotContext } from './bot-context.js';
import { BoundedMap } from './bounded-map.js';
import { createCooldown } from './cooldown.js';
import { DeferralGate } from './deferral-gate.js';
import { createFeedbackLog } from './feedback-log.js';
import { handleInteraction } from './interaction-handler.js';
import { createLibraryHandle } from './library-handle.js';
import { handleMessage } from './mention-handler.js';
import { ThreadArticles } from './thread-articles.js';
import { checkTokenShape } from './token.js';

export interface BotOptions {
  /**
   * Every server's articles. A promise lets the bot log in first and load the index meanwhile:
   * what arrives before it resolves is acknowledged at once and answered when it does.
   */
  library: Library | Promise<Library>;
  config: Readonly<Config>;
  logger: Logger;
  /** Another REST API root for discord.js, e.g. the fake Discord's `http://127.0.0.1:PORT/api`. */
  rest?: { api: string };
  /** Clock for the cooldown. */
  now?: () => number;
}

export interface Bot {
  /** The connected client (a new one if the bot had to reconnect without privileged intents). */
  readonly client: Client | null;
  /** False when Discord refused the Message Content intent: slash commands only. */
  readonly mentionsEnabled: boolean;
  readonly context: BotContext;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Mentions need message content; slash commands need only Guilds. */
const fullIntents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];
const slashCommandIntents = [GatewayIntentBits.Guilds];

const answerStates = 1000;
const conversationThreads = 500;

class DisallowedIntentsError extends Error {}

export function createBot({ library, config, logger, rest, now }: BotOptions): Bot {
  const context: BotContext = {
    library: createLibraryHandle(library),
    config,
    logger,
    cooldown: createCooldown({ seconds: config.discord.cooldownSeconds, ...(now ? { now } : {}) }),
    deferrals: new DeferralGate(),
    feedback: createFeedbackLog({ file: config.feedbackFile }),
    answers: new BoundedMap(answerStates),
    conversations: new BoundedMap(conversationThreads),
    threads: new ThreadArticles(),
  };
  let client: Client | null = null;
  let mentionsEnabled = true;

  const connect = async (token: string, intents: GatewayIntentBits[]): Promise<Client> => {
    const candidate = new Client({ intents, allowedMentions: noPings, ...(rest ? { rest: { api: rest.api } } : {}) });
    let intentsRefused = false;
    candidate.on(Events.ShardDisconnect, (event) => {
      if (event.code === GatewayCloseCodes.DisallowedIntents) intentsRefused = true;
    });
    listen(candidate, context);
    const ready = once(candidate, Events.ClientReady);
    try {
      await candidate.login(token);
      await ready;
    } catch (error) {
      await candidate.destroy();
      if (intentsRefused || (error instanceof Error && /disallowed intents/i.test(error.message))) {
        throw new DisallowedIntentsError('disallowed intents', { cause: error });
      }
      throw error;
    }
    return candidate;
  };

  return {
    get client() {
      return client;
    },
    get mentionsEnabled() {
      return mentionsEnabled;
    },
    context,
    async start() {
      const token = checkTokenShape(config.discord.token);
      try {
        client = await connect(token, fullIntents);
      } catch (error) {
        if (!(error instanceof DisallowedIntentsError)) throw error;
        mentionsEnabled = false;
        logger.warn(
          'Discord refused the Message Content intent (close code 4014): mentions and thread follow-ups will not work. ' +
            'Turn on "Message Content Intent" under Bot in the Discord developer portal. Reconnecting with slash commands only.',
        );
        client = await connect(token, slashCommandIntents);
      }
      logger.info({ user: client.user?.tag, mentionsEnabled }, 'connected to Discord');
    },
    async stop() {
      await client?.destroy();
      client = null;
    },
  };
}

function listen(client: Client, context: BotContext): void {
  const { logger } = context;
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, context));
  client.on(Events.MessageCreate, (message) => {
    if (client.user) void handleMessage(message, client.user, context);
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway session resumed'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ shardId, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardError, (error, shardId) => logger.warn({ shardId, err: error }, 'gateway error'));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.Debug, (message) => logger.trace(message));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit: waiting before retrying'),
  );
}
