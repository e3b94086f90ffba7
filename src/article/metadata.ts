import type { Span } from '../core/types.js';
import { trimSpan } from './sentence-segmenter.js';

/** Metadata a sidecar `<article>.json` may give; each field overrides what is derived from the text. */
export interface ArticleSidecar {
  title: string;
  publisher: string;
  url: string | null;
  date: string | null;
  copyright: string;
  byline: string | null;
}

export interface ArticleLayout {
  /** The content region: no headline, no copyright line, no surrounding blank lines. */
  body: Span;
  /** The trailing copyright line, verbatim, or '' when the file has none. */
  copyright: string;
  /** A leading headline line, when the file starts with one. */
  headline: string | null;
}

export const unknownPublisher = 'Unknown publisher';
const titleLimit = 100;
const copyrightLine = /^(?:©|\(c\)|copyright\b)/iu;
/** A headline is one short line that does not end like a sentence. */
const headlineMaxLength = 150;
const sentenceEnding = /[.?!…:;,]["”’')\]]*$/u;

interface Line extends Span {
  text: string;
}

function nonBlankLines(text: string): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  for (const match of `${text}\n`.matchAll(/\r\n|\r|\n/g)) {
    const span = trimSpan(text, { start: lineStart, end: match.index });
    if (span) lines.push({ ...span, text: text.slice(span.start, span.end) });
    lineStart = match.index + match[0].length;
  }
  return lines;
}

/** Finds the headline, the body and the copyright line of an article file's text. */
export function layoutArticle(text: string): ArticleLayout {
  const lines = nonBlankLines(text);
  const lastLine = lines.at(-1);
  const hasCopyright = lastLine !== undefined && copyrightLine.test(lastLine.text);
  const contentLines = hasCopyright ? lines.slice(0, -1) : lines;
  const firstLine = contentLines[0];
  const hasHeadline =
    firstLine !== undefined &&
    contentLines.length > 1 &&
    firstLine.text.length <= headlineMaxLength &&
    !sentenceEnding.test(firstLine.text);
  const bodyLines = hasHeadline ? contentLines.slice(1) : contentLines;
  const fallbackOffset = lastLine && hasCopyright ? lastLine.start : text.length;
  const body = {
    start: bodyLines[0]?.start ?? fallbackOffset,
    end: bodyLines.at(-1)?.end ?? fallbackOffset,
  };
  return {
    body,
    copyright: hasCopyright ? lastLine.text : '',
    headline: hasHeadline ? firstLine.text : null,
  };
}

/** "© 2025 Latin Times. All rights reserved." → "Latin Times". */
export function publisherFromCopyright(copyright: string): string {
  const withoutMarks = copyright
    .replace(/^(?:\s*(?:©|\(c\)|copyright\b)\s*)+/iu, '')
    .replace(/^(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s,]*)+/u, '')
    .replace(/^(?:\s*(?:©|\(c\)|by)\s+)+/iu, '');
  const name = /^(.+?)(?:[.,;]\s|[.,;]?$|\s+all rights)/iu.exec(withoutMarks)?.[1]?.trim() ?? '';
  return name === '' ? unknownPublisher : name;
}

/** A title from the first sentence, cut at a word boundary so that it stays short. */
export function titleFromSentence(sentence: string): string {
  if (sentence.length <= titleLimit) return sentence;
  const room = sentence.slice(0, titleLimit - 1);
  const cut = room.slice(0, Math.max(room.lastIndexOf(' '), 1)).replace(/[\s,;:—–-]+$/u, '');
  return `${cut}…`;
}
