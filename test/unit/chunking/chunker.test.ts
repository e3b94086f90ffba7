import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkArticle } from '../../../src/chunking/chunker.js';
import type { Party, Speaker } from '../../../src/core/types.js';
import { makeArticle } from './article-fixture.js';

const hegseth: Speaker = { name: 'Pete Hegseth', kind: 'person', via: 'named' };
const hegsethParty: Party = {
  name: 'Pete Hegseth',
  kind: 'person',
  aliases: ['Hegseth', 'Defense Secretary Pete Hegseth', 'the official'],
  sentenceIds: [],
};

describe('chunkArticle', () => {
  const article = makeArticle({
    id: 'sample',
    paragraphs: [
      ['The first paragraph has one sentence.'],
      ['Two sentences here.', 'This is the second one.'],
      ['Alpha.', 'Beta?', 'Gamma!'],
    ],
  });
  const chunks = chunkArticle(article);

  it('makes one chunk per sentence and one per paragraph of two or more sentences', () => {
    expect(chunks.map((chunk) => chunk.id)).toEqual([
      'sample:s1',
      'sample:s2',
      'sample:s3',
      'sample:p2',
      'sample:s4',
      'sample:s5',
      'sample:s6',
      'sample:p3',
    ]);
  });

  it('copies every chunk from the article by its offsets', () => {
    for (const chunk of chunks) expect(chunk.text).toBe(article.text.slice(chunk.start, chunk.end));
    expect(chunks.find((chunk) => chunk.id === 'sample:p3')?.text).toBe('Alpha. Beta? Gamma!');
  });

  it('lists the sentences each chunk covers, in order', () => {
    expect(chunks.find((chunk) => chunk.id === 'sample:p2')?.sentenceIds).toEqual(['sample:2', 'sample:3']);
    expect(chunks.find((chunk) => chunk.id === 'sample:s4')?.sentenceIds).toEqual(['sample:4']);
  });

  it('prefixes a sentence with its speaker when the sentence does not name them', () => {
    const quoted = makeArticle({
      id: 'quotes',
      paragraphs: [
        [
          { text: 'Hegseth said the plans were ready.', speaker: hegseth },
          { text: '"We are watching them," he added.', speaker: { ...hegseth, via: 'pronoun' } },
          { text: 'The official declined to say more.', speaker: { ...hegseth, via: 'role' } },
        ],
      ],
      parties: [hegsethParty],
    });
    const byId = new Map(chunkArticle(quoted).map((chunk) => [chunk.id, chunk]));
    expect(byId.get('quotes:s1')?.embedText).toBe('Hegseth said the plans were ready.');
    expect(byId.get('quotes:s2')?.embedText).toBe('Pete Hegseth: "We are watching them," he added.');
    expect(byId.get('quotes:s3')?.embedText).toBe('Pete Hegseth: The official declined to say more.');
    expect(byId.get('quotes:p1')?.embedText).toBe(byId.get('quotes:p1')?.text);
  });

  it('embeds a sentence without a speaker as it stands', () => {
    expect(chunks.every((chunk) => chunk.embedText === chunk.text)).toBe(true);
  });

  it('adds windows of one or two clauses of a sentence, each pointing at that sentence', () => {
    const long = 'Speaking to reporters on the steps of the old town hall, the mayor said the council would need to "show the port can pay for itself."';
    const windowed = makeArticle({
      id: 'long',
      paragraphs: [[{ text: long, speaker: { name: 'Someone Else', kind: 'person', via: 'pronoun' } }]],
    });
    const windows = chunkArticle(windowed).filter((chunk) => /w\d+$/.test(chunk.id));
    expect(windows.map((chunk) => chunk.text)).toEqual([
      'Speaking to reporters on the steps of the old town hall',
      'Speaking to reporters on the steps of the old town hall, the mayor said the council would need to',
      'the mayor said the council would need to',
      'the mayor said the council would need to "show the port can pay for itself."',
      '"show the port can pay for itself."',
    ]);
    for (const window of windows) {
      expect(window.sentenceIds).toEqual(['long:1']);
      expect(window.text).toBe(windowed.text.slice(window.start, window.end));
      expect(window.embedText).toBe(window.text);
    }
    expect(chunkArticle(windowed).find((chunk) => chunk.id === 'long:s1')?.embedText).toBe(`Someone Else: ${long}`);
  });

  it('adds no windows to a sentence of one clause, or to a short one', () => {
    const plain = makeArticle({
      id: 'plain',
      paragraphs: [['The council met on Tuesday evening in the old town hall.', '"We will appeal the decision," she said.']],
    });
    expect(chunkArticle(plain).filter((chunk) => /w\d+$/.test(chunk.id))).toEqual([]);
  });

  it('never lets a chunk cross a paragraph or a window leave its sentence, for any article', () => {
    const sentenceText = fc.stringMatching(/^[A-Za-z][a-z ,']{0,120}[.?!]$/);
    const paragraphs = fc.array(fc.array(sentenceText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(paragraphs, (paragraphSentences) => {
        const generated = makeArticle({ id: 'generated', paragraphs: paragraphSentences });
        const generatedChunks = chunkArticle(generated);
        const sentenceCount = generated.sentences.length;
        const multiSentenceParagraphs = paragraphSentences.filter((sentences) => sentences.length >= 2).length;
        expect(generatedChunks.filter((chunk) => /:s\d+$/.test(chunk.id))).toHaveLength(sentenceCount);
        expect(generatedChunks.filter((chunk) => /:p\d+$/.test(chunk.id))).toHaveLength(multiSentenceParagraphs);
        for (const chunk of generatedChunks) {
          expect(chunk.text).toBe(generated.text.slice(chunk.start, chunk.end));
          const paragraph = generated.paragraphs.find((span) => span.start <= chunk.start && chunk.end <= span.end);
          expect(paragraph).toBeDefined();
          const covered = generated.sentences.filter((sentence) => chunk.sentenceIds.includes(sentence.id));
          expect(covered[0]?.start).toBeLessThanOrEqual(chunk.start);
          expect(covered[covered.length - 1]?.end).toBeGreaterThanOrEqual(chunk.end);
          if (!/w\d+$/.test(chunk.id)) {
            expect(covered[0]?.start).toBe(chunk.start);
            expect(covered[covered.length - 1]?.end).toBe(chunk.end);
          }
        }
      }),
    );
  });
});
