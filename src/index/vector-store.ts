import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { VerbatimError } from '../core/errors.js';
import type { Chunk } from '../core/types.js';

export interface VectorHit {
  chunkId: string;
  /** Cosine similarity, clamped to [0, 1]; higher is closer. */
  similarity: number;
}

export interface VectorStore {
  readonly dimensions: number;
  /** Number of vectors held. */
  readonly size: number;
  /** The `k` chunks nearest the vector, nearest first. */
  search(vector: readonly number[], k: number): Promise<VectorHit[]>;
  save(dir: string): Promise<void>;
  /** The LangChain store underneath, for callers that want LangChain's retriever interfaces. */
  readonly langchainStore: HNSWLib;
}

export interface BuildVectorStoreOptions {
  chunks: readonly Chunk[];
  /** One vector per chunk, in the same order: computed beforehand so the embedding cache is used. */
  vectors: readonly (readonly number[])[];
  dimensions: number;
  /** Only used if LangChain is asked to embed text itself; ours always passes vectors. */
  embeddings: EmbeddingsInterface;
}

/**
 * hnswlib's default efSearch (10) misses true neighbours once the index holds a few hundred
 * vectors; searching wider costs little at our sizes.
 */
const minimumEfSearch = 64;

export async function buildVectorStore({ chunks, vectors, dimensions, embeddings }: BuildVectorStoreOptions): Promise<VectorStore> {
  if (vectors.length !== chunks.length) {
    throw new Error(`Got ${vectors.length} vectors for ${chunks.length} chunks.`);
  }
  const wrongLength = vectors.find((vector) => vector.length !== dimensions);
  if (wrongLength) {
    throw new VerbatimError(
      'EMBEDDING_FAILED',
      `The embedding model returned ${wrongLength.length}-dimensional vectors, expected ${dimensions}.`,
    );
  }
  const index = await emptyIndex(dimensions, chunks.length);
  const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions, index });
  // LangChain saves `args` as JSON; the native index in it would only be written as `{}`.
  store.args = { space: 'cosine', numDimensions: dimensions };
  await store.addVectors(
    vectors.map((vector) => [...vector]),
    chunks.map((chunk) => new Document({ pageContent: chunk.text, metadata: { chunkId: chunk.id } })),
  );
  return wrap(store);
}

export async function loadVectorStore(dir: string, { embeddings }: { embeddings: EmbeddingsInterface }): Promise<VectorStore> {
  const store = await HNSWLib.load(dir, embeddings);
  if (store.args.space !== 'cosine') throw new Error(`The vector index uses the ${store.args.space} space, not cosine.`);
  const size = store.index.getCurrentCount();
  for (let label = 0; label < size; label += 1) {
    if (typeof chunkIdOf(store.docstore.search(String(label))) !== 'string') {
      throw new Error(`The vector index has no chunk for vector ${label}.`);
    }
  }
  return wrap(store);
}

/**
 * LangChain creates the hnswlib index lazily on the first vectors; making it here means an
 * index with no chunks still saves, loads and searches (finding nothing).
 */
async function emptyIndex(dimensions: number, capacity: number) {
  const { HierarchicalNSW } = await HNSWLib.imports();
  const index = new HierarchicalNSW('cosine', dimensions);
  index.initIndex(Math.max(capacity, 1));
  return index;
}

function wrap(store: HNSWLib): VectorStore {
  const dimensions = store.index.getNumDimensions();
  const size = () => store.index.getCurrentCount();
  return {
    dimensions,
    get size() {
      return size();
    },
    langchainStore: store,
    async search(vector, k) {
      if (vector.length !== dimensions) {
        throw new VerbatimError(
          'INDEX_MISMATCH',
          `The question was embedded into ${vector.length} dimensions but the index holds ${dimensions}. Run \`npm run ingest\`.`,
        );
      }
      // LangChain warns on the console when k exceeds the count; ask for no more than there is.
      const limit = Math.min(Math.floor(k), size());
      if (limit <= 0) return [];
      store.index.setEf(Math.max(limit * 4, minimumEfSearch));
      const results = await store.similaritySearchVectorWithScore([...vector], limit);
      return results.map(([document, distance]) => ({
        chunkId: String(chunkIdOf(document)),
        // hnswlib reports cosine distance (1 − cosine); opposite vectors would go below zero.
        similarity: Math.min(1, Math.max(0, 1 - distance)),
      }));
    },
    save: (dir) => store.save(dir),
  };
}

function chunkIdOf(document: unknown): unknown {
  if (typeof document !== 'object' || document === null) return undefined;
  const metadata = (document as { metadata?: Record<string, unknown> }).metadata;
  return metadata?.chunkId;
}
