import { describe, expect, it } from 'vitest';
import { scoreSquadAnswer, summariseSquad } from '../../../bench/lib/squad-scoring.js';
import type { SquadQuestion } from '../../../bench/lib/squad.js';
import type { Answer } from '../../../src/core/types.js';

const question: SquadQuestion = { id: 'q1', article: 'steam', paragraph: 1, question: 'When was the engine built?', answerable: true, answers: ['1712'] };
const ranking = [
  { articleId: 'steam', text: 'Engines spread across Europe.' },
  { articleId: 'steam', text: 'Newcomen built the first engine in 1712.' },
];
const citation = (text: string) => ({ article: 'steam', sentenceId: text, paragraph: 1, start: 0, end: text.length, text, speaker: null });
const answer = (found: boolean, texts: string[]): Pick<Answer, 'found' | 'citations'> => ({ found, citations: texts.map(citation) });

describe('SQuAD scoring', () => {
  it('ranks by the variant\'s ranking, not by what the answer cites', () => {
    const score = scoreSquadAnswer(question, answer(true, ['Engines spread across Europe.']), ranking);
    expect(score.rank).toBe(2);
    expect(score.answerCited).toBe(false);
  });

  it('counts a refused question\'s ranking for recall, and its answer as not cited', () => {
    const refused = scoreSquadAnswer(question, answer(false, []), ranking);
    const cited = scoreSquadAnswer(question, answer(true, ['Newcomen built the first engine in 1712.']), ranking);
    const summary = summariseSquad([refused, cited]);
    expect(summary.recallAt3).toBe(1);
    expect(summary.recallAt1).toBe(0);
    expect(summary.answerCited).toBe(0.5);
    expect(summary.answerableRefused).toBe(0.5);
    expect(summary.citationPrecision).toBe(1);
  });
});
