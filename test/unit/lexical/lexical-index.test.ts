import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../src/core/errors.js';
import { buildLexicalIndex, lexicalIndexFromJSON } from '../../../src/index/lexical-index.js';
import { makeArticle } from './make-article.js';

const article = makeArticle('test', [
  'The administration is drawing attack plans against cartels in Mexico.',
  'Officials said the cartels are a threat to the region and the administration.',
  'The soldiers returned to their base near the border.',
  'Local troops were seen near the border as well.',
  { text: 'Defense Secretary Pete Hegseth spoke to reporters on Friday.', speaker: 'Pete Hegseth' },
  { text: '"We are watching them closely," he added.', speaker: 'Pete Hegseth' },
  'It is really easy to get the United States into a war.',
  'Sheinbaum rejected the presence of foreign agents in the country.',
]);
const index = buildLexicalIndex([article]);
const idOf = (position: number) => `test:${position}`;

describe('lexical index search', () => {
  it('ranks the sentence with the rare term above sentences sharing only common terms', () => {
    const hits = index.search('administration plans for Mexico', 5);
    expect(hits[0]?.sentenceId).toBe(idOf(1));
    expect(hits.map((hit) => hit.sentenceId)).toContain(idOf(2));
  });

  it('finds a sentence through a WordNet synonym, ranked below the sentence with the exact word', () => {
    const hits = index.search('soldiers', 5);
    expect(hits.map((hit) => hit.sentenceId).slice(0, 2)).toEqual([idOf(3), idOf(4)]);
    const [exact, synonym] = hits;
    expect(synonym?.matchedTerms).toEqual(['troop']);
    expect(synonym!.normalized).toBeLessThan(exact!.normalized);
  });

  it('finds "United States" for a question about what is "American"', () => {
    const hits = index.search('Would an American war be easy?', 3);
    expect(hits[0]?.sentenceId).toBe(idOf(7));
  });

  it('matches an inflection that the stemmer spells differently from its base form', () => {
    const bluffIndex = buildLexicalIndex([makeArticle('bluff', ['The president may bluff.', 'Talks resume on Monday.'])]);
    const [hit] = bluffIndex.search('Is he bluffing?', 5);
    expect(hit?.sentenceId).toBe('bluff:1');
    expect(hit?.normalized).toBeGreaterThan(0.9);
  });

  it('finds a sentence attributed by pronoun when asked for the speaker by name', () => {
    const hits = index.search('Hegseth', 10);
    expect(hits.map((hit) => hit.sentenceId)).toEqual(expect.arrayContaining([idOf(5), idOf(6)]));
    expect(hits.find((hit) => hit.sentenceId === idOf(6))?.matchedTerms).toEqual(['hegseth']);
  });

  it('scores a question whose words all occur above one that names someone the article never mentions', () => {
    const answered = index.search('Who rejected the presence of foreign agents?', 1)[0];
    const unanswerable = index.search('Who rejected the presence of Obama?', 1)[0];
    expect(answered?.sentenceId).toBe(idOf(8));
    expect(answered!.normalized).toBeGreaterThan(0.8);
    expect(unanswerable!.normalized).toBeLessThan(answered!.normalized);
  });

  it('finds a misspelt name and a cognate in another language through their shared root', () => {
    const rootIndex = buildLexicalIndex([
      makeArticle('roots', ['Councillor Okonkwo-Bright rejected the restrictions.', 'The port reopened on Monday.']),
    ]);
    expect(rootIndex.search('What did Okonkwo-Brite say?', 1)[0]?.sentenceId).toBe('roots:1');
    expect(rootIndex.search('¿Qué restricciones hay?', 1)[0]?.sentenceId).toBe('roots:1');
    expect(rootIndex.search('¿Qué restricciones hay?', 1)[0]?.normalized).toBeLessThan(0.5);
    expect(rootIndex.unknownTerms('restricciones')).toEqual([]);
  });

  it('does not stretch a root to words that only share a short start', () => {
    const rootIndex = buildLexicalIndex([makeArticle('short', ['Officers seized the contraband at dawn.'])]);
    expect(rootIndex.search('contract', 5)).toEqual([]);
  });

  it('returns nothing for a question made only of stopwords', () => {
    expect(index.search('What did he say about it?', 5)).toEqual([]);
  });

  it('keeps every normalised score in [0, 1] and hits sorted best first, whatever the question', () => {
    const vocabulary = article.sentences.flatMap((sentence) => sentence.text.split(/\s+/)).concat(['Obama', 'US', 'troops']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }), fc.nat(10), (words, limit) => {
        const hits = index.search(words.join(' '), limit);
        expect(hits.length).toBeLessThanOrEqual(limit);
        for (const hit of hits) {
          expect(hit.normalized).toBeGreaterThan(0);
          expect(hit.normalized).toBeLessThanOrEqual(1);
        }
        const scores = hits.map((hit) => hit.score);
        expect(scores).toEqual([...scores].sort((left, right) => right - left));
      }),
      { numRuns: 100 },
    );
  });
});

describe('unknown terms', () => {
  it('reports a name the article never mentions, as written, flagged as a likely name', () => {
    expect(index.unknownTerms('What did Obama say about the cartels?')).toEqual(['Obama']);
    expect(index.unknownTermDetails('What did Obama say about the cartels?')).toEqual([
      { text: 'Obama', stem: 'obama', properNoun: true },
    ]);
  });

  it('does not report words the article uses, or reaches through WordNet', () => {
    expect(index.unknownTerms('Did Hegseth talk about soldiers and the border?')).toEqual(['talk']);
    expect(index.unknownTerms('American troops')).toEqual([]);
  });
});

describe('lexical index on disk', () => {
  it('gives identical search results after a JSON round trip', () => {
    const restored = lexicalIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    for (const query of ['soldiers near the border', 'Hegseth', 'American war', 'attack plans', 'Obama']) {
      expect(restored.search(query, 10)).toEqual(index.search(query, 10));
      expect(restored.unknownTerms(query)).toEqual(index.unknownTerms(query));
    }
  });

  it('saves what it was loaded from, unchanged (so a reloaded index saves the same file)', () => {
    const saved = JSON.stringify(index.toJSON());
    expect(JSON.stringify(lexicalIndexFromJSON(JSON.parse(saved)).toJSON())).toBe(saved);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['another format', { ...index.toJSON(), format: 'something-else' }],
    ['a posting pointing past the last sentence', { ...index.toJSON(), postings: { cartel: [99, 1] } }],
    ['a synonym pointing at a term that is not indexed', { ...index.toJSON(), synonyms: { army: [['nowhere', 0.5]] } }],
    ['sentence lengths that do not match the sentences', { ...index.toJSON(), sentenceLengths: [1] }],
  ])('refuses %s as a damaged index', (_label, data) => {
    expect(() => lexicalIndexFromJSON(data)).toThrow(VerbatimError);
    try {
      lexicalIndexFromJSON(data);
    } catch (error) {
      expect((error as VerbatimError).code).toBe('INDEX_CORRUPT');
    }
  });
});
