import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import type { Answer, AnswerService, AskOptions } from '../../src/core/types.js';
import { createBot, type Bot } from '../../src/discord/bot.js';
import type { Library } from '../../src/library/library.js';
import { serviceLibrary } from './discord-library.js';
import { FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from './discord-server.js';

/** A token of the right shape (three base64url parts); the fake accepts any. */
export const testToken = `${Buffer.from('120000000000000000').toString('base64url')}.GxYz12.${'a1B2c3D4e5'.repeat(4)}`;

export interface BotHarness {
  fake: FakeDiscord;
  bot: Bot;
  config: Readonly<Config>;
  /** Everything the bot logged, as written (JSON lines). */
  logs: () => string;
  /** Stops the bot and starts a new one (same fake Discord; the same library unless given another), as after a deploy. */
  restart(options?: { library?: Library | Promise<Library> }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The fake Discord plus a real bot logged into it, with its feedback file in a temp folder.
 * Give a `service` (every server sees it) or a `library` (which may still be loading).
 */
export async function startBotHarness({
  service,
  library = service ? serviceLibrary(service) : undefined,
  env = {},
  fakeOptions = {},
  now,
}: {
  service?: AnswerService;
  library?: Library | Promise<Library> | undefined;
  env?: Record<string, string>;
  fakeOptions?: FakeDiscordOptions;
  now?: () => number;
}): Promise<BotHarness> {
  if (library === undefined) throw new Error('startBotHarness needs a service or a library');
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
  const newBot = (botLibrary: Library | Promise<Library> = library) => createBot({ library: botLibrary, config, logger, rest: { api: fake.restApi }, ...(now ? { now } : {}) });
  const harness: BotHarness = {
    fake,
    bot: newBot(),
    config,
    logs: () => written,
    async restart(options = {}) {
      await harness.bot.stop();
      harness.bot = newBot(options.library);
      await harness.bot.start();
      fake.createGuilds();
    },
    async stop() {
      await harness.bot.stop();
      await fake.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
  await harness.bot.start();
  fake.createGuilds();
  return harness;
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

export interface RecordedCall {
  method: 'ask' | 'summarize' | 'quote';
  args: unknown[];
  options: AskOptions | undefined;
  answer: Answer;
}

/** Wraps a service so a test can see what the bot asked and what it got back. */
export function recordingService(service: AnswerService): AnswerService & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const record = async (method: RecordedCall['method'], args: unknown[], options: AskOptions | undefined, answer: Promise<Answer>) => {
    const result = await answer;
    calls.push({ method, args, options, answer: result });
    return result;
  };
  return {
    calls,
    ask: (question, options) => record('ask', [question], options, service.ask(question, options)),
    summarize: (party, options) => record('summarize', [party], options, service.summarize(party, options)),
    quote: (speaker, about, options) => record('quote', [speaker, about], options, service.quote(speaker, about, options)),
    parties: () => service.parties(),
    sources: () => service.sources(),
  };
}

interface SentEmbed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
}

/** The message body a request carried (interaction callbacks wrap it in `data`). */
export function messageBody(request: RecordedRequest): { content?: string; flags?: number; embeds?: SentEmbed[]; components?: unknown[]; allowed_mentions?: unknown } {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return (request.path.endsWith('/callback') ? body.data ?? {} : body) as ReturnType<typeof messageBody>;
}

/** All the text a message's embeds show, for "does it contain" checks. */
export function embedText(request: RecordedRequest): string {
  return (messageBody(request).embeds ?? [])
    .flatMap((embed) => [embed.title, embed.description, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]), embed.footer?.text])
    .filter((text): text is string => text !== undefined)
    .join('\n');
}
