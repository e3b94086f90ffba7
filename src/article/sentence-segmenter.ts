import type { Paragraph, Span } from '../core/types.js';
import {
  continuingAbbreviations,
  numberedAbbreviations,
  sentenceOpeners,
  terminalCapableAbbreviations,
} from './abbreviations.js';

/** A run of sentence-ending marks with any quotes or brackets that close right after them. */
const terminalRun = /(?:[.?!…]+)([”’"'»)\]]*)/gu;
const lineBreak = /\r\n|\r|\n/g;
/** Characters that may open the next sentence before its first letter. */
const openingMarks = /^[“‘"'«([—–-]*/u;
/** The word glued to a period, dots included, so "U.S." gives "U.S". */
const wordBeforePeriod = /[\p{L}\p{N}'’&.-]*$/u;
/** "?" or "!" inside a quote followed by "Name said" is one sentence: `"Why?" Smith asked.` */
const attributionAfterQuote =
  /^(?:\p{Lu}[\p{L}'’.-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|shouted|replied|wrote|tweeted|posted)\b/u;

/** Non-blank lines of the body, trimmed; one or more line breaks separate paragraphs. */
export function segmentParagraphs(text: string, body: Span): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const region = text.slice(body.start, body.end);
  let lineStart = 0;
  const addLine = (lineEnd: number) => {
    const span = trimSpan(text, { start: body.start + lineStart, end: body.start + lineEnd });
    if (span) paragraphs.push({ ...span, number: paragraphs.length + 1 });
  };
  for (const match of region.matchAll(lineBreak)) {
    addLine(match.index);
    lineStart = match.index + match[0].length;
  }
  addLine(region.length);
  return paragraphs;
}

/**
 * Sentences of one paragraph as trimmed spans into `text`. Together they cover every
 * non-whitespace character of the paragraph, in order, without overlap.
 */
export function segmentSentences(text: string, paragraph: Span): Span[] {
  const region = text.slice(paragraph.start, paragraph.end);
  const sentences: Span[] = [];
  let sentenceStart = 0;
  for (const match of region.matchAll(terminalRun)) {
    const runEnd = match.index + match[0].length;
    if (!endsSentence(region, match.index, runEnd, match[1] ?? '')) continue;
    const span = trimSpan(text, { start: paragraph.start + sentenceStart, end: paragraph.start + runEnd });
    if (span) sentences.push(span);
    sentenceStart = runEnd;
  }
  const last = trimSpan(text, { start: paragraph.start + sentenceStart, end: paragraph.end });
  if (last) sentences.push(last);
  return sentences;
}

function endsSentence(region: string, runStart: number, runEnd: number, closers: string): boolean {
  const following = region.slice(runEnd);
  // Marks glued to the next word ("3.5", "example.com", `."We`) never end a sentence.
  if (following.length > 0 && !/^\s/u.test(following)) return false;
  const next = following.trimStart();
  if (next.length === 0) return true;
  const firstLetter = next.slice(openingMarks.exec(next)?.[0].length ?? 0).charAt(0);
  // Lowercase after the marks continues the sentence: "a strike... is coming", "at 9 a.m. on".
  if (/\p{Ll}/u.test(firstLetter)) return false;

  const marks = region.slice(runStart, runEnd - closers.length);
  if (/[?!]$/u.test(marks) && closers !== '' && attributionAfterQuote.test(next)) return false;
  if (marks !== '.') return true;
  if (closers !== '') return true;
  return !isAbbreviationBefore(region.slice(0, runStart), next);
}

/** Whether the period at the end of `before` belongs to an abbreviation that does not end the sentence. */
function isAbbreviationBefore(before: string, next: string): boolean {
  const word = (wordBeforePeriod.exec(before)?.[0] ?? '').replace(/^['’.-]+/u, '');
  const lower = word.toLowerCase();
  // "Gen." and "Jan." are capitalised; a lowercase "gen." is an ordinary word ending a sentence.
  if (continuingAbbreviations.has(lower) && (/^\p{Lu}/u.test(word) || lowercaseAbbreviations.has(lower))) return true;
  if (numberedAbbreviations.has(lower)) return /^\p{N}/u.test(next);
  const isInitialism = /^\p{L}(?:\.\p{L})+$/u.test(word) || /^\p{Lu}$/u.test(word);
  if (isInitialism || terminalCapableAbbreviations.has(lower)) return !opensSentence(next);
  return false;
}

/** A capitalised opener ("The", "He") or a quotation after an abbreviation means a new sentence. */
function opensSentence(next: string): boolean {
  if (/^[“"‘«]/u.test(next)) return true;
  const firstWord = /^[\p{L}'’]+/u.exec(next)?.[0] ?? '';
  return sentenceOpeners.has(firstWord.toLowerCase().replace(/['’].*$/u, ''));
}

const lowercaseAbbreviations: ReadonlySet<string> = new Set(['vs', 'v', 'approx', 'e.g', 'i.e', 'cf']);

/** The span without surrounding whitespace, or null when nothing but whitespace is left. */
export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/u.test(text.charAt(start))) start += 1;
  while (end > start && /\s/u.test(text.charAt(end - 1))) end -= 1;
  return start < end ? { start, end } : null;
}
