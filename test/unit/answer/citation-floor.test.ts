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

  it('quote one article: another article\'s sentence only when it answers about as well as the best', async () => {
    const other = buildArticle('harbour-vote-elsewhere');
    const [first, second] = article.sentences;
    const [elsewhere] = other.sentences;
    const candidates = (otherScore: number): RetrievedSentence[] => [
      { sentence: first!, score: 0.5, vectorScore: 0, lexicalScore: 0 },
      { sentence: elsewhere!, score: otherScore, vectorScore: 0, lexicalScore: 0 },
      { sentence: second!, score: 0.35, vectorScore: 0, lexicalScore: 0 },
    ];
    const engine = createExtractiveEngine({ absoluteFloor: 0.1, relativeFloor: 0.6 });
    const citedArticles = async (otherScore: number) =>
      (await engine.answer({ question: 'Why was the vote postponed?', intent: { kind: 'question' }, retrieved: candidates(otherScore), articles: [article, other], maxQuotes: 5, history: [] })).citations.map(
        (citation) => citation.article,
      );
    expect(await citedArticles(0.4)).toEqual([article.meta.id, article.meta.id]);
    expect(await citedArticles(0.48)).toEqual([article.meta.id, other.meta.id, article.meta.id]);
  });
});
