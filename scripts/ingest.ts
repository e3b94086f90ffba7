// `npm run ingest` indexes every article in ARTICLES_DIR; `npm run ingest -- a.txt b.txt` indexes those files only.
import { loadArticles } from '../src/article/load-article.js';
import { loadConfig } from '../src/config/load-config.js';
import { withEmbeddingCache } from '../src/embedding/cached-embedder.js';
import { createEmbedder } from '../src/app.js';
import { buildIndex } from '../src/index/build-index.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const paths = process.argv.slice(2).filter((arg) => arg !== '--');
  const articles = await loadArticles(paths.length > 0 ? paths : config.articlesDir);
  // The embedding model is chosen in one place for indexing and answering alike: createEmbedder
  // (src/app.ts) returns the OpenAI-compatible embedder when OPENAI_EMBEDDINGS is on, else the local one.
  const embedder = withEmbeddingCache(createEmbedder(config), { dir: config.cacheDir });
  await buildIndex({
    articles,
    embedder,
    indexDir: config.indexDir,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
});
