import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';

export interface EmbeddingCacheOptions {
  /** Folder for the cache files; one file per embedding model. */
  dir: string;
  /** Texts sent to the model per call, after which they are appended to the cache, so a failure keeps the work done. */
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

/**
 * Version 1 was one JSON object rewritten whole after every batch: quadratic in the number of
 * texts (a 70 MB file rewritten hundreds of times for 1,000 articles). Its file is left unread.
 */
const formatVersion = 2;
const magic = `VERBATIM-EMBEDDINGS ${formatVersion}\n`;
const keyBytes = 32;
/** Key, float count (uint32), the floats, then a CRC-32 of everything before it in the record. */
const recordOverhead = keyBytes + 4 + 4;

/**
 * Remembers vectors on disk, keyed by model and text, so re-ingesting unchanged articles costs
 * no model calls. Vectors are stored as float32, and a fresh vector is rounded the same way, so a
 * cached vector is identical to the one first returned.
 *
 * The file is a header then one binary record per vector, only ever appended to: writing costs
 * what was embedded, never what was cached before, and a crash mid-append can only tear the last
 * record. Loading keeps every record before the first torn or damaged one and rewrites the file
 * without the damage; a later record for the same text wins.
 */
export function withEmbeddingCache(embedder: Embedder, { dir, saveEvery = 256 }: EmbeddingCacheOptions): CachedEmbedder {
  const name = `embeddings-${sha256(embedder.modelId).subarray(0, 8).toString('hex')}`;
  const file = join(dir, `${name}.v${formatVersion}.bin`);
  const stats: EmbeddingCacheStats = { hits: 0, misses: 0 };
  let entries: Promise<Map<string, Float32Array>> | null = null;
  const cacheEntries = () =>
    (entries ??= openCacheFile({ file, modelId: embedder.modelId, legacyFile: join(dir, `${name}.json`) }));
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
      return texts.filter((text) => cached.has(keyOf(text).toString('hex'))).length;
    },

    async embed(texts) {
      const cached = await cacheEntries();
      const keys = texts.map((text) => keyOf(text).toString('hex'));
      const missing = [...new Map(keys.map((key, position) => [key, texts[position] ?? ''])).entries()].filter(
        ([key]) => !cached.has(key),
      );
      for (let offset = 0; offset < missing.length; offset += saveEvery) {
        const group = missing.slice(offset, offset + saveEvery);
        const vectors = await embedder.embed(group.map(([, text]) => text));
        if (vectors.length !== group.length) {
          throw new VerbatimError('EMBEDDING_FAILED', `The embedding model returned ${vectors.length} vectors for ${group.length} texts.`);
        }
        const fresh = group.map(([key], position) => ({ key, vector: Float32Array.from(vectors[position] ?? []) }));
        for (const { key, vector } of fresh) cached.set(key, vector);
        await appendFile(file, Buffer.concat(fresh.map(encodeRecord)));
      }
      stats.misses += missing.length;
      stats.hits += texts.length - missing.length;
      return keys.map((key) => {
        const vector = cached.get(key);
        if (vector === undefined) throw new Error('Every text was embedded or cached above.');
        return Array.from(vector);
      });
    },
  };
}

interface OpenCacheOptions {
  file: string;
  modelId: string;
  /** The version 1 file of the same model, removed once a version 2 file replaces it. */
  legacyFile: string;
}

/** Reads the cache, and leaves a file that later appends extend cleanly: header first, no torn tail. */
async function openCacheFile({ file, modelId, legacyFile }: OpenCacheOptions): Promise<Map<string, Float32Array>> {
  const header = headerOf(modelId);
  const contents = await readFile(file).catch(() => null);
  if (contents === null || !contents.subarray(0, header.length).equals(header)) {
    // Missing, damaged or another model's: the cache only saves time, so start afresh.
    await replaceFile(file, header);
    await rm(legacyFile, { force: true });
    return new Map();
  }
  const { entries, intactBytes } = decodeRecords(contents.subarray(header.length));
  if (header.length + intactBytes < contents.length) {
    await replaceFile(file, Buffer.concat([header, ...[...entries].map(([key, vector]) => encodeRecord({ key, vector }))]));
  }
  return entries;
}

function headerOf(modelId: string): Buffer {
  return Buffer.from(`${magic}${JSON.stringify({ modelId })}\n`);
}

/** Records up to the first torn or damaged one; `intactBytes` is where that one starts. */
function decodeRecords(bytes: Buffer): { entries: Map<string, Float32Array>; intactBytes: number } {
  const entries = new Map<string, Float32Array>();
  let offset = 0;
  while (offset + recordOverhead <= bytes.length) {
    const floatCount = bytes.readUInt32LE(offset + keyBytes);
    const end = offset + recordOverhead + floatCount * 4;
    if (floatCount === 0 || end > bytes.length) break;
    const body = bytes.subarray(offset, end - 4);
    if (crc32(body) !== bytes.readUInt32LE(end - 4)) break;
    const vector = new Float32Array(floatCount);
    for (let position = 0; position < floatCount; position += 1) {
      vector[position] = body.readFloatLE(keyBytes + 4 + position * 4);
    }
    entries.set(body.subarray(0, keyBytes).toString('hex'), vector);
    offset = end;
  }
  return { entries, intactBytes: offset };
}

function encodeRecord({ key, vector }: { key: string; vector: Float32Array }): Buffer {
  const record = Buffer.alloc(recordOverhead + vector.length * 4);
  record.write(key, 0, keyBytes, 'hex');
  record.writeUInt32LE(vector.length, keyBytes);
  vector.forEach((value, position) => record.writeFloatLE(value, keyBytes + 4 + position * 4));
  record.writeUInt32LE(crc32(record.subarray(0, record.length - 4)), record.length - 4);
  return record;
}

/** Temp file then rename: a crash leaves the old cache or the new one, never half of either. */
async function replaceFile(file: string, contents: Buffer): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, contents);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
