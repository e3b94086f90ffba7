import { describe, expect, it } from 'vitest';
import { scoreText } from '../../../bench/lib/extraction-scoring.js';

describe('scoring an extracted text against the marked article', () => {
  const expected = ['The council voted on Tuesday. It passed 5 to 2.', '“We listened,” Haddad said.'];

  it('counts sentences, not paragraphs, whichever way the lines are split', () => {
    const score = scoreText({ expected, extracted: ['The council voted on Tuesday.', 'It passed 5 to 2. “We listened,” Haddad said.'] });
    expect(score).toMatchObject({ recall: 1, precision: 1, expectedSentences: 3, extractedSentences: 3 });
  });

  it('names the sentences missed and the ones that are not the article', () => {
    const score = scoreText({ expected, extracted: ['The council voted on Tuesday.', 'Sign up for our newsletter.'] });
    expect(score.recall).toBeCloseTo(1 / 3);
    expect(score.precision).toBe(0.5);
    expect(score.missing).toEqual(['It passed 5 to 2.', '“We listened,” Haddad said.']);
    expect(score.extra).toEqual(['Sign up for our newsletter.']);
  });

  it('counts a sentence repeated by the extractor once only', () => {
    const score = scoreText({ expected: ['It passed 5 to 2.'], extracted: ['It passed 5 to 2.', 'It passed 5 to 2.'] });
    expect(score).toMatchObject({ recall: 1, precision: 0.5 });
  });
});
