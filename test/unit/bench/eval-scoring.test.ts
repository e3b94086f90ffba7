import { describe, expect, it } from 'vitest';
import type { Answer, Article, Citation } from '../../../src/core/types.js';
import { parseQuestions, scoreAnswer, summariseChecks, summariseRetrieval, type EvalQuestion } from '../../../bench/lib/eval-scoring.js';

const copyright = '© 2024 Example News. All rights reserved.';
const text = `Alpha said the bridge will close. Beta disagreed. The vote is on Friday.\n${copyright}\n`;

function sentenceSpans(source: string): Array<{ start: number; end: number }> {
  return [...source.slice(0, source.indexOf('\n')).matchAll(/[^.]+\./g)].map((match) => {
    const start = (match.index ?? 0) + (match[0].length - match[0].trimStart().length);
    return { start, end: (match.index ?? 0) + match[0].length };
  });
}

const article: Article = {
  meta: { id: 'example', title: 'Example', publisher: 'Example News', url: null, date: null, copyright, path: 'example.txt', sha256: 'x' },
  text,
  body: { start: 0, end: text.indexOf('\n') },
  paragraphs: [{ start: 0, end: text.indexOf('\n'), number: 1 }],
  sentences: sentenceSpans(text).map((span, position) => ({
    ...span,
    id: `example:${position + 1}`,
    articleId: 'example',
    index: position + 1,
    paragraph: 1,
    indexInParagraph: position + 1,
    text: text.slice(span.start, span.end),
    speaker: null,
  })),
  parties: [{ name: 'Alpha', kind: 'person', aliases: ['A. Alpha'], sentenceIds: ['example:1'] }],
};

function cite(sentenceIndex: number, overrides: Partial<Citation> = {}): Citation {
  const sentence = article.sentences[sentenceIndex];
  if (!sentence) throw new Error('no such sentence');
  return { article: 'example', sentenceId: sentence.id, paragraph: 1, start: sentence.start, end: sentence.end, text: sentence.text, speaker: null, ...overrides };
}

function answer(fields: Partial<Answer>): Answer {
  return {
    question: 'q',
    kind: 'answer',
    answer: '',
    found: true,
    citations: [],
    parties: [],
    moreAvailable: 0,
    attribution: `Source: Example News — ${copyright}`,
    engine: 'extractive',
    notice: null,
    ...fields,
  };
}

const question = (fields: Partial<EvalQuestion>): EvalQuestion => ({ id: 'x1', category: 'factoid', question: 'q', gold: [], ...fields });
const score = (evalQuestion: EvalQuestion, given: Answer) =>
  scoreAnswer({ question: evalQuestion, answer: given, articles: [article], goldArticleId: 'example', maxQuotes: 2 });

describe('scoring one answer', () => {
  it('ranks the first citation that overlaps a gold sentence', () => {
    const result = score(question({ gold: ['The vote is on Friday.'] }), answer({ citations: [cite(0), cite(2)] }));
    expect(result.rank).toBe(2);
    expect(summariseRetrieval([result])).toMatchObject({ recallAt1: 0, recallAt3: 1, mrr: 0.5 });
  });

  it('never counts a citation of another article as a hit, whatever its offsets', () => {
    const result = score(question({ gold: ['Beta disagreed.'] }), answer({ citations: [cite(1, { article: 'elsewhere' })] }));
    expect(result.rank).toBeNull();
  });

  it('tells a retyped quote and a half sentence from an exact whole sentence', () => {
    const retyped = cite(0, { text: 'Alpha said the bridge would close.' });
    const half = { ...cite(0), end: cite(0).start + 5, text: text.slice(cite(0).start, cite(0).start + 5) };
    const result = score(question({}), answer({ citations: [cite(1), retyped, half] }));
    expect(result.exactCitations).toBe(2);
    expect(result.wholeSentenceCitations).toBe(1);
    expect(result.capRespected).toBe(false);
  });

  it('requires the copyright line of the cited article in the attribution', () => {
    expect(score(question({}), answer({ citations: [cite(0)] })).attributionPresent).toBe(true);
    expect(score(question({}), answer({ citations: [cite(0)], attribution: 'Source: Example News' })).attributionPresent).toBe(false);
    expect(score(question({}), answer({ found: false, attribution: '' })).attributionPresent).toBe(false);
  });

  it('matches a named party through its aliases', () => {
    const byAlias = question({ category: 'quote', party: 'a. alpha', gold: ['Alpha said the bridge will close.'] });
    expect(score(byAlias, answer({ citations: [cite(0, { speaker: 'Alpha' })] })).partyMatched).toBe(true);
    expect(score(byAlias, answer({ citations: [cite(1, { speaker: 'Beta' })] })).partyMatched).toBe(false);
  });

  it('reports gold sentences the article does not hold', () => {
    expect(score(question({ gold: ['Gamma left.'] }), answer({})).missingGold).toEqual(['Gamma left.']);
  });
});

describe('summing the answer checks', () => {
  it('treats found=false on unanswerable questions as the positive class and leaves reproduce requests out', () => {
    const scores = [
      score(question({ id: 'u1', category: 'unanswerable' }), answer({ found: false })),
      score(question({ id: 'u2', category: 'unanswerable' }), answer({ found: true, citations: [cite(0)] })),
      score(question({ id: 'f1', gold: ['Beta disagreed.'] }), answer({ found: false })),
      score(question({ id: 'r1', category: 'reproduce' }), answer({ found: false, kind: 'declined' })),
    ];
    const checks = summariseChecks(scores);
    expect(checks.notInArticle).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
    expect(checks.reproduceDeclined).toEqual({ count: 1, total: 1 });
    expect(checks.answeredRate).toBe(0);
  });
});

describe('reading a question file', () => {
  it('parses JSON lines and names the line of a malformed record', () => {
    const lines = '{"id":"a","category":"factoid","question":"Q?","gold":["G."]}\n\n{"id":"b"}\n';
    expect(() => parseQuestions(lines, 'set.jsonl')).toThrow('set.jsonl:3');
    expect(parseQuestions(lines.split('\n')[0] ?? '', 'set.jsonl')).toEqual([{ id: 'a', category: 'factoid', question: 'Q?', gold: ['G.'] }]);
  });
});
