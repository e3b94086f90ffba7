import { describe, expect, it } from 'vitest';
import { createExtractiveEngine } from '../../../src/answer/extractive-engine.js';
import type { RetrievedSentence } from '../../../src/core/types.js';
import { buildArticle } from '../llm/article-fixture.js';

const article = buildArticle();
// Probabilities of answering, as the fitted ranker gives them: one clear answer, then noise.
const retrieved: RetrievedSentence[] = article.sentences.map((sentence, position) => ({
  sentence,
  score: position === 0 ? 0.8 : 0.04,
  vectorScore: 0,
  lexicalScore: 0,
}));

const ask = (engine: ReturnType<typeof createExtractiveEngine>) =>
  engine.answer({ question: 'Why was the vote postponed?', intent: { kind: 'question' }, retrieved, articles: [article], maxQuotes: 5, history: [] });

describe('citations of an answer', () => {
  it('leave out sentences the ranker gives no real chance, however many slots are left', async () => {
    const answer = await ask(createExtractiveEngine({ absoluteFloor: 0.1, relativeFloor: 0.05 }));
    expect(answer.citations.map((citation) => citation.text)).toEqual([article.sentences[0]?.text]);
    expect(answer.answer).not.toContain('See also');
  });

  it('still cite the best sentence when even it is under the floor', async () => {
    const weak = retrieved.map((candidate) => ({ ...candidate, score: candidate.score / 10 }));
    const answer = await createExtractiveEngine({ absoluteFloor: 0.5, relativeFloor: 0.5 }).answer({
      question: 'Why was the vote postponed?',
      intent: { kind: 'question' },
      retrieved: weak,
      articles: [article],
      maxQuotes: 5,
      history: [],
    });
    expect(answer.citations).toHaveLength(1);
  });
});
