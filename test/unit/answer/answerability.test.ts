import { describe, expect, it } from 'vitest';
import { answerability, properNamesIn } from '../../../src/answer/answerability.js';
import type { RetrievedSentence, Sentence } from '../../../src/core/types.js';

const sentence = { id: 'a:1' } as Sentence;
const best = (score: number): RetrievedSentence[] => [{ sentence, score, vectorScore: score, lexicalScore: score }];
const thresholds = { minScore: 0.3, minScoreWithUnknownNames: 0.6 };

describe('answerability', () => {
  it('answers when the best sentence clears the threshold', () => {
    expect(answerability({ question: 'who said it?', retrieved: best(0.45), unknownTerms: [], thresholds }).answerable).toBe(true);
  });

  it('says "not in the article" when nothing matches well enough', () => {
    expect(answerability({ question: 'who said it?', retrieved: best(0.2), unknownTerms: [], thresholds }).answerable).toBe(false);
    expect(answerability({ question: 'who said it?', retrieved: [], unknownTerms: [], thresholds }).answerable).toBe(false);
  });

  it('asks for a much closer match when the question names someone the article never mentions', () => {
    const verdict = answerability({ question: 'What did Joe Biden say?', retrieved: best(0.45), unknownTerms: ['joe', 'biden', 'Joe', 'Biden'], thresholds });
    expect(verdict).toMatchObject({ answerable: false, unknownNames: ['Joe', 'Biden'] });
  });
});

describe('properNamesIn', () => {
  it('takes capitalised words after the first, without possessives', () => {
    expect(properNamesIn("What is Sheinbaum's position on U.S. troops?")).toEqual(['Sheinbaum', 'U.S.']);
  });
});
