import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/core/types.js';
import { segmentParagraphs, segmentSentences } from '../../../src/article/sentence-segmenter.js';

function sentencesOf(text: string): string[] {
  return segmentParagraphs(text, { start: 0, end: text.length }).flatMap((paragraph) =>
    segmentSentences(text, paragraph).map((sentence) => text.slice(sentence.start, sentence.end)),
  );
}

describe('segmentSentences on news prose', () => {
  it.each([
    ['keeps "U.S. Army" inside one sentence', 'Retired U.S. Army officer John Doe spoke. He left.', 2],
    ['keeps titles with the name that follows', 'Mr. Smith met Gen. Ruiz and Sen. Ortiz. Dr. Lee did not.', 2],
    ['keeps dates and times whole', 'It began Jan. 5 at 9 a.m. on a Monday. Nobody came.', 2],
    ['keeps initials with the surname', 'George W. Bush and J. R. Smith spoke. They agreed.', 2],
    ['keeps a possessive outlet name whole', "Speaking to Fox News' Laura Ingraham, he said no. She nodded.", 2],
    ['keeps an ellipsis followed by lowercase inside the sentence', 'Trump "has been clear that a strike... is coming." Then he left.', 2],
    ['keeps a curly ellipsis inside the sentence', 'She said “a deal… is close” today. It was not.', 2],
    ['splits after "U.S." when a new sentence starts', 'Troops stayed in the U.S. The president said so.', 2],
    ['splits a paragraph of several quoted sentences', '"We see them. We know them. We watch them," he added.', 3],
    ['keeps a question inside a quote with its attribution', '"Why now?" she asked. Nobody answered.', 2],
    ['keeps a lowercase attribution after an exclamation', '\u201cStop!\u201d he shouted at the crowd. They stopped.', 2],
    ['splits after a closing single quote', "He wrote 'Enough!' Then he left.", 2],
    ['treats a lowercase "no." as the end of a sentence', 'He said no. The talks ended.', 2],
    ['keeps "No. 5" whole', 'It ranked No. 5 in the poll. Few cared.', 2],
    ['does not split decimals or domains', 'Growth hit 3.5 percent, per example.com data. Markets rose.', 2],
  ])('%s', (_name, text, expected) => {
    expect(sentencesOf(text)).toHaveLength(expected);
  });

  it('splits a stray closing quote from the next quoted sentence, each keeping its marks', () => {
    const text = '"I can\'t say," the official claimed about a drone attack." "We\'re not standing still."';
    expect(sentencesOf(text)).toEqual([
      '"I can\'t say," the official claimed about a drone attack."',
      '"We\'re not standing still."',
    ]);
  });

  it('ends sentences at ?" and ." and !\'', () => {
    expect(sentencesOf('Is it over?" Yes. "It is." No! \'Never!\' Fine.')).toEqual([
      'Is it over?"',
      'Yes.',
      '"It is."',
      'No!',
      "'Never!'",
      'Fine.',
    ]);
  });
});

describe('segmentParagraphs', () => {
  it('makes one paragraph per non-blank line, for \\n and \\r\\n alike', () => {
    const text = '\nFirst one.\r\n\r\n  Second one.  \nThird.\n';
    const paragraphs = segmentParagraphs(text, { start: 0, end: text.length });
    expect(paragraphs.map((paragraph) => text.slice(paragraph.start, paragraph.end))).toEqual([
      'First one.',
      'Second one.',
      'Third.',
    ]);
    expect(paragraphs.map((paragraph) => paragraph.number)).toEqual([1, 2, 3]);
  });

  it('only looks inside the body span', () => {
    const text = 'Title\nBody text.\n© 2025 Someone.';
    const paragraphs = segmentParagraphs(text, { start: 6, end: 16 });
    expect(paragraphs).toEqual([{ start: 6, end: 16, number: 1 }]);
  });
});

const capitalised = ['Officials', 'Maria', 'José', 'Zürich', 'Analysts', 'Residents', 'Ángela', 'Troops'];
const plainWords = ['spoke', 'the', 'plan', 'was', 'naïve', 'café', 'strikes', 'ruled', 'out', 'over', 'états', '🙂', '42', 'well'];
const trickyPieces = [
  'U.S. Army',
  'Mr. Smith',
  'Gen. Ruiz',
  'Sen. Ortiz',
  'Jan. 5',
  'at 9 a.m. on',
  'the U.S. military',
  'George W. Bush',
  "Fox News' Laura Ingraham",
  '"a strike... is coming"',
  '“a deal… is close”',
  '"not a tactic,"',
  '3.5 percent',
  'No. 5',
];
const finalWords = ['today', 'forces', 'Mexico', 'anymore', 'agreement', 'señor', 'it'];
const quotePairs = [['', ''], ['"', '"'], ['“', '”'], ["'", "'"], ['‘', '’']] as const;

