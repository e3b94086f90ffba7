import OpenAI from 'openai';
import type { Config } from '../config/config.js';
import { VerbatimError } from '../core/errors.js';

/**
 * The `openai` client for the configured endpoint, shared by embeddings and chat. Every setting is
 * explicit, since the SDK otherwise reads OPENAI_BASE_URL, OPENAI_ORG_ID and friends from the
 * environment behind the config's back.
 */
export function createOpenAIClient(openai: Config['openai'], { maxRetries }: { maxRetries: number }): OpenAI {
  return new OpenAI({
    apiKey: requireKey(openai.apiKey),
    adminAPIKey: null,
    baseURL: openai.baseUrl ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    timeout: openai.timeoutMs,
    maxRetries,
    logLevel: 'off',
  });
}

function requireKey(apiKey: string | null): string {
  if (apiKey === null || apiKey === '') {
    throw new VerbatimError('CONFIG_INVALID', 'OPENAI_API_KEY is required for the OpenAI-compatible endpoint (any text for a local server).');
  }
  return apiKey;
}
