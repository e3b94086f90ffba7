import { z } from 'zod';
import { VerbatimError } from '../core/errors.js';

const yes = ['1', 'true', 'yes', 'on'];
const no = ['0', 'false', 'no', 'off', ''];

const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return fallback;
      const normalised = value.trim().toLowerCase();
      if (yes.includes(normalised)) return true;
      if (no.includes(normalised)) return false;
      context.addIssue({ code: 'custom', message: 'expected true or false' });
      return z.NEVER;
    });

const wholeNumber = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        context.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return number;
    });

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()));

const url = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return null;
    try {
      const parsed = new URL(value.trim());
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
      return parsed.toString().replace(/\/+$/, '');
    } catch {
      context.addIssue({ code: 'custom', message: 'expected an http(s) URL, e.g. http://127.0.0.1:11434/v1' });
      return z.NEVER;
    }
  });

const envSchema = z.object({
  ARTICLES_DIR: z.string().default('data/articles'),
  INDEX_DIR: z.string().default('data/index'),
  CACHE_DIR: z.string().default('data/cache'),
  FEEDBACK_FILE: z.string().default('data/feedback.jsonl'),
  MAX_QUESTION_CHARS: wholeNumber(1000, 10, 100_000),
  MAX_QUOTES: wholeNumber(5, 1, 20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url,
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  OPENAI_ANSWERS: flag(false),
  OPENAI_EMBEDDINGS: flag(false),
  OPENAI_TIMEOUT_MS: wholeNumber(20_000, 100, 600_000),
  OPENAI_MAX_RETRIES: wholeNumber(2, 0, 10),
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_COOLDOWN_SECONDS: wholeNumber(5, 0, 3600),
  DISCORD_ADD_ROLE: optionalText,
  DISCORD_API_URL: url,
  LIBRARY_DIR: z.string().default('data/library'),
  LIBRARY_MAX_ARTICLES: wholeNumber(50, 1, 10_000),
  LIBRARY_ADDS_PER_HOUR: wholeNumber(10, 1, 10_000),
  FETCH_ALLOW_PRIVATE_NETWORK: flag(false),
  FETCH_MAX_BYTES: wholeNumber(10_000_000, 10_000, 100_000_000),
  FETCH_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
});

export interface Config {
  articlesDir: string;
  indexDir: string;
  cacheDir: string;
  feedbackFile: string;
  maxQuestionChars: number;
  maxQuotes: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  openai: {
    apiKey: string | null;
    baseUrl: string | null;
    chatModel: string;
    embeddingModel: string;
    /** Answer with the chat model instead of the offline extractive engine. */
    answers: boolean;
    /** Embed with the OpenAI-compatible endpoint instead of the offline model. */
    embeddings: boolean;
    timeoutMs: number;
    maxRetries: number;
  };
  discord: {
    token: string | null;
    clientId: string | null;
    guildId: string | null;
    cooldownSeconds: number;
    /** A role (id or name) whose members may add articles besides those with Manage Messages. */
    addRole: string | null;
    /** Another REST API root than discord.com's (a proxy, or the bot benchmark's local fake Discord). */
    apiUrl: string | null;
  };
  /** Articles that people add (by URL, from Discord), one library per server. */
  library: {
    dir: string;
    maxArticlesPerServer: number;
    addsPerHourPerServer: number;
  };
  /** Limits of the one function that fetches pages strangers link to. */
  fetch: {
    /** Off by default: private, loopback and link-local addresses are refused (SSRF). */
    allowPrivateNetwork: boolean;
    maxBytes: number;
    timeoutMs: number;
  };
}

/**
 * Parses the environment once into a frozen Config. A bad value is one error naming the variable;
 * values themselves are never echoed, since some are secrets.
 */
export function parseConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new VerbatimError('CONFIG_INVALID', `Invalid configuration in .env: ${problems.join('; ')}.`);
  }
  const values = parsed.data;
  const usesOpenAI = values.OPENAI_ANSWERS || values.OPENAI_EMBEDDINGS;
  if (usesOpenAI && values.OPENAI_API_KEY === null) {
    throw new VerbatimError(
      'CONFIG_INVALID',
      'Invalid configuration in .env: OPENAI_API_KEY is required when OPENAI_ANSWERS or OPENAI_EMBEDDINGS is on (any text for a local server).',
    );
  }
  if (values.OPENAI_BASE_URL !== null && !/\/v\d+$/.test(values.OPENAI_BASE_URL)) {
    throw new VerbatimError(
      'CONFIG_INVALID',
      'Invalid configuration in .env: OPENAI_BASE_URL must end with the API version, e.g. http://127.0.0.1:11434/v1.',
    );
  }
  return Object.freeze({
    articlesDir: values.ARTICLES_DIR,
    indexDir: values.INDEX_DIR,
    cacheDir: values.CACHE_DIR,
    feedbackFile: values.FEEDBACK_FILE,
    maxQuestionChars: values.MAX_QUESTION_CHARS,
    maxQuotes: values.MAX_QUOTES,
    logLevel: values.LOG_LEVEL,
    openai: Object.freeze({
      apiKey: values.OPENAI_API_KEY,
      baseUrl: values.OPENAI_BASE_URL,
      chatModel: values.OPENAI_CHAT_MODEL,
      embeddingModel: values.OPENAI_EMBEDDING_MODEL,
      answers: values.OPENAI_ANSWERS,
      embeddings: values.OPENAI_EMBEDDINGS,
      timeoutMs: values.OPENAI_TIMEOUT_MS,
      maxRetries: values.OPENAI_MAX_RETRIES,
    }),
    discord: Object.freeze({
      token: values.DISCORD_TOKEN,
      clientId: values.DISCORD_CLIENT_ID,
      guildId: values.DISCORD_GUILD_ID,
      cooldownSeconds: values.DISCORD_COOLDOWN_SECONDS,
      addRole: values.DISCORD_ADD_ROLE,
      apiUrl: values.DISCORD_API_URL,
    }),
    library: Object.freeze({
      dir: values.LIBRARY_DIR,
      maxArticlesPerServer: values.LIBRARY_MAX_ARTICLES,
      addsPerHourPerServer: values.LIBRARY_ADDS_PER_HOUR,
    }),
    fetch: Object.freeze({
      allowPrivateNetwork: values.FETCH_ALLOW_PRIVATE_NETWORK,
      maxBytes: values.FETCH_MAX_BYTES,
      timeoutMs: values.FETCH_TIMEOUT_MS,
    }),
  });
}

/** Values no log line may contain (the logger scrubs them wherever they appear). */
export function secretsOf(config: Readonly<Config>): string[] {
  return [config.openai.apiKey, config.discord.token].filter((secret): secret is string => secret !== null);
}
