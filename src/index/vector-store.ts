import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import hnswlib, { type HierarchicalNSW } from 'hnswlib-node';
import { VerbatimError } from '../core/errors.js';
import type { Chunk } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';

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
  /** Writes LangChain's HNSWLib layout (`hnswlib.index`, `docstore.json`, `args.json`). */
  save(dir: string): Promise<void>;
  /** The hnswlib index itself (the benchmark sweeps its efSearch). */
  readonly nativeIndex: HierarchicalNSW;
  /**
   * The same vectors as a LangChain store, for callers that want LangChain's retriever
   * interfaces. Made on first call: answering never needs LangChain, whose modules cost ~0.2 s
   * of a cold start.
   */
  langchainStore(): Promise<HNSWLib>;
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
 * vectors, `npm run bench` of 2026-12-02) recall@10 is 0.971 at 64 (0.28 ms), 0.987 at 128
 * (0.58 ms), 0.993 at 256 (0.83 ms). The retriever asks for 200 neighbours, so it searches wider
 * still; this floor is for small k.
 */
const minimumEfSearch = 128;

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
  const [{ HNSWLib }, { Document }] = await Promise.all([
    import('@langchain/community/vectorstores/hnswlib'),
    import('@langchain/core/documents'),
  ]);
  const index = emptyIndex(dimensions, groups.size);
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
  return wrap({
    index: store.index,
    documents: distinct.map(([embedText, { chunkIds }]) => ({ pageContent: embedText, metadata: { chunkIds } })),
    langchainStore: async () => store,
  });
}

/** What LangChain's HNSWLib writes beside the index, and all a search needs besides it. */
interface StoredDocument {
  pageContent: string;
  metadata?: Record<string, unknown>;
}

const files = { index: 'hnswlib.index', documents: 'docstore.json', args: 'args.json' } as const;

/**
 * Reads a store written by `save` (LangChain's HNSWLib layout) with hnswlib-node directly;
 * `embedder` is only used if the LangChain store is asked for.
 */
export async function loadVectorStore(dir: string, { embedder }: { embedder: Embedder }): Promise<VectorStore> {
  const args = JSON.parse(await readFile(join(dir, files.args), 'utf8')) as { space?: unknown; numDimensions?: unknown };
  if (args.space !== 'cosine') throw new Error(`The vector index uses the ${String(args.space)} space, not cosine.`);
  if (typeof args.numDimensions !== 'number') throw new Error('The vector index does not say its dimensions.');
  const index = new hnswlib.HierarchicalNSW('cosine', args.numDimensions);
  const [entries] = await Promise.all([
    readFile(join(dir, files.documents), 'utf8').then((text) => JSON.parse(text) as unknown),
    index.readIndex(join(dir, files.index)),
  ]);
  if (!Array.isArray(entries)) throw new Error(`${files.documents} is not a list.`);
  // LangChain's docstore keys are the hnswlib labels, as strings.
  const documents: StoredDocument[] = [];
  for (const entry of entries as unknown[]) {
    const [label, document] = Array.isArray(entry) ? entry : [];
    if (typeof label !== 'string' || !isStoredDocument(document)) throw new Error(`${files.documents} holds a malformed entry.`);
    documents[Number(label)] = document;
  }
  let langchain: Promise<HNSWLib> | null = null;
  return wrap({
    index,
    documents,
    langchainStore: () => (langchain ??= toLangChain(index, documents, embedder)),
  });
}

async function toLangChain(index: HierarchicalNSW, documents: readonly StoredDocument[], embedder: Embedder): Promise<HNSWLib> {
  const [{ HNSWLib }, { Document }, { EmbedderEmbeddings }] = await Promise.all([
    import('@langchain/community/vectorstores/hnswlib'),
    import('@langchain/core/documents'),
    import('../embedding/langchain-embeddings.js'),
  ]);
  const store = new HNSWLib(new EmbedderEmbeddings(embedder), { space: 'cosine', numDimensions: index.getNumDimensions(), index });
  const record: Record<string, Document> = {};
  documents.forEach((document, label) => (record[String(label)] = new Document({ pageContent: document.pageContent, metadata: document.metadata ?? {} })));
  store.docstore.add(record);
  return store;
}

function isStoredDocument(value: unknown): value is StoredDocument {
  return typeof value === 'object' && value !== null && typeof (value as StoredDocument).pageContent === 'string';
}

/**
 * LangChain creates the hnswlib index lazily on the first vectors; making it here means an
 * index with no chunks still saves, loads and searches (finding nothing).
 */
function emptyIndex(dimensions: number, capacity: number): HierarchicalNSW {
  const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
  index.initIndex(Math.max(capacity, 1));
  return index;
}

interface WrapOptions {
  index: HierarchicalNSW;
  /** By hnswlib label. */
  documents: readonly StoredDocument[];
  langchainStore: () => Promise<HNSWLib>;
}

function wrap({ index, documents, langchainStore }: WrapOptions): VectorStore {
  const dimensions = index.getNumDimensions();
  const size = () => index.getCurrentCount();
  const chunkIdsByLabel: string[][] = [];
  const embedTexts = new Map<string, string>();
  for (let label = 0; label < size(); label += 1) {
    const document = documents[label];
    const chunkIds = chunkIdsOf(document);
    if (!document || !chunkIds) throw new Error(`The vector index has no chunk for vector ${label}.`);
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
    nativeIndex: index,
    langchainStore,
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
      index.setEf(Math.max(limit * 4, minimumEfSearch));
      const { neighbors, distances } = index.searchKnn([...vector], limit);
      return neighbors.flatMap((label, position) => {
        // hnswlib reports cosine distance (1 − cosine); opposite vectors would go below zero.
        const similarity = Math.min(1, Math.max(0, 1 - (distances[position] ?? 1)));
        return (chunkIdsByLabel[label] ?? []).map((chunkId) => ({ chunkId, similarity }));
      });
    },
    async save(dir) {
      await mkdir(dir, { recursive: true });
      await index.writeIndex(join(dir, files.index));
      await writeFile(join(dir, files.args), JSON.stringify({ space: 'cosine', numDimensions: dimensions }));
      await writeFile(join(dir, files.documents), JSON.stringify(documents.map((document, label) => [String(label), document])));
    },
  };
}

function chunkIdsOf(document: { metadata?: Record<string, unknown> } | undefined): string[] | undefined {
  const chunkIds = document?.metadata?.chunkIds;
  if (!Array.isArray(chunkIds) || chunkIds.length === 0) return undefined;
  return chunkIds.every((chunkId) => typeof chunkId === 'string') ? (chunkIds as string[]) : undefined;
}
