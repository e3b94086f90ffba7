import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Paths redacted wherever they appear in a log object, so callers never have to remember. */
const redactedPaths = [
  'token',
  'apiKey',
  'authorization',
  '*.token',
  '*.apiKey',
  '*.authorization',
  'config.discordToken',
  'config.openaiApiKey',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Values (tokens, keys) that must never appear in a log line, whatever field carries them. */
  secrets?: readonly string[];
  destination?: NodeJS.WritableStream;
}

/** Logs JSON lines to stderr (stdout belongs to the CLI's output). */
export function createLogger({ level = 'info', secrets = [], destination = process.stderr }: LoggerOptions = {}): Logger {
  const nonEmptySecrets = secrets.filter((secret) => secret.length >= 8);
  const scrub = (line: string) =>
    nonEmptySecrets.reduce((text, secret) => text.split(secret).join('[REDACTED]'), line);
  const stream = {
    write(line: string) {
      destination.write(scrub(line));
    },
  };
  return pino({ level, redact: { paths: redactedPaths, censor: '[REDACTED]' } }, stream);
}

/** A new short id to give a user so the matching log line can be found. */
export function newErrorId(): string {
  return Math.random().toString(36).slice(2, 10);
}
