import { describe, expect, it } from 'vitest';
import { answerability, answerabilityFeatureNames, modelAnswerability, properNamesIn, unknownPersonAskedAbout, type AnswerabilityInput } from '../../../src/answer/answerability.js';
import { rankingFeatureNames } from '../../../src/retrieval/ranking-features.js';
import type { Party, RetrievedSentence, Sentence } from '../../../src/core/types.js';

const articleText = 'Mayor Dana Whitfield backed the plan on Tuesday. Reporter Sam Ford asked about costs.';
const whitfield: Party = { name: 'Dana Whitfield', kind: 'person', aliases: ['Whitfield'], sentenceIds: ['a:1'] };
const retrieved = (score: number, text = 'Mayor Dana Whitfield backed the plan.'): RetrievedSentence[] => [
  { sentence: { id: 'a:1', text } as Sentence, score, vectorScore: score, lexicalScore: score },
];
const thresholds = { minScore: 0.3, minScoreWithUnknownNames: 0.6, unfamiliarShare: 1 / 3, minVectorWhenUnfamiliar: 0.45 };
const judge = (input: Partial<AnswerabilityInput> & Pick<AnswerabilityInput, 'question' | 'retrieved'>) =>
  answerability({ unknownTerms: [], parties: [whitfield], articleTexts: [articleText], thresholds, ...input });

describe('answerability', () => {
  it('answers when the best sentence clears the threshold', () => {
    expect(judge({ question: 'Who backed the plan?', retrieved: retrieved(0.45) }).answerable).toBe(true);
  });

  it('says "not in the article" when nothing matches well enough', () => {
    expect(judge({ question: 'Who backed the plan?', retrieved: retrieved(0.2) })).toMatchObject({ answerable: false, reason: 'weak-match' });
    expect(judge({ question: 'Who backed the plan?', retrieved: [] }).answerable).toBe(false);
  });

  it('asks for a closer match when the question names a place the article never mentions', () => {
    const verdict = judge({ question: 'What is the capital of France?', retrieved: retrieved(0.45), unknownTerms: ['France'] });
    expect(verdict).toMatchObject({ answerable: false, reason: 'weak-match' });
  });

  it('refuses a question about a person the article never mentions, however well the topic matches', () => {
    const verdict = judge({ question: 'What did Joe Biden say about the plan?', retrieved: retrieved(0.9), unknownTerms: ['Joe', 'Biden'] });
    expect(verdict).toMatchObject({ answerable: false, reason: 'unknown-person', person: 'Joe Biden' });
  });

  it('refuses a quote or the position of a person the article never mentions, however it is asked', () => {
    for (const question of ['Give me a quote from Harriet Quill.', "What was Harriet Quill's position?"]) {
      expect(judge({ question, retrieved: retrieved(0.9), unknownTerms: ['Harriet', 'Quill'] })).toMatchObject({ answerable: false, reason: 'unknown-person' });
    }
  });

  it('takes a namesake for someone the article never mentions ("Daniel Whitfield" is not "Dana Whitfield")', () => {
    expect(judge({ question: 'What did Daniel Whitfield say about the plan?', retrieved: retrieved(0.9) })).toMatchObject({ answerable: false, reason: 'unknown-person' });
    expect(judge({ question: 'What did Dana Whitfield say about the plan?', retrieved: retrieved(0.9) }).answerable).toBe(true);
    expect(judge({ question: 'What did Whitfield say about the plan?', retrieved: retrieved(0.9) }).answerable).toBe(true);
    // A first name no dictionary lists is someone's first name all the same.
    expect(judge({ question: 'What did Ravi Whitfield say about the plan?', retrieved: retrieved(0.9) })).toMatchObject({ answerable: false, reason: 'unknown-person' });
    expect(judge({ question: 'What did Mayor Whitfield say about the plan?', retrieved: retrieved(0.9) }).answerable).toBe(true);
  });

  it('takes a namesake for someone else when the articles write the surname only after first names no dictionary lists', () => {
    const articleTexts = ['Folasade Adeyemi, a spokeswoman for the utility, said repairs would take a week. Adeyemi did not respond to further questions.'];
    expect(unknownPersonAskedAbout({ question: 'What did Ikechukwu Adeyemi say?', unknownTerms: [], articleTexts })).toBe('Ikechukwu Adeyemi');
    expect(unknownPersonAskedAbout({ question: 'What did Folasade Adeyemi say?', unknownTerms: [], articleTexts })).toBeNull();
    expect(unknownPersonAskedAbout({ question: 'What did Adeyemi say?', unknownTerms: [], articleTexts })).toBeNull();
  });

  it('refuses to report the views of a person the article mentions but never quotes', () => {
    const verdict = judge({ question: 'What does Sam Ford think about the plan?', retrieved: retrieved(0.9) });
    expect(verdict).toMatchObject({ answerable: false, reason: 'person-not-quoted' });
    expect(judge({ question: 'What does Dana Whitfield think about the plan?', retrieved: retrieved(0.9) }).answerable).toBe(true);
  });

  it('asks a question made largely of words foreign to the article to match in meaning', () => {
    const foreign = { question: 'Where was the mayor born?', unknownTerms: ['born'], contentTermCount: 2 };
    expect(judge({ ...foreign, retrieved: retrieved(0.4) })).toMatchObject({ answerable: false, reason: 'weak-match' });
    const paraphrase = { question: 'Did the mayor endorse the scheme?', unknownTerms: ['endorse'], contentTermCount: 3 };
    expect(judge({ ...paraphrase, retrieved: [{ ...retrieved(0.5)[0]!, vectorScore: 0.6 }] }).answerable).toBe(true);
  });

  it('refuses a question about someone of a nationality the article never mentions', () => {
    const verdict = judge({ question: 'What did the Canadian prime minister say about the plan?', retrieved: retrieved(0.9), unknownTerms: ['Canadian'] });
    expect(verdict).toMatchObject({ answerable: false, reason: 'unknown-person' });
  });

  it('refuses "what is the X of …" when the article never uses X', () => {
    const verdict = judge({ question: 'What is the population of the town?', retrieved: retrieved(0.9), unknownTerms: ['population'] });
    expect(verdict).toMatchObject({ answerable: false, reason: 'unknown-subject' });
    expect(judge({ question: 'What is the cost of the plan?', retrieved: retrieved(0.9, 'The plan will cost $40 million.') }).answerable).toBe(true);
  });

  it('needs a number among the best sentences for "how many" and a time for "when"', () => {
    expect(judge({ question: 'How many jobs will the plan create?', retrieved: retrieved(0.9) }).reason).toBe('no-answer-of-that-kind');
    expect(judge({ question: 'How many jobs will the plan create?', retrieved: retrieved(0.9, 'It will create 600 jobs.') }).answerable).toBe(true);
    expect(judge({ question: 'When did the mayor back the plan?', retrieved: retrieved(0.9, 'She backed it on Tuesday.') }).answerable).toBe(true);
  });
});

