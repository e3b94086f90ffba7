import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerbatimError } from '../core/errors.js';
import type { Chunk } from '../core/types.js';
import type { SearchableIndex } from '../retrieval/retriever.js';

type VectorSearch = SearchableIndex['vectorStore'];

/** One distinct embed text of an index: its vector (unit length) and the chunks sharing it. */
export interface StoredVector {
  embedText: string;
  chunkIds: string[];
  vector: Float32Array;
}

/**
 * An added article's vectors, read straight from its index's files, never as an hnswlib object:
 * each of those holds ~2.6 MB of native memory however small the index (65,536 label locks),
 * which V8 does not see and so does not collect soon; 2,000 added articles took 15 GB that way.
 * The files are hnswlib's `hnswlib.index` (a 96-byte header, then per element its level-0 links,
 * its float32 vector and its 64-bit label) and LangChain's `docstore.json` (label → text, chunk ids).
 */
export async function readStoredVectors(hnswDir: string, dimensions: number): Promise<StoredVector[]> {
  const [binary, docstoreText] = await Promise.all([readFile(join(hnswDir, 'hnswlib.index')), readFile(join(hnswDir, 'docstore.json'), 'utf8')]);
  const corrupt = (problem: string) => new VerbatimError('INDEX_CORRUPT', `The article index in ${hnswDir} is damaged (${problem}).`);
  if (binary.length < headerBytes) throw corrupt('the vector file is too short');
  const count = Number(binary.readBigUInt64LE(16));
  const bytesPerElement = Number(binary.readBigUInt64LE(24));
  const labelOffset = Number(binary.readBigUInt64LE(32));
  const dataOffset = Number(binary.readBigUInt64LE(40));
  if (dataOffset + dimensions * 4 > bytesPerElement || headerBytes + count * bytesPerElement > binary.length) throw corrupt('the vector file does not hold its vectors');
  const documents = new Map<string, { pageContent?: unknown; metadata?: { chunkIds?: unknown } }>(JSON.parse(docstoreText) as Array<[string, never]>);
  const stored: StoredVector[] = [];
  for (let element = 0; element < count; element += 1) {
    const start = headerBytes + element * bytesPerElement;
    const label = Number(binary.readBigUInt64LE(start + labelOffset));
    const document = documents.get(String(label));
    const chunkIds = document?.metadata?.chunkIds;
    if (typeof document?.pageContent !== 'string' || !Array.isArray(chunkIds)) throw corrupt(`vector ${label} has no document`);
    // A copy, so the floats are aligned and the file's buffer is not kept alive (little-endian, as hnswlib wrote it on x86/arm64).
    const vector = new Float32Array(Uint8Array.from(binary.subarray(start + dataOffset, start + dataOffset + dimensions * 4)).buffer);
    stored.push({ embedText: document.pageContent, chunkIds: chunkIds.filter((chunkId): chunkId is string => typeof chunkId === 'string'), vector: normalised(vector) });
  }
  return stored;
}

/**
 * Vectors fresh from the embedder as `readStoredVectors` gives them back from the files: one per
 * distinct embed text, listing every chunk that shares it, unit length.
 */
export function storedVectorsOf(chunks: readonly Chunk[], vectors: readonly (readonly number[])[]): StoredVector[] {
  const byText = new Map<string, StoredVector>();
  chunks.forEach((chunk, position) => {
    const known = byText.get(chunk.embedText);
    if (known) known.chunkIds.push(chunk.id);
    else byText.set(chunk.embedText, { embedText: chunk.embedText, chunkIds: [chunk.id], vector: normalised(vectors[position] ?? []) });
  });
  return [...byText.values()];
}

/** hnswlib's header: six size_t, an int, a uint, three size_t, a double, a size_t. */
const headerBytes = 96;

/**
 * Exact search over a few dozen vectors: microseconds, and the true nearest. Same results as
 * `VectorStore.search`: the `k` nearest distinct vectors, each expanded to every chunk sharing it,
 * cosine similarity clamped to [0, 1].
 */
export function exactVectorSearch(stored: readonly StoredVector[], dimensions: number): VectorSearch {
  return {
    async search(vector, k) {
      if (stored.length === 0) return [];
      if (vector.length !== dimensions) {
        throw new VerbatimError(
          'INDEX_MISMATCH',
          `The question was embedded into ${vector.length} dimensions but the article index holds ${dimensions}. Restart to rebuild it.`,
        );
      }
      const query = normalised(vector);
      const scored = stored.map((entry, position) => {
        let dot = 0;
        for (let dimension = 0; dimension < dimensions; dimension += 1) dot += (entry.vector[dimension] ?? 0) * (query[dimension] ?? 0);
        return { position, similarity: Math.min(1, Math.max(0, dot)) };
      });
      scored.sort((left, right) => right.similarity - left.similarity || left.position - right.position);
      return scored
        .slice(0, Math.max(0, Math.floor(k)))
        .flatMap(({ position, similarity }) => (stored[position]?.chunkIds ?? []).map((chunkId) => ({ chunkId, similarity })));
    },
  };
}

function normalised(vector: ArrayLike<number>): Float32Array {
  let squares = 0;
  for (let position = 0; position < vector.length; position += 1) squares += (vector[position] ?? 0) ** 2;
  const length = Math.sqrt(squares) || 1;
  return Float32Array.from({ length: vector.length }, (_, position) => (vector[position] ?? 0) / length);
}
