import { describe, expect, it } from 'vitest';
import type { EngineInput } from '../../../src/answer/answer-engine.js';
import { buildMessages, labelSentences } from '../../../src/answer/llm-prompt.js';
import { buildArticle, retrieveAll } from './article-fixture.js';

const article = buildArticle();
const vidal = article.parties.find((party) => party.name === 'Tomás Vidal');
if (vidal === undefined) throw new Error('fixture lacks Tomás Vidal');
const firstOnly = retrieveAll(article).slice(0, 1);

function input(overrides: Partial<EngineInput>): EngineInput {
  return { question: 'What happened?', intent: { kind: 'question' }, retrieved: firstOnly, articles: [article], maxQuotes: 5, history: [], ...overrides };
}

describe('labelSentences', () => {
  it('labels only the retrieved sentences for a plain question', () => {
    expect(labelSentences(input({})).map((entry) => entry.label)).toEqual(['S1']);
  });

  it("adds the speaker's statements retrieval missed to a quote request", () => {
    const labelled = labelSentences(input({ intent: { kind: 'quote', speaker: vidal, about: null } }));
    expect(labelled.map((entry) => entry.sentence.id)).toEqual([article.sentences[0]?.id, ...vidal.sentenceIds]);
  });
});

describe('buildMessages', () => {
  it('asks for the answer in the language of the question and lists the sentences with speaker and paragraph', () => {
    const source = input({ question: '¿Qué pasó con la votación?' });
    const messages = buildMessages({ input: source, labelled: labelSentences(source), language: 'spa' });
    expect(messages[0]?.content).toContain('in Spanish');
    expect(messages[1]?.content).toContain(`S1 (¶1, speaker: none): ${article.sentences[0]?.text}`);
  });

  it('passes earlier questions of the conversation along', () => {
    const source = input({ history: ['Who is the mayor?'] });
    const messages = buildMessages({ input: source, labelled: labelSentences(source), language: null });
    expect(messages[1]?.content).toContain('- Who is the mayor?');
  });
});
