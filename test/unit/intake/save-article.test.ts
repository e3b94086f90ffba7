import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArticleFile } from '../../../src/article/load-article.js';
import type { ExtractedArticle } from '../../../src/intake/page.js';
import { saveArticle } from '../../../src/intake/save-article.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verbatim-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const article: ExtractedArticle = {
  title: 'Ferry service resumes after storm',
  byline: 'Ana Ruiz',
  publisher: 'Bay Times',
  date: '2025-06-12',
  url: 'https://www.baytimes.example/2025/06/12/ferry-resumes',
  paragraphs: [
    'WASHINGTON —',
    'Ferry service between Port Alder and Gull Island resumed on Thursday. The first boat left at 6:15 a.m. with 42 cars aboard.',
    '“Our crews worked through two nights,” said Ines Carvalho. “We know how many people depend on this boat.”',
  ],
};
const fixedClock = () => new Date('2025-06-12T15:00:00Z');

describe('saving an extracted article', () => {
  it('writes a .txt the loader reads back with every paragraph and sentence, and a sidecar with no invented copyright', async () => {
    const saved = await saveArticle({ dir, article, now: fixedClock });
    expect(saved).toMatchObject({ id: 'baytimes-ferry-service-resumes-after-storm', created: true, changed: true });
    const loaded = await loadArticleFile(saved.file);
    const text = await readFile(saved.file, 'utf8');
    expect(loaded.meta).toMatchObject({ title: article.title, publisher: 'Bay Times', url: article.url, date: '2025-06-12', byline: 'Ana Ruiz', copyright: '' });
    expect(loaded.paragraphs.map((paragraph) => text.slice(paragraph.start, paragraph.end))).toEqual(article.paragraphs);
    for (const sentence of loaded.sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(loaded.sentences.every((sentence) => text.includes(sentence.text))).toBe(true);
    const sidecar = JSON.parse(await readFile(join(dir, `${saved.id}.json`), 'utf8')) as Record<string, unknown>;
    expect(sidecar).not.toHaveProperty('copyright');
  });

  it('leaves the same article untouched the second time, even under a tracking link', async () => {
    const first = await saveArticle({ dir, article, now: fixedClock });
    const before = await readFile(first.file, 'utf8');
    const again = await saveArticle({ dir, article: { ...article, url: `${article.url}?utm_source=discord#top` }, now: () => new Date('2030-01-01') });
    expect(again).toMatchObject({ id: first.id, created: false, changed: false });
    expect(await readFile(first.file, 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual([`${first.id}.json`, `${first.id}.txt`]);
  });

  it('updates the article in place when its text changed at the same URL', async () => {
    const first = await saveArticle({ dir, article, now: fixedClock });
    const corrected = { ...article, paragraphs: [...article.paragraphs, 'This story was updated with the operator’s timetable.'] };
    const second = await saveArticle({ dir, article: corrected, now: fixedClock });
    expect(second).toMatchObject({ id: first.id, created: false, changed: true });
    expect((await loadArticleFile(second.file)).paragraphs).toHaveLength(4);
  });

  it('knows the same text under another URL, and gives a different article with the same title its own id', async () => {
    const first = await saveArticle({ dir, article, now: fixedClock });
    const mirror = await saveArticle({ dir, article: { ...article, url: 'https://amp.baytimes.example/ferry' }, now: fixedClock });
    expect(mirror.id).toBe(first.id);
    const other = { ...article, url: 'https://www.baytimes.example/2026/ferry', paragraphs: ['A different ferry story entirely, a year later.'] };
    const saves = await Promise.all([saveArticle({ dir, article: other, now: fixedClock }), saveArticle({ dir, article: { ...other, url: 'https://baytimes.example/x', paragraphs: ['And another one.'] }, now: fixedClock })]);
    expect(saves.map((save) => save.id)).toEqual([`${first.id}-2`, `${first.id}-3`]);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});