const sentenceArbitrary = fc
  .record({
    first: fc.constantFrom(...capitalised),
    middle: fc.array(fc.oneof(fc.constantFrom(...plainWords), fc.constantFrom(...trickyPieces)), { maxLength: 10 }),
    last: fc.constantFrom(...finalWords),
    terminal: fc.constantFrom('.', '?', '!', '...', '…'),
    quotes: fc.constantFrom(...quotePairs),
  })
  .map(({ first, middle, last, terminal, quotes }) => {
    const words = [first, ...middle, last].join(' ');
    return `${quotes[0]}${words}${terminal}${quotes[1]}`;
  });

const spaceArbitrary = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \u2003');
const lineBreakArbitrary = fc.constantFrom('\n', '\r\n', '\n\n', '\n \n', '\r\n\r\n');

/** Paragraphs of known sentences joined with odd whitespace. */
const knownArticleArbitrary = fc
  .array(fc.array(fc.tuple(sentenceArbitrary, spaceArbitrary), { minLength: 1, maxLength: 5 }), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((paragraphs) =>
    fc.tuple(fc.constant(paragraphs), fc.array(lineBreakArbitrary, { minLength: paragraphs.length, maxLength: paragraphs.length })),
  );

/** Anything article-like: tokens that stress punctuation, quotes, unicode and whitespace. */
const messyTextArbitrary = fc
  .array(
    fc.oneof(
      fc.constantFrom(...capitalised, ...plainWords, ...trickyPieces),
      fc.constantFrom('.', '?', '!', '…', '...', '"', '“', '”', "'", '’', ',', '—', '(', ')'),
      fc.constantFrom(' ', '  ', '\t', '\u00a0', '\n', '\r\n', '\n\n', 'U.S.', 'a.m.', 'Mr.', 'B.', 'e.g.'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 80 },
  )
  .map((tokens) => tokens.join(''));

function checkInvariants(text: string): void {
  const paragraphs = segmentParagraphs(text, { start: 0, end: text.length });
  let previousEnd = 0;
  for (const paragraph of paragraphs) {
    const sentences = segmentSentences(text, paragraph);
    const covered = new Set<number>();
    for (const sentence of sentences) {
      const sentenceText = text.slice(sentence.start, sentence.end);
      expect(sentenceText.length).toBeGreaterThan(0);
      expect(sentenceText).toBe(sentenceText.trim());
      expect(sentence.start).toBeGreaterThanOrEqual(Math.max(previousEnd, paragraph.start));
      expect(sentence.end).toBeLessThanOrEqual(paragraph.end);
      previousEnd = sentence.end;
      for (let offset = sentence.start; offset < sentence.end; offset += 1) covered.add(offset);
    }
    for (let offset = paragraph.start; offset < paragraph.end; offset += 1) {
      if (!/\s/u.test(text.charAt(offset))) expect(covered.has(offset)).toBe(true);
    }
  }
  const paragraphText = (span: Span) => text.slice(span.start, span.end);
  expect(paragraphs.map(paragraphText).join('\n')).not.toMatch(/^\s|\s$/u);
}

describe('segmentation properties', () => {
  it('every sentence is a trimmed, ordered, non-overlapping slice that tiles its paragraph', () => {
    fc.assert(fc.property(messyTextArbitrary, checkInvariants), { numRuns: 500 });
  });

  it('keeps the invariants on articles built from known sentences', () => {
    fc.assert(
      fc.property(knownArticleArbitrary, ([paragraphs, breaks]) => {
        const text = paragraphs.map((sentences, index) => sentences.map(([sentence, space]) => sentence + space).join('') + breaks[index]).join('');
        checkInvariants(text);
      }),
      { numRuns: 300 },
    );
  });

  it('recovers exactly the sentences an article was built from', () => {
    fc.assert(
      fc.property(knownArticleArbitrary, ([paragraphs, breaks]) => {
        const text = paragraphs
          .map((sentences, index) => sentences.map(([sentence, space]) => sentence + space).join('') + breaks[index])
          .join('');
        expect(sentencesOf(text)).toEqual(paragraphs.flat().map(([sentence]) => sentence));
      }),
      { numRuns: 300 },
    );
  });
});
