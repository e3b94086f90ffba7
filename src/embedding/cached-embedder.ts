import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';

export interface EmbeddingCacheOptions {
  /** Folder for the cache files; one file per embedding model. */
  dir: string;
  /** Texts sent to the model per call, after which the cache is saved, so a failure keeps the work done. */
  saveEvery?: number;
}

export interface EmbeddingCacheStats {
  /** Texts answered from the cache. */
  hits: number;
  /** Texts that went to the model. */
  misses: number;
}

export interface CachedEmbedder extends Embedder {
  readonly stats: Readonly<EmbeddingCacheStats>;
  /** How many of these texts are already cached, without embedding anything. */
  countCached(texts: readonly string[]): Promise<number>;
}

export function isCachedEmbedder(embedder: Embedder): embedder is CachedEmbedder {
  return 'countCached' in embedder && 'stats' in embedder;
}

interface CacheFile {
  modelId: string;
  /** Key → vector as base64 of its float32 bytes. */
  vectors: Record<string, string>;
}

/**
 * Remembers vectors on disk, keyed by model and text, so re-ingesting unchanged articles costs
 * no model calls. Vectors are stored as float32, and a fresh vector is rounded the same way, so a
 * cached vector is identical to the one first returned.
 */
export function withEmbeddingCache(embedder: Embedder, { dir, saveEvery = 64 }: EmbeddingCacheOptions): CachedEmbedder {
  const file = join(dir, `embeddings-${sha256(embedder.modelId).slice(0, 16)}.json`);
  const stats: EmbeddingCacheStats = { hits: 0, misses: 0 };
  let entries: Promise<Map<string, string>> | null = null;
  const cacheEntries = () => (entries ??= readCacheFile(file, embedder.modelId));
  const keyOf = (text: string) => sha256(`${embedder.modelId}\n${text}`);

  return {
    get modelId() {
      return embedder.modelId;
    },
    get dimensions() {
      return embedder.dimensions;
    },
    stats,

    async countCached(texts) {
      const cached = await cacheEntries();
      return texts.filter((text) => cached.has(keyOf(text))).length;
    },

    async embed(texts) {
      const cached = await cacheEntries();
      const keys = texts.map(keyOf);
      const missing = [...new Map(keys.map((key, position) => [key, texts[position] ?? ''])).entries()].filter(
        ([key]) => !cached.has(key),
      );
      for (let offset = 0; offset < missing.length; offset += saveEvery) {
        const group = missing.slice(offset, offset + saveEvery);
        const vectors = await embedder.embed(group.map(([, text]) => text));
        if (vectors.length !== group.length) {
          throw new VerbatimError('EMBEDDING_FAILED', `The embedding model returned ${vectors.length} vectors for ${group.length} texts.`);
        }
        group.forEach(([key], position) => cached.set(key, encodeVector(vectors[position] ?? [])));
        await writeCacheFile(file, { modelId: embedder.modelId, vectors: Object.fromEntries(cached) });
      }
      stats.misses += missing.length;
      stats.hits += texts.length - missing.length;
      return keys.map((key) => {
        const encoded = cached.get(key);
        if (encoded === undefined) throw new Error('Every text was embedded or cached above.');
        return decodeVector(encoded);
      });
    },
  };
}

async function readCacheFile(file: string, modelId: string): Promise<Map<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // Missing or damaged: the cache only saves time, so start afresh and rewrite it.
    return new Map();
  }
  if (!isCacheFile(parsed) || parsed.modelId !== modelId) return new Map();
  return new Map(Object.entries(parsed.vectors).filter(([, vector]) => isEncodedVector(vector)));
}

function isCacheFile(value: unknown): value is CacheFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<CacheFile>;
  return typeof candidate.modelId === 'string' && typeof candidate.vectors === 'object' && candidate.vectors !== null;
}

/** Temp file then rename: a crash leaves the old cache or the new one, never half of either. */
async function writeCacheFile(file: string, contents: CacheFile): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(contents));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A damaged entry is dropped (and re-embedded), never returned as a vector. */
function isEncodedVector(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const byteLength = Buffer.from(value, 'base64').byteLength;
  return byteLength > 0 && byteLength % 4 === 0;
}

function encodeVector(vector: readonly number[]): string {
  return Buffer.from(Float32Array.from(vector).buffer).toString('base64');
}

function decodeVector(encoded: string): number[] {
  // Copied into a fresh buffer: a pooled Buffer's offset need not be a multiple of four.
  const bytes = new Uint8Array(Buffer.from(encoded, 'base64'));
  return Array.from(new Float32Array(bytes.buffer));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
