import { createHash } from 'node:crypto';
import type { Article, Paragraph, Party, Sentence, Speaker } from '../../../src/core/types.js';

export interface SentenceSpec {
  text: string;
  speaker?: Speaker;
}

export interface ArticleSpec {
  id: string;
  /** Each paragraph is a list of sentences, joined with one space. */
  paragraphs: ReadonlyArray<ReadonlyArray<SentenceSpec | string>>;
  parties?: Party[];
  copyright?: string;
}

/** A hand-made Article with exact offsets, standing in for the article loader in unit tests. */
export function makeArticle({ id, paragraphs, parties = [], copyright = '© 2025 Example News.' }: ArticleSpec): Article {
  let text = `Headline of ${id}\n\n`;
  const bodyStart = text.length;
  const paragraphSpans: Paragraph[] = [];
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraphSentences, paragraphIndex) => {
    if (paragraphIndex > 0) text += '\n';
    const paragraphStart = text.length;
    paragraphSentences.forEach((spec, sentenceIndex) => {
      const { text: sentenceText, speaker = null } = typeof spec === 'string' ? { text: spec } : spec;
      if (sentenceIndex > 0) text += ' ';
      const start = text.length;
      text += sentenceText;
      const index = sentences.length + 1;
      sentences.push({
        id: `${id}:${index}`,
        articleId: id,
        index,
        paragraph: paragraphIndex + 1,
        indexInParagraph: sentenceIndex + 1,
        start,
        end: text.length,
        text: sentenceText,
        speaker,
      });
    });
    paragraphSpans.push({ number: paragraphIndex + 1, start: paragraphStart, end: text.length });
  });
  const bodyEnd = text.length;
  text += `\n${copyright}`;
  return {
    meta: {
      id,
      title: `Headline of ${id}`,
      publisher: 'Example News',
      url: null,
      date: null,
      copyright,
      path: `articles/${id}.txt`,
      sha256: createHash('sha256').update(text).digest('hex'),
    },
    text,
    body: { start: bodyStart, end: bodyEnd },
    paragraphs: paragraphSpans,
    sentences,
    parties,
  };
}
