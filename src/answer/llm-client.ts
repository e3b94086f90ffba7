/**
 * One structured chat request with bounded retries. We call the `openai` client directly (not
 * LangChain's ChatOpenAI) and switch its own retries off: one loop here then retries transport
 * faults (time-outs, 429, 5xx) and content faults (empty or malformed JSON) alike, honours
 * Retry-After within a bound, sleeps through an injectable clock for tests, and logs each failure
 * without the key. Nothing streams.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Config } from '../config/config.js';
import { VerbatimError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { createOpenAIClient } from '../embedding/openai-client.js';
import { replySchema } from './llm-prompt.js';
import { parseModelReply, type ModelReply } from './llm-reply.js';

export type Sleep = (milliseconds: number) => Promise<void>;

export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A server asking us to wait longer than this is treated as down: the reader gets the fallback now. */
const maxRetryAfterMs = 10_000;
const firstBackoffMs = 250;
const maxBackoffMs = 4_000;

/** The chat client: this engine retries by itself (see requestReply), so the SDK must not. */
export function createChatClient(openai: Config['openai']): OpenAI {
  return createOpenAIClient(openai, { maxRetries: 0 });
}

export interface RequestReplyOptions {
  client: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  maxRetries: number;
  sleep: Sleep;
  logger: Logger;
  /** Scrubbed from any error text before it is logged (the logger redacts too; this is for its absence). */
  secrets: readonly string[];
}

/** The model's parsed reply plus its raw text (sent back to it if a correction is needed). */
export interface ReplyWithContent {
  reply: ModelReply;
  content: string;
}

/** Asks once, retries what may pass on a second try, and throws `LLM_FAILED` once it gives up. */
export async function requestReply({ client, model, messages, maxRetries, sleep, logger, secrets }: RequestReplyOptions): Promise<ReplyWithContent> {
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await attemptOnce({ client, model, messages });
    if ('reply' in outcome) return outcome;

    const willRetry = outcome.retryable && attempt < maxRetries && (outcome.waitMs ?? 0) <= maxRetryAfterMs;
    logger.warn(
      { engine: 'llm', attempt: attempt + 1, reason: scrub(outcome.reason, secrets), willRetry },
      'language model request failed',
    );
    if (!willRetry) {
      throw new VerbatimError('LLM_FAILED', `The language model failed: ${scrub(outcome.reason, secrets)}`);
    }
    await sleep(outcome.waitMs ?? Math.min(firstBackoffMs * 2 ** attempt, maxBackoffMs));
  }
}

type AttemptOutcome = ReplyWithContent | { retryable: boolean; reason: string; waitMs: number | null };

async function attemptOnce({ client, model, messages }: Pick<RequestReplyOptions, 'client' | 'model' | 'messages'>): Promise<AttemptOutcome> {
  let message;
  try {
    const completion = await client.chat.completions.create({
      model,
      messages,
      response_format: { type: 'json_schema', json_schema: { name: 'verbatim_answer', strict: true, schema: replySchema } },
    });
    message = completion.choices[0]?.message;
  } catch (error) {
    return classifyError(error);
  }
  if (message?.refusal) return { retryable: false, reason: 'the model refused the request', waitMs: null };
  const parsed = parseModelReply(message?.content);
  if ('problem' in parsed) return { retryable: true, reason: parsed.problem, waitMs: null };
  return { reply: parsed.reply, content: message?.content ?? '' };
}

/** 400/401/403/404/422 will fail the same way again; time-outs, 408, 409, 429, 5xx and garbled bodies may not. */
function classifyError(error: unknown): AttemptOutcome {
  if (error instanceof APIConnectionError) {
    return { retryable: true, reason: error.constructor.name === 'APIConnectionTimeoutError' ? 'timed out' : 'could not connect', waitMs: null };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    const waitMs = status === 429 ? retryAfterMs(error.headers) : null;
    return { retryable, reason: `HTTP ${status}${error.code ? ` (${error.code})` : ''}`, waitMs };
  }
  // A proxy or a busy local server can answer 200 with an HTML page; the SDK then fails to parse it.
  if (error instanceof SyntaxError) return { retryable: true, reason: 'the response body is not JSON', waitMs: null };
  return { retryable: false, reason: error instanceof Error ? error.name : 'unknown error', waitMs: null };
}

/** Retry-After in seconds or as an HTTP date; `retry-after-ms` where a server sends it. */
function retryAfterMs(headers: Headers | undefined): number | null {
  const milliseconds = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds > 0) return milliseconds;
  const value = headers?.get('retry-after');
  if (value === null || value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((scrubbed, secret) => scrubbed.split(secret).join('[REDACTED]'), text);
}

/** The SDK throws its own error on a missing key; ours names the setting to fix. */
