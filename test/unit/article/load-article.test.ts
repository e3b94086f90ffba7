import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintArticles, loadArticleFile, loadArticles, parseArticle } from '../../../src/article/load-article.js';
import { VerbatimError } from '../../../src/core/errors.js';

const shippedPath = 'data/articles/latin-times-cartel-strike-plans.txt';
const fixturePath = 'test/fixtures/articles/harbor-gazette-port-strike.txt';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'verbatim-articles-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function expectError(promise: Promise<unknown>, code: string): Promise<VerbatimError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VerbatimError);
  expect((error as VerbatimError).code).toBe(code);
  return error as VerbatimError;
}

describe('the shipped article', () => {
  it('splits into 18 sentences in 11 paragraphs, every one an exact slice of the file', async () => {
    const article = await loadArticleFile(shippedPath);
    expect(article.sentences).toHaveLength(18);
    expect(article.paragraphs).toHaveLength(11);
    for (const sentence of article.sentences) {
      expect(sentence.text).toBe(article.text.slice(sentence.start, sentence.end));
      expect(sentence.id).toBe(`latin-times-cartel-strike-plans:${sentence.index}`);
    }
    expect(article.sentences.map((sentence) => [sentence.paragraph, sentence.indexInParagraph]).slice(6, 11)).toEqual([
      [6, 1], [7, 1], [7, 2], [7, 3], [7, 4],
    ]);
  });

  it('keeps the tricky sentences whole', async () => {
    const texts = (await loadArticleFile(shippedPath)).sentences.map((sentence) => sentence.text);
    expect(texts).toContain(
      'Quoting a senior administration official, Rolling Stone magazine reported on Friday that the development is "not a negotiating tactic," and that Trump "has been clear that a strike... is coming unless we see some big, major changes."',
    );
    expect(texts.find((text) => text.startsWith('Speaking to the outlet'))).toMatch(/U\.S\. Army .* armed attack\."$/u);
    expect(texts).toContain("Speaking to Fox News' Laura Ingraham, Hegseth said fighting criminal organizations is a priority for the Trump administration.");
    expect(texts).toContain(
      '"I can\'t reveal anything, but that\'s not what I\'m saying," the official claimed when asked directly about a military incursion or a drone attack."',
    );
    expect(texts).toContain('"We\'re not standing with our arms crossed about this anymore."');
  });

  it('takes publisher and copyright from the last line and keeps that line out of the body', async () => {
    const article = await loadArticleFile(shippedPath);
    expect(article.meta.publisher).toBe('Latin Times');
    expect(article.meta.copyright).toBe('© 2025 Latin Times. All rights reserved. Do not reproduce without permission.');
    expect(article.text.slice(article.body.start, article.body.end)).not.toContain('©');
    expect(article.sentences.some((sentence) => sentence.text.includes('rights reserved'))).toBe(false);
    expect(article.meta.title.length).toBeLessThanOrEqual(100);
    expect(article.meta.title).toMatch(/^The Trump administration is reportedly drawing attack plans .*…$/u);
    expect(article.meta).toMatchObject({ id: 'latin-times-cartel-strike-plans', url: null, date: null });
    expect(article.meta.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });
});

describe('a second publisher\'s article', () => {
  it('takes its headline as the title, not as a sentence, and its publisher from its copyright line', async () => {
    const article = await loadArticleFile(fixturePath);
    expect(article.meta.title).toBe('Port workers weigh strike as talks stall');
    expect(article.meta.publisher).toBe('Harbor Gazette Media Group');
    expect(article.sentences[0]?.text.startsWith('Dock workers')).toBe(true);
    expect(article.sentences).toHaveLength(17);
    const texts = article.sentences.map((sentence) => sentence.text);
    expect(texts).toContain('She added that a walkout could begin as early as Jan. 15 at 6 a.m. if no deal is reached.');
    expect(texts).toContain('Mr. Reilly also noted that shipping lines could divert cargo to ports in the U.S.');
    expect(texts).toContain('“Would you accept a machine taking your job?” she asked reporters on Wednesday.');
  });

  it('gives the same sentences with Windows line endings', async () => {
    const unix = await loadArticleFile(fixturePath);
    const windows = parseArticle({ id: 'windows', path: 'windows.txt', text: unix.text.replace(/\n/gu, '\r\n'), sha256: '0' });
    expect(windows.sentences.map((sentence) => sentence.text)).toEqual(unix.sentences.map((sentence) => sentence.text));
    expect(windows.meta.copyright).toBe(unix.meta.copyright);
  });
});

describe('loading article files', () => {
  it('lets a sidecar JSON beside the file override the derived metadata', async () => {
    const path = join(directory, 'story.txt');
    await writeFile(path, 'A plain sentence.\n© 2025 Example Daily. All rights reserved.');
    await writeFile(
      join(directory, 'story.json'),
      JSON.stringify({ title: 'Sidecar title', url: 'https://example.com/story', date: '2025-06-01', publisher: 'Example Media' }),
    );
    const article = await loadArticleFile(path);
    expect(article.meta).toMatchObject({
      id: 'story',
      title: 'Sidecar title',
      url: 'https://example.com/story',
      date: '2025-06-01',
      publisher: 'Example Media',
      copyright: '© 2025 Example Daily. All rights reserved.',
    });
  });

  it('still works without a copyright line', () => {
    const article = parseArticle({ id: 'bare', path: 'bare.txt', text: 'Just news. More news.', sha256: '0' });
    expect(article.meta.publisher).toBe('Unknown publisher');
    expect(article.meta.copyright).toBe('');
    expect(article.sentences.map((sentence) => sentence.text)).toEqual(['Just news.', 'More news.']);
  });

  it('reports a missing or empty file as ARTICLE_UNREADABLE naming the file', async () => {
    const missing = join(directory, 'missing.txt');
    expect((await expectError(loadArticleFile(missing), 'ARTICLE_UNREADABLE')).message).toContain('missing.txt');
    const empty = join(directory, 'empty.txt');
    await writeFile(empty, '\n  \n');
    expect((await expectError(loadArticleFile(empty), 'ARTICLE_UNREADABLE')).message).toContain('empty.txt');
  });

  it('reports a broken sidecar as ARTICLE_UNREADABLE', async () => {
    await writeFile(join(directory, 'story.txt'), 'News.');
    await writeFile(join(directory, 'story.json'), '{ not json');
    await expectError(loadArticleFile(join(directory, 'story.txt')), 'ARTICLE_UNREADABLE');
  });

  it('reports NO_ARTICLES for a directory without .txt files', async () => {
    await writeFile(join(directory, 'notes.md'), 'not an article');
    await expectError(loadArticles(directory), 'NO_ARTICLES');
    await expectError(loadArticles([]), 'NO_ARTICLES');
  });

  it('loads every .txt of a directory in name order, or the files listed', async () => {
    await writeFile(join(directory, 'b.txt'), 'Second.');
    await writeFile(join(directory, 'a.txt'), 'First.');
    expect((await loadArticles(directory)).map((article) => article.meta.id)).toEqual(['a', 'b']);
    expect((await loadArticles([join(directory, 'b.txt')])).map((article) => article.meta.id)).toEqual(['b']);
  });

  it('changes the sha256 when the bytes change', async () => {
    const path = join(directory, 'story.txt');
    await writeFile(path, 'News today.');
    const before = (await loadArticleFile(path)).meta.sha256;
    await writeFile(path, 'News today!');
    const after = (await loadArticleFile(path)).meta.sha256;
    expect(after).not.toBe(before);
    expect((await loadArticleFile(path)).meta.sha256).toBe(after);
  });

  it('fingerprints, without parsing, exactly the articles and hashes it would load', async () => {
    await writeFile(join(directory, 'b.txt'), 'Second.');
    await writeFile(join(directory, 'a.txt'), 'First.');
    const loaded = (await loadArticles(directory)).map(({ meta }) => ({ meta: { id: meta.id, sha256: meta.sha256 } }));
    expect(await fingerprintArticles(directory)).toEqual(loaded);
    await expectError(fingerprintArticles([]), 'NO_ARTICLES');
    await writeFile(join(directory, 'c.txt'), ' ');
    await expectError(fingerprintArticles(directory), 'ARTICLE_UNREADABLE');
  });
});
