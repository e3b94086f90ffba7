import { describe, expect, it } from 'vitest';
import { ARTICLE_PARSER_VERSION } from '../../../src/article/version.js';
import { CHUNKER_VERSION } from '../../../src/chunking/chunker.js';
import { VerbatimError } from '../../../src/core/errors.js';
import { checkManifest, createManifest, parseManifest, type IndexManifest } from '../../../src/index/manifest.js';

const built = createManifest({
  embeddingModel: 'local:model-a',
  dimensions: 512,
  articles: [
    { id: 'first', path: 'articles/first.txt', sha256: 'aaa' },
    { id: 'second', path: 'articles/second.txt', sha256: 'bbb' },
  ],
  counts: { articles: 2, sentences: 10, chunks: 14 },
  builtAt: new Date('2025-01-02T03:04:05Z'),
});

const current = [
  { id: 'first', sha256: 'aaa' },
  { id: 'second', sha256: 'bbb' },
];

function refusal(manifest: IndexManifest, expected: Parameters<typeof checkManifest>[1]): VerbatimError {
  try {
    checkManifest(manifest, expected);
  } catch (error) {
    if (error instanceof VerbatimError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

describe('index manifest', () => {
  it('records what the index was built from and when', () => {
    expect(built).toMatchObject({
      articleParserVersion: ARTICLE_PARSER_VERSION,
      chunkerVersion: CHUNKER_VERSION,
      builtAt: '2025-01-02T03:04:05.000Z',
      articles: [{ id: 'first', path: 'articles/first.txt', sha256: 'aaa' }, { id: 'second' }],
    });
  });

  it('accepts an index built from the current articles with the same model', () => {
    expect(() => checkManifest(built, { articles: current, embeddingModel: 'local:model-a', dimensions: 512 })).not.toThrow();
  });

  it('accepts the current articles in another order', () => {
    expect(() => checkManifest(built, { articles: [...current].reverse(), embeddingModel: 'local:model-a' })).not.toThrow();
  });

  it('refuses an index built with another embedding model, naming both and the fix', () => {
    const error = refusal(built, { articles: current, embeddingModel: 'openai:text-embedding-3-small' });
    expect(error.code).toBe('INDEX_MISMATCH');
    expect(error.message).toContain('local:model-a');
    expect(error.message).toContain('openai:text-embedding-3-small');
    expect(error.message).toContain('Run `npm run ingest`.');
  });

  it('refuses an index whose vectors have another length', () => {
    const error = refusal(built, { articles: current, embeddingModel: 'local:model-a', dimensions: 1536 });
    expect(error.code).toBe('INDEX_MISMATCH');
    expect(error.message).toContain('1536');
  });

  it.each([
    ['format', { formatVersion: 0 }, 'index format'],
    ['article parser', { articleParserVersion: 'older' }, 'article parser version older'],
    ['chunker', { chunkerVersion: 'older' }, 'chunker version older'],
  ])('refuses an index written by another %s version', (_name, change, named) => {
    const error = refusal({ ...built, ...change }, { articles: current, embeddingModel: 'local:model-a' });
    expect(error.code).toBe('INDEX_MISMATCH');
    expect(error.message).toContain(named);
  });

  it('refuses an index built before an article was edited, naming the article', () => {
    const error = refusal(built, {
      articles: [{ id: 'first', sha256: 'aaa' }, { id: 'second', sha256: 'changed' }],
      embeddingModel: 'local:model-a',
    });
    expect(error.code).toBe('INDEX_STALE');
    expect(error.message).toContain('second was edited');
    expect(error.message).not.toContain('first');
    expect(error.message).toContain('Run `npm run ingest`.');
  });

  it('refuses an index that lacks a newly added article', () => {
    const error = refusal(built, { articles: [...current, { id: 'third', sha256: 'ccc' }], embeddingModel: 'local:model-a' });
    expect(error.code).toBe('INDEX_STALE');
    expect(error.message).toContain('third is new');
  });

  it('refuses an index that still holds a removed article', () => {
    const error = refusal(built, { articles: [{ id: 'first', sha256: 'aaa' }], embeddingModel: 'local:model-a' });
    expect(error.code).toBe('INDEX_STALE');
    expect(error.message).toContain('second was removed');
  });

  it('reads back a manifest written as JSON', () => {
    expect(parseManifest(JSON.parse(JSON.stringify(built)))).toEqual(built);
  });

  it('calls a manifest with missing fields damaged', () => {
    const { embeddingModel: _dropped, ...withoutModel } = built;
    expect(() => parseManifest(withoutModel)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    expect(() => parseManifest('not a manifest')).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
  });
});
