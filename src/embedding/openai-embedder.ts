/**
 * Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint. The `openai` client is used
 * directly: it is what the chat engine uses too, and it lets us ask for plain floats (the SDK
 * otherwise asks for base64, which some local servers do not implement).
 */
import OpenAI from 'openai';
import type { Config } from '../config/config.js';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import { createOpenAIClient } from './openai-client.js';

/** Texts per request: small enough for local servers' request limits, large enough for ingest speed. */
const batchSize = 64;

export function createOpenAIEmbedder(openai: Config['openai']): Embedder {
  const client = createOpenAIClient(openai, { maxRetries: openai.maxRetries });
  let dimensions: number | null = null;

  const embedBatch = async (texts: string[]): Promise<number[][]> => {
    let response;
    try {
      response = await client.embeddings.create({ model: openai.embeddingModel, input: texts, encoding_format: 'float' });
    } catch (error) {
      throw new VerbatimError('EMBEDDING_FAILED', `The embedding model failed: ${describe(error)}.`, { cause: error });
    }
    // The API may return items out of order; `index` says where each belongs.
    const vectors = [...response.data].sort((left, right) => left.index - right.index).map((item) => item.embedding);
    if (vectors.length !== texts.length) {
      throw new VerbatimError('EMBEDDING_FAILED', `The embedding model returned ${vectors.length} vectors for ${texts.length} texts.`);
    }
    for (const vector of vectors) {
      if (!Array.isArray(vector) || vector.length === 0) {
        throw new VerbatimError('EMBEDDING_FAILED', 'The embedding model returned an empty or non-numeric vector.');
      }
      dimensions ??= vector.length;
      if (vector.length !== dimensions) {
        throw new VerbatimError('EMBEDDING_FAILED', `The embedding model returned ${vector.length} dimensions, expected ${dimensions}.`);
      }
    }
    return vectors;
  };

  return {
    modelId: `openai:${openai.embeddingModel}`,
    get dimensions() {
      return dimensions;
    },
    async embed(texts: readonly string[]): Promise<number[][]> {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await embedBatch(texts.slice(start, start + batchSize))));
      }
      return vectors;
    },
  };
}

/** Status and class only: a server's error body may echo the key. */
function describe(error: unknown): string {
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') return `HTTP ${error.status}`;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'timed out';
  if (error instanceof OpenAI.APIConnectionError) return 'could not connect';
  return error instanceof Error ? error.name : 'unknown error';
}

/** The SDK throws its own error on a missing key; ours names the setting to fix. */
