import type { Article, Sentence, Speaker } from '../../../src/core/types.js';

export interface SentenceSpec {
  text: string;
  speaker?: string;
}

/**
 * A one-paragraph article made of the given sentences, with offsets found by `indexOf`, so
 * every sentence is `text.slice(start, end)` as the real loader guarantees.
 */
export function makeArticle(id: string, specs: ReadonlyArray<string | SentenceSpec>): Article {
  const normalized = specs.map((spec) => (typeof spec === 'string' ? { text: spec } : spec));
  const body = normalized.map((spec) => spec.text).join(' ');
  const copyright = '© 2025 Test Publisher. All rights reserved.';
  const text = `${body}\n${copyright}`;
  let searchFrom = 0;
  const sentences: Sentence[] = normalized.map((spec, position) => {
    const start = text.indexOf(spec.text, searchFrom);
    const end = start + spec.text.length;
    searchFrom = end;
    const speaker: Speaker | null = spec.speaker ? { name: spec.speaker, kind: 'person', via: 'pronoun' } : null;
    return {
      id: `${id}:${position + 1}`,
      articleId: id,
      index: position + 1,
      paragraph: 1,
      indexInParagraph: position + 1,
      start,
      end,
      text: spec.text,
      speaker,
    };
  });
  return {
    meta: {
      id,
      title: normalized[0]?.text ?? '',
      publisher: 'Test Publisher',
      url: null,
      date: null,
      copyright,
      path: `${id}.txt`,
      sha256: '0'.repeat(64),
    },
    text,
    body: { start: 0, end: body.length },
    paragraphs: [{ number: 1, start: 0, end: body.length }],
    sentences,
    parties: [],
  };
}
