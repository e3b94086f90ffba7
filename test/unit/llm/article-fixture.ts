/**
 * A small invented article built by hand with real offsets, so the LLM engine's tests do not
 * depend on the article loader or on any particular published article.
 */
import type { Article, Party, RetrievedSentence, Sentence, Speaker } from '../../../src/core/types.js';

interface SentenceSpec {
  text: string;
  speaker?: Speaker;
}

const ruiz: Speaker = { name: 'Elena Ruiz', kind: 'person', via: 'named' };
const vidal: Speaker = { name: 'Tomás Vidal', kind: 'person', via: 'named' };
const union: Speaker = { name: 'Harlow Farmers Union', kind: 'organization', via: 'role' };

const paragraphSpecs: SentenceSpec[][] = [
  [
    { text: 'The city council postponed its vote on the Harlow river dam until next month.' },
    { text: 'Council members said they needed more time to study the costs.' },
  ],
  [
    { text: 'Mayor Elena Ruiz said the delay was "a responsible pause, not a retreat."', speaker: ruiz },
    { text: '"We will not build anything the valley cannot afford," she added.', speaker: { ...ruiz, via: 'pronoun' } },
  ],
  [
    { text: 'Engineer Tomás Vidal warned that the old levee "could fail in a wet spring."', speaker: vidal },
    { text: '"Every month of delay is a month of risk," Vidal said.', speaker: vidal },
  ],
  [
    { text: 'The Harlow Farmers Union welcomed the pause.', speaker: { ...union, via: 'named' } },
    { text: 'The union said the dam would flood "more than two thousand acres of farmland."', speaker: union },
  ],
];

const copyright = '© 2025 Riverside Gazette. All rights reserved.';

export function buildArticle(id = 'riverside-dam-vote'): Article {
  const sentences: Sentence[] = [];
  const paragraphs: Article['paragraphs'] = [];
  let text = '';
  paragraphSpecs.forEach((specs, paragraphIndex) => {
    const paragraphStart = text.length;
    specs.forEach((spec, indexInParagraph) => {
      if (indexInParagraph > 0) text += ' ';
      const start = text.length;
      text += spec.text;
      sentences.push({
        id: `${id}:${sentences.length + 1}`,
        articleId: id,
        index: sentences.length + 1,
        paragraph: paragraphIndex + 1,
        indexInParagraph: indexInParagraph + 1,
        start,
        end: text.length,
        text: spec.text,
        speaker: spec.speaker ?? null,
      });
    });
    paragraphs.push({ number: paragraphIndex + 1, start: paragraphStart, end: text.length });
    text += '\n';
  });
  const bodyEnd = text.length - 1;
  text += `${copyright}\n`;

  const partyOf = (name: string, kind: Party['kind'], aliases: string[]): Party => ({
    name,
    kind,
    aliases,
    sentenceIds: sentences.filter((sentence) => sentence.speaker?.name === name).map((sentence) => sentence.id),
  });

  return {
    meta: {
      id,
      title: 'City council delays vote on river dam',
      publisher: 'Riverside Gazette',
      url: null,
      date: '2025-03-01',
      copyright,
      path: `data/articles/${id}.txt`,
      sha256: '0'.repeat(64),
    },
    text,
    body: { start: 0, end: bodyEnd },
    paragraphs,
    sentences,
    parties: [
      partyOf('Elena Ruiz', 'person', ['Ruiz', 'Mayor Elena Ruiz']),
      partyOf('Tomás Vidal', 'person', ['Vidal', 'Engineer Tomás Vidal']),
      partyOf('Harlow Farmers Union', 'organization', ['the union']),
    ],
  };
}

/** Every sentence of the article, ranked in article order with made-up falling scores. */
export function retrieveAll(article: Article): RetrievedSentence[] {
  return article.sentences.map((sentence, position) => {
    const score = 1 - position / (article.sentences.length + 1);
    return { sentence, score, vectorScore: score, lexicalScore: score };
  });
}
