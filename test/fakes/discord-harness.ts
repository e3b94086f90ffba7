import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import type { AnswerService } from '../../src/core/types.js';
import { createBot, type Bot } from '../../src/discord/bot.js';
import { FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from './discord-server.js';

/** A token of the right shape (three base64url parts); the fake accepts any. */
export const testToken = `${Buffer.from('120000000000000000').toString('base64url')}.GxYz12.${'a1B2c3D4e5'.repeat(4)}`;

export interface BotHarness {
  fake: FakeDiscord;
  bot: Bot;
  config: Readonly<Config>;
  /** Everything the bot logged, as written (JSON lines). */
  logs: () => string;
  stop(): Promise<void>;
}

/** The fake Discord plus a real bot logged into it, with its feedback file in a temp folder. */
export async function startBotHarness({
  service,
  env = {},
  fakeOptions = {},
  now,
}: {
  service: AnswerService;
  env?: Record<string, string>;
  fakeOptions?: FakeDiscordOptions;
  now?: () => number;
}): Promise<BotHarness> {
  const fake = await FakeDiscord.start(fakeOptions);
  const folder = await mkdtemp(join(tmpdir(), 'verbatim-discord-'));
  const config = parseConfig({
    DISCORD_TOKEN: testToken,
    DISCORD_COOLDOWN_SECONDS: '0',
    FEEDBACK_FILE: join(folder, 'feedback.jsonl'),
    ...env,
  });
  let written = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  const logger = createLogger({ level: 'trace', secrets: [testToken], destination });
  const bot = createBot({ service, config, logger, rest: { api: fake.restApi }, ...(now ? { now } : {}) });
  await bot.start();
  fake.createGuild();
  return {
    fake,
    bot,
    config,
    logs: () => written,
    async stop() {
      await bot.stop();
      await fake.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Requests made for one interaction (callbacks, edits, follow-ups), in order. */
export function requestsFor(fake: FakeDiscord, token: string): RecordedRequest[] {
  return fake.requests.filter((request) => request.path.includes(`/${token}`));
}

export function isCallback(token: string) {
  return (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith(`/${token}/callback`) && request.status < 300;
}

export function isOriginalEdit(token: string) {
  return (request: RecordedRequest) => request.method === 'PATCH' && request.path.endsWith(`/${token}/messages/%40original`) && request.status < 300;
}

export function isFollowUp(token: string) {
  return (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith(`/${token}`) && request.status < 300;
}
