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
  /** Number of vectors held: one per distinct embed text, so at most the number of chunks. */
  readonly size: number;
  /** Number of chunks the vectors stand for. */
  readonly chunkCount: number;
  /** The text a chunk's vector was embedded from, or undefined for a chunk the store does not hold. */
  embedTextOf(chunkId: string): string | undefined;
  /**
   * The `k` distinct vectors nearest the vector, nearest first, each expanded to every chunk that
   * shares it (same similarity, in build order): at least `k` hits when there are that many chunks,
   * more when texts repeat.
   */
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
 * vectors; searching wider costs little at our sizes. At 1,000 synthetic articles (22k distinct
 * vectors) 64 gives recall@10 0.997; 96 gives 1.000 for 25% more time per search, not worth it yet.
 */
const minimumEfSearch = 64;

/** What LangChain stores beside each vector: the chunks whose embed text it is. */
interface VectorMetadata {
  chunkIds: string[];
}

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
  // Chunks repeat texts (a short clause, a speaker's tag line); identical vectors crowd each
  // other's neighbour lists in the graph and cut parts of it off (`npm run bench`, 1,000 articles:
  // recall@10 0.926 with duplicates, 0.997 without), so each distinct text is inserted once. An
  // equal text has an equal vector.
  const groups = new Map<string, { vector: readonly number[]; chunkIds: string[] }>();
  chunks.forEach((chunk, position) => {
    const group = groups.get(chunk.embedText);
    if (group) group.chunkIds.push(chunk.id);
    else groups.set(chunk.embedText, { vector: vectors[position] ?? [], chunkIds: [chunk.id] });
  });
  const index = await emptyIndex(dimensions, groups.size);
  const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions, index });
  // LangChain saves `args` as JSON; the native index in it would only be written as `{}`.
  store.args = { space: 'cosine', numDimensions: dimensions };
  const distinct = [...groups.entries()];
  await store.addVectors(
    distinct.map(([, { vector }]) => [...vector]),
    distinct.map(
      ([embedText, { chunkIds }]) => new Document<VectorMetadata>({ pageContent: embedText, metadata: { chunkIds } }),
    ),
  );
  return wrap(store);
}

export async function loadVectorStore(dir: string, { embeddings }: { embeddings: EmbeddingsInterface }): Promise<VectorStore> {
  const store = await HNSWLib.load(dir, embeddings);
  if (store.args.space !== 'cosine') throw new Error(`The vector index uses the ${store.args.space} space, not cosine.`);
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
  const chunkIdsByLabel: string[][] = [];
  const embedTexts = new Map<string, string>();
  for (let label = 0; label < size(); label += 1) {
    const document = store.docstore.search(String(label));
    const chunkIds = chunkIdsOf(document);
    if (!chunkIds) throw new Error(`The vector index has no chunk for vector ${label}.`);
    for (const chunkId of chunkIds) {
      if (embedTexts.has(chunkId)) throw new Error(`The vector index holds chunk ${chunkId} twice.`);
      embedTexts.set(chunkId, document.pageContent);
    }
    chunkIdsByLabel.push(chunkIds);
  }
  return {
    dimensions,
    get size() {
      return size();
    },
    chunkCount: embedTexts.size,
    embedTextOf: (chunkId) => embedTexts.get(chunkId),
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
      const { neighbors, distances } = store.index.searchKnn([...vector], limit);
      return neighbors.flatMap((label, position) => {
        // hnswlib reports cosine distance (1 − cosine); opposite vectors would go below zero.
        const similarity = Math.min(1, Math.max(0, 1 - (distances[position] ?? 1)));
        return (chunkIdsByLabel[label] ?? []).map((chunkId) => ({ chunkId, similarity }));
      });
    },
    save: (dir) => store.save(dir),
  };
}

function chunkIdsOf(document: { metadata?: Record<string, unknown> } | undefined): string[] | undefined {
  const chunkIds = document?.metadata?.chunkIds;
  if (!Array.isArray(chunkIds) || chunkIds.length === 0) return undefined;
  return chunkIds.every((chunkId) => typeof chunkId === 'string') ? (chunkIds as string[]) : undefined;
}
