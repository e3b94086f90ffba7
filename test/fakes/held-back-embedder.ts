import { loadArticleFile } from '../../src/article/load-article.js';
import { withEmbeddingCache } from '../../src/embedding/cached-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';

export interface HeldBackEmbedder extends Embedder {
  /** Lets the held calls (and every later one) through. */
  release(): void;
  /** Calls held so far. */
  readonly heldBack: number;
}

/**
 * A library's embedder (the model behind the cache, as the library's default) that holds back
 * every call with a text that is not one of the article's sentences (paragraphs, clause windows)
 * until `release()`: what a slow machine does to the background part of an add, for as long as a
 * test needs.
 */
export async function sentencesFirstEmbedder({ model, cacheDir, articleFile }: { model: Embedder; cacheDir: string; articleFile: string }): Promise<HeldBackEmbedder> {
  const article = await loadArticleFile(articleFile);
  const sentences = article.sentences.map((sentence) => sentence.text);
  // A sentence is embedded as it stands or after its speaker's name ("Lindqvist: …").
  const isSentence = (text: string) => sentences.some((sentence) => text === sentence || text.endsWith(`: ${sentence}`));
  const cached = withEmbeddingCache(model, { dir: cacheDir });
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let heldBack = 0;
  return {
    modelId: cached.modelId,
    dimensions: cached.dimensions,
    async embed(texts) {
      if (!texts.every(isSentence)) {
        heldBack += 1;
        await released;
      }
      return cached.embed(texts);
    },
    release: () => release(),
    get heldBack() {
      return heldBack;
    },
  };
}
