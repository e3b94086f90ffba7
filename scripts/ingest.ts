// `npm run ingest` indexes every article in ARTICLES_DIR; `npm run ingest -- a.txt b.txt` indexes those files only.
import { loadArticles } from '../src/article/load-article.js';
import { loadConfig } from '../src/config/load-config.js';
import { createIngestEmbedder } from '../src/app.js';
import { buildIndex } from '../src/index/build-index.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const paths = process.argv.slice(2).filter((arg) => arg !== '--');
  const articles = await loadArticles(paths.length > 0 ? paths : config.articlesDir);
  // The model is chosen in one place for indexing and answering alike (src/app.ts): the
  // OpenAI-compatible endpoint when OPENAI_EMBEDDINGS is on, else the local one on every core.
  const embedder = await createIngestEmbedder(config);
  try {
    await buildIndex({ articles, embedder, indexDir: config.indexDir, onProgress: (line) => process.stderr.write(`${line}\n`) });
  } finally {
    await embedder.close();
  }
});
