import { withEntityTypes } from '../../../src/article/entity-types.js';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/core/types.js';
import { buildIndex } from '../../../src/index/build-index.js';
import { readIndex } from '../../../src/index/index-store.js';
import { makeArticle } from '../chunking/article-fixture.js';
import { createCountingEmbedder } from './fake-embedder.js';

const vocabulary = ['troops', 'border', 'cartel', 'drone', 'president', 'law', 'rain', 'harvest'];

const strike = makeArticle({
  id: 'strike',
  paragraphs: [
    ['Troops gathered at the border.', 'The cartel used a drone.'],
    ['The president spoke about the law.'],
  ],
});
const farming = makeArticle({
  id: 'farming',
  paragraphs: [['Rain came late this year.', 'The harvest was small.']],
});

describe('index directory', () => {
  let root: string;
  let indexDir: string;
  const embedder = createCountingEmbedder({ vocabulary });
  const build = (articles: Article[], options: Partial<Parameters<typeof buildIndex>[0]> = {}) =>
    buildIndex({ articles, embedder, indexDir, ...options });
  const read = (articles: readonly Article[], model = embedder) => readIndex(indexDir, { embedder: model, articles });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'verbatim-index-'));
    indexDir = join(root, 'index');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('loads back the articles, chunks and vectors it was built from, without re-parsing', async () => {
    await build([strike, farming]);
    const index = await read([strike, farming]);
    // As parsed, plus the entity types tagged once at ingest.
    expect(index.articles).toEqual(withEntityTypes([strike, farming]));
    expect(index.chunks.map((chunk) => chunk.id)).toEqual([
      'strike:s1',
      'strike:s2',
      'strike:p1',
      'strike:s3',
      'farming:s1',
      'farming:s2',
      'farming:p1',
    ]);
    expect(index.manifest.counts).toEqual({ articles: 2, sentences: 5, chunks: 7 });
    const [question] = await embedder.embed(['Is the harvest small?']);
    const [best] = await index.vectorStore.search(question ?? [], 1);
    expect(best?.chunkId).toBe('farming:s2');
    expect(index.lexical.search('harvest', 5).map((hit) => hit.sentenceId)).toContain('farming:2');
  });

  it('reports a missing index with the fix', async () => {
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_MISSING', message: expect.stringContaining('npm run ingest') });
  });

  it('reports an index directory without a manifest as missing', async () => {
    await build([strike]);
    await rm(join(indexDir, 'manifest.json'));
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_MISSING' });
  });

  it.each([
    ['an unparsable manifest', 'manifest.json', '{ "formatVersion": '],
    ['an unparsable chunk list', 'chunks.json', '[{"id": "strike:s1"'],
    ['a malformed article list', 'articles.json', '[{"title": "no text"}]'],
    ['an unreadable lexical index', 'lexical.json', 'null'],
  ])('refuses %s as damaged', async (_case, file, contents) => {
    await build([strike]);
    await writeFile(join(indexDir, file), contents);
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('refuses an index whose vector files are gone as damaged', async () => {
    await build([strike]);
    await rm(join(indexDir, 'hnsw'), { recursive: true });
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('refuses chunks whose embed text has no vector as damaged', async () => {
    await build([strike]);
    const index = await read([strike]);
    const altered = index.chunks.map((chunk, position) => (position === 0 ? { ...chunk, embedText: `${chunk.embedText} (edited)` } : chunk));
    await writeFile(join(indexDir, 'chunks.json'), JSON.stringify(altered));
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('strike:s1') });
  });

  it('refuses an index of the earlier format, one vector per chunk, naming the fix', async () => {
    await build([strike]);
    const manifest = JSON.parse(await readFile(join(indexDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(indexDir, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 1 }));
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_MISMATCH', message: expect.stringContaining('npm run ingest') });
  });

  it('refuses chunks that no longer match their article text as damaged', async () => {
    await build([strike]);
    const index = await read([strike]);
    const altered = index.chunks.map((chunk) => ({ ...chunk, text: chunk.text.toUpperCase() }));
    await writeFile(join(indexDir, 'chunks.json'), JSON.stringify(altered));
    await expect(read([strike])).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('refuses to load with another embedding model', async () => {
    await build([strike]);
    const other = createCountingEmbedder({ vocabulary, modelId: 'fake:other-model' });
    await expect(read([strike], other)).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
  });

  it('refuses to load when an article file changed since the build', async () => {
    await build([strike]);
    const edited = { ...strike, meta: { ...strike.meta, sha256: 'edited' } };
    await expect(read([edited])).rejects.toMatchObject({ code: 'INDEX_STALE', message: expect.stringContaining('strike') });
  });

  it('keeps the previous index intact and readable when a write fails midway', async () => {
    await build([strike]);
    let written = 0;
    const failingWriter = async (path: string, data: string) => {
      written += 1;
      if (written > 2) throw new Error('disk full');
      await writeFile(path, data);
    };
    await expect(build([strike, farming], { writeOptions: { writeFile: failingWriter } })).rejects.toThrow('disk full');

    const index = await read([strike]);
    expect(index.articles.map((article) => article.meta.id)).toEqual(['strike']);
    expect(await readdir(root)).toEqual(['index']);
  });

  it('replaces the previous index on a successful rebuild', async () => {
    await build([strike]);
    await build([strike, farming]);
    const index = await read([strike, farming]);
    expect(index.manifest.counts.articles).toBe(2);
    expect(await readdir(root)).toEqual(['index']);
  });

  it('still reads the previous index when a crash came between the swap renames', async () => {
    await build([strike]);
    await rename(indexDir, join(root, '.index.previous'));
    expect((await read([strike])).manifest.counts.articles).toBe(1);

    await build([strike, farming]);
    expect((await read([strike, farming])).manifest.counts.articles).toBe(2);
    expect(await readdir(root)).toEqual(['index']);
  });
});