describe('properNamesIn', () => {
  it('takes capitalised words after the first, without possessives', () => {
    expect(properNamesIn("What is Sheinbaum's position on U.S. troops?")).toEqual(['Sheinbaum', 'U.S.']);
  });
});

describe('answer kinds', () => {
  const ask = (question: string, text: string) => judge({ question, retrieved: retrieved(0.9, text) }).answerable;

  it('counts a quantity only when it counts what the question asks about', () => {
    expect(ask('How many meetings were held?', 'There have been several meetings on the plan.')).toBe(true);
    expect(ask('How many drones were bought?', 'There have been several meetings on drone strikes.')).toBe(false);
    expect(ask('How many jobs will it create?', 'The project would create 600 new jobs.')).toBe(true);
  });
});

describe('the fitted answerability model', () => {
  const names = [...answerabilityFeatureNames];
  // A model that doubts every question: only the bias speaks, and it says "not answerable".
  const doubtful = { featureNames: names, mean: names.map(() => 0), scale: names.map(() => 1), weights: names.map(() => 0), bias: -3, threshold: 0.5 };
  const confident = { ...doubtful, bias: 3 };
  const candidate = (hybrid: number, text: string): RetrievedSentence => {
    const features = rankingFeatureNames.map((name) => (name === 'hybrid_score' ? hybrid : 0));
    return { sentence: { id: 'a:1', text } as Sentence, score: 0.1, vectorScore: 0.6, lexicalScore: hybrid, features };
  };
  const evidence = (hybrid: number) => ({
    question: 'Did the mayor endorse the scheme?',
    retrieved: [candidate(hybrid, 'Mayor Dana Whitfield backed the plan on Tuesday.')],
    unknownTerms: [],
    contentTermCount: 3,
    parties: [whitfield],
    articleTexts: [articleText],
    thresholds,
  });

  it('answers a question it doubts when the old rules find a strong enough match (neither refuses alone)', () => {
    expect(modelAnswerability(evidence(0.8), doubtful).answerable).toBe(true);
  });

  it('says "not in the article" when it doubts the question and nothing matches well either', () => {
    expect(modelAnswerability(evidence(0.05), doubtful)).toMatchObject({ answerable: false });
  });

  it('answers when it is confident, whatever the rules would have said', () => {
    expect(modelAnswerability(evidence(0.05), confident).answerable).toBe(true);
  });
});
