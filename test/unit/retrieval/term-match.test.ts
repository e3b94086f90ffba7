import { describe, expect, it } from 'vitest';
import { contentStems, phraseMatch, questionTerms, weightedCoverage } from '../../../src/retrieval/term-match.js';

describe('phrase matches between a question and a sentence', () => {
  const question = questionTerms('Who was the first emperor of the dynasty?');

  it('scores a sentence that repeats the question\'s phrase above one that scatters its words', () => {
    const phrase = phraseMatch(question, contentStems('Kublai was the first emperor of the dynasty and ruled from Dadu.'));
    const scattered = phraseMatch(question, contentStems('The dynasty had an emperor who was never the first to rule the north.'));
    expect(phrase.longestRun).toBeGreaterThan(scattered.longestRun);
    expect(phrase.bigramShare).toBeGreaterThan(scattered.bigramShare);
    expect(phrase.density).toBeGreaterThan(scattered.density);
  });

  it('counts the words a sentence holds besides the question\'s, where an answer can be', () => {
    expect(phraseMatch(question, contentStems('The first emperor of the dynasty.')).novelWords).toBe(0);
    expect(phraseMatch(question, contentStems('Kublai was the first emperor of the dynasty.')).novelWords).toBe(1);
  });

  it('weighs coverage by each word\'s weight', () => {
    const terms = questionTerms('dynasty emperor');
    expect(weightedCoverage(terms, [3, 1], new Set(contentStems('the dynasty')))).toBeCloseTo(0.75);
    expect(weightedCoverage(terms, [3, 1], new Set())).toBe(0);
  });
});
