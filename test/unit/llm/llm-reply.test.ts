import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../src/answer/answer-engine.js';
import { labelSentences } from '../../../src/answer/llm-prompt.js';
import { checkReply, parseModelReply, type ModelReply } from '../../../src/answer/llm-reply.js';
import { buildArticle, retrieveAll } from './article-fixture.js';

const article = buildArticle();
const labelled = labelSentences({ retrieved: retrieveAll(article), articles: [article], intent: { kind: 'question' } });
const question: Intent = { kind: 'question' };

function reply(overrides: Partial<ModelReply>): ModelReply {
  return { found: true, answer: 'The vote was postponed.', claims: [], parties: [], ...overrides };
}

describe('parseModelReply', () => {
  it('reads JSON wrapped in a Markdown fence', () => {
    const parsed = parseModelReply('```json\n{"found": true, "answer": "Yes.", "claims": [], "parties": []}\n```');
    expect(parsed).toEqual({ reply: { found: true, answer: 'Yes.', claims: [], parties: [] } });
  });

  it('reports an empty reply, broken JSON and a reply of the wrong shape', () => {
    expect(parseModelReply('')).toEqual({ problem: 'empty reply' });
    expect(parseModelReply('{"found": true, "answer": ')).toHaveProperty('problem');
    expect(parseModelReply('{"answer": 3}')).toHaveProperty('problem');
  });
});

describe('checkReply', () => {
  it('keeps a claim whose labels all exist', () => {
    const checked = checkReply({ reply: reply({ claims: [{ text: 'Postponed.', sentenceIds: ['S1', 's2'] }] }), labelled, intent: question });
    expect(checked.problems).toEqual([]);
    expect(checked.claims[0]?.sentences.map((entry) => entry.sentence.id)).toEqual([article.sentences[0]?.id, article.sentences[1]?.id]);
  });

  it('drops a claim that cites a label not in the list, and says which', () => {
    const checked = checkReply({
      reply: reply({ claims: [{ text: 'Postponed.', sentenceIds: ['S1'] }, { text: 'Invented.', sentenceIds: ['S1', 'S42'] }] }),
      labelled,
      intent: question,
    });
    expect(checked.claims.map((claim) => claim.text)).toEqual(['Postponed.']);
    expect(checked.problems.join(' ')).toContain('S42');
  });

  it('drops a claim that cites nothing', () => {
    const checked = checkReply({ reply: reply({ claims: [{ text: 'Unbacked.', sentenceIds: [] }] }), labelled, intent: question });
    expect(checked.claims).toEqual([]);
    expect(checked.problems.length).toBeGreaterThan(0);
  });

  it('drops a claim quoting words its sentences do not contain', () => {
    const checked = checkReply({
      reply: reply({ claims: [{ text: 'Ruiz called it "a brave decision".', sentenceIds: ['S3'] }] }),
      labelled,
      intent: question,
    });
    expect(checked.claims).toEqual([]);
    expect(checked.problems.join(' ')).toContain('a brave decision');
  });

  it('marks an answer text that quotes words absent from the cited sentences', () => {
    const checked = checkReply({
      reply: reply({ answer: 'Ruiz called it "a brave decision".', claims: [{ text: 'Ruiz defended the delay.', sentenceIds: ['S3'] }] }),
      labelled,
      intent: question,
    });
    expect(checked.answerIsSupported).toBe(false);
    expect(checked.claims).toHaveLength(1);
  });

  it("for a quote request, drops a claim citing someone else's sentence", () => {
    const ruiz = article.parties.find((party) => party.name === 'Elena Ruiz');
    if (ruiz === undefined) throw new Error('fixture lacks Elena Ruiz');
    const checked = checkReply({
      reply: reply({ claims: [{ text: 'Ruiz on the delay.', sentenceIds: ['S3'] }, { text: 'Vidal on risk.', sentenceIds: ['S6'] }] }),
      labelled,
      intent: { kind: 'quote', speaker: ruiz, about: null },
    });
    expect(checked.claims.map((claim) => claim.text)).toEqual(['Ruiz on the delay.']);
    expect(checked.problems.join(' ')).toContain('S6');
  });

  it('with found but nothing backed, asks for a correction', () => {
    const checked = checkReply({ reply: reply({ claims: [] }), labelled, intent: question });
    expect(checked.problems).toContain('found is true but no claim cites a valid sentence.');
  });
});
