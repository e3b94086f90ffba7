import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/article/load-article.js';
import { createLocalEmbedder } from '../../src/embedding/local-embedder.js';
import { readIndex, type LoadedIndex } from '../../src/index/index-store.js';

const run = promisify(execFile);
const articlePath = 'data/articles/latin-times-cartel-strike-plans.txt';

/** Runs `npm run ingest` as a user would, with the index and cache pointed at a temp folder. */
function ingest(root: string, args: string[] = []) {
  const env = { ...process.env, INDEX_DIR: join(root, 'index'), CACHE_DIR: join(root, 'cache'), OPENAI_EMBEDDINGS: 'false' };
  return run(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { env, timeout: 120_000 });
}

describe('npm run ingest with the local model', () => {
  let root: string;
  let firstRun: { stdout: string; stderr: string };
  let index: LoadedIndex;
  const embedder = createLocalEmbedder();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'verbatim-ingest-'));
    firstRun = await ingest(root, [articlePath]);
    index = await readIndex(join(root, 'index'), { embedder, articles: await loadArticles([articlePath]) });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reports what it embedded and wrote on stderr, leaving stdout empty', () => {
    expect(firstRun.stdout).toBe('');
    expect(firstRun.stderr).toMatch(/^Embedding (\d+) chunks \(0 cached\)…$/m);
    expect(firstRun.stderr).toMatch(/^Index written to .+ \(1 article, \d+ sentences, \d+ chunks\) in [\d.]+ s$/m);
  });

  it('finds sentences about troops in Mexico for a question worded with other words', async () => {
    const [question] = await embedder.embed(['American soldiers in Mexico']);
    const hits = await index.vectorStore.search(question ?? [], index.chunks.length);
    const chunksById = new Map(index.chunks.map((chunk) => [chunk.id, chunk]));
    const sentenceIds = [
      ...new Set(hits.map((hit) => chunksById.get(hit.chunkId)).flatMap((chunk) => (chunk?.sentenceIds.length === 1 ? chunk.sentenceIds : []))),
    ];
    const sentences = new Map(index.articles.flatMap((article) => article.sentences).map((sentence) => [sentence.id, sentence.text]));
    const ranked = sentenceIds.map((id) => sentences.get(id) ?? '');
    // Vectors alone: a sentence about troops (Hegseth's "sending troops into Mexico" or Sheinbaum's
    // rejection of U.S. troops) is among the nearest three; the lexical side is not involved here.
    expect(ranked.slice(0, 3).some((text) => /\btroops\b/.test(text))).toBe(true);
  });

  it('embeds nothing the second time the same article is ingested', async () => {
    const secondRun = await ingest(root, [articlePath]);
    const [, total] = /^Embedding (\d+) chunks/m.exec(secondRun.stderr) ?? [];
    expect(secondRun.stderr).toContain(`Embedding ${total} chunks (${total} cached)…`);
    expect(await readdir(root)).toEqual(expect.arrayContaining(['index', 'cache']));
  });

  it('fails with one line naming the problem and exit status 2', async () => {
    const failure = await ingest(root, ['no/such/article.txt']).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr?.trim().split('\n')).toEqual([expect.stringMatching(/^error \[ARTICLE_UNREADABLE\]: .*no\/such\/article\.txt/)]);
  });
});
