import { Embeddings } from '@langchain/core/embeddings';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';

/** Lets LangChain's vector stores (HNSWLib) embed through our Embedder, cache and all. */
export class EmbedderEmbeddings extends Embeddings {
  constructor(readonly embedder: Embedder) {
    // Our embedders do their own batching and error reporting; no LangChain retries on top.
    super({ maxRetries: 0 });
  }

  embedDocuments(documents: string[]): Promise<number[][]> {
    return this.embedder.embed(documents);
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.embedder.embed([document]);
    if (!vector) throw new VerbatimError('EMBEDDING_FAILED', 'The embedding model returned no vector for the question.');
    return vector;
  }
}
