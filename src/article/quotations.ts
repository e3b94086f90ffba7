import type { Span } from '../core/types.js';

/**
 * Spans of double-quoted speech in a paragraph, marks included. Straight quotes are read by
 * where they stand (before a word opens, after one closes); a closing mark with no opening
 * one (a stray quote in the source) is ignored rather than flipping every later quote.
 */
export function findQuotations(text: string, paragraph: Span): Span[] {
  const quotations: Span[] = [];
  let openedAt: number | null = null;
  for (let offset = paragraph.start; offset < paragraph.end; offset += 1) {
    const mark = text.charAt(offset);
    if (mark !== '"' && mark !== '“' && mark !== '”') continue;
    const opens = mark === '“' || (mark === '"' && opensQuote(text, offset, paragraph));
    if (opens && openedAt === null) openedAt = offset;
    else if (!opens && openedAt !== null) {
      quotations.push({ start: openedAt, end: offset + 1 });
      openedAt = null;
    }
  }
  if (openedAt !== null) quotations.push({ start: openedAt, end: paragraph.end });
  return quotations;
}

function opensQuote(text: string, offset: number, paragraph: Span): boolean {
  const before = offset > paragraph.start ? text.charAt(offset - 1) : ' ';
  const after = offset + 1 < paragraph.end ? text.charAt(offset + 1) : ' ';
  if (/\s/u.test(after)) return false;
  return /[\s([{—–-]/u.test(before) || offset === paragraph.start;
}

/** `text` with every quoted character replaced by `_`, so offsets hold but quoted words are not read as narration. */
export function maskQuotations(text: string, quotations: readonly Span[]): string {
  const characters = [...text.split('')];
  for (const quotation of quotations) {
    for (let offset = quotation.start; offset < quotation.end; offset += 1) characters[offset] = '_';
  }
  return characters.join('');
}
