import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/article/load-article.js';
import { articleFiles } from '../../../src/intake/article-file.js';
import type { ExtractedArticle } from '../../../src/intake/page.js';

describe('saving an extracted article', () => {
  const article: ExtractedArticle = {
    title: 'Bridge to close for eight months',
    byline: 'Omar Haddad',
    publisher: 'River Post',
    date: '2026-03-03',
    url: 'https://www.riverpost.example/2026/03/bridge',
    paragraphs: [
      'The Ninth Street bridge will close to cars for eight months starting in April.',
      'What changes for drivers',
      'Buses will be rerouted over the Maple Avenue bridge.',
      'Who to call',
      'Questions go to the 311 line.',
    ],
    headings: [1, 3],
  };

  it('numbers its subheadings in the sidecar as the loader numbers the paragraphs of the saved text', () => {
    const files = articleFiles(article, new Date('2026-03-03T12:00:00Z'));
    const loaded = parseArticle({ id: 'bridge', path: 'bridge.txt', text: files.text, sha256: 'x', sidecar: files.sidecar });
    const headingLines = files.sidecar.headings.map((number) => loaded.paragraphs.find((paragraph) => paragraph.number === number));
    expect(headingLines.map((paragraph) => (paragraph ? files.text.slice(paragraph.start, paragraph.end) : null))).toEqual(['What changes for drivers', 'Who to call']);
  });

  it('keeps subheadings in the loaded text but never offers one as a sentence to quote', () => {
    const files = articleFiles(article, new Date('2026-03-03T12:00:00Z'));
    const loaded = parseArticle({ id: 'bridge', path: 'bridge.txt', text: files.text, sha256: 'x', sidecar: files.sidecar });
    expect(loaded.paragraphs).toHaveLength(5);
    expect(loaded.sentences.map((sentence) => sentence.text)).toEqual([article.paragraphs[0], article.paragraphs[2], article.paragraphs[4]]);
    expect(loaded.sentences.map((sentence) => sentence.paragraph)).toEqual([1, 3, 5]);
  });
});
