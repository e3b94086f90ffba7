import type { Answer, Citation } from '../core/types.js';

export interface TerminalStyle {
  /** Wrap ANSI emphasis around labels; off when stdout is not a terminal. */
  color: boolean;
  /** Titles of the articles by id, to name a citation's source when there are several. */
  titles?: ReadonlyMap<string, string>;
}

const bold = (text: string, style: TerminalStyle) => (style.color ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string, style: TerminalStyle) => (style.color ? `\u001b[2m${text}\u001b[22m` : text);

/** An answer for people at a terminal: the answer, numbered quotes with ¶, the attribution. */
export function renderAnswerForTerminal(answer: Answer, style: TerminalStyle): string {
  const lines: string[] = [answer.answer, ''];
  if (answer.kind === 'summary' && answer.parties.length > 0) {
    let number = 0;
    for (const position of answer.parties) {
      lines.push(bold(position.party, style), dim(position.summary, style));
      for (const citation of position.citations) lines.push(...quoteLines((number += 1), citation, style));
      lines.push('');
    }
  } else if (answer.citations.length > 0) {
    answer.citations.forEach((citation, index) => lines.push(...quoteLines(index + 1, citation, style)));
    lines.push('');
  }
  if (answer.moreAvailable > 0) lines.push(dim(`(${answer.moreAvailable} more relevant sentence${answer.moreAvailable === 1 ? '' : 's'} not shown)`, style));
  if (answer.notice) lines.push(dim(`Note: ${answer.notice}`, style));
  lines.push(dim(answer.attribution, style));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

function quoteLines(number: number, citation: Citation, style: TerminalStyle): string[] {
  const source = style.titles && style.titles.size > 1 ? `, ${style.titles.get(citation.article) ?? citation.article}` : '';
  const speaker = citation.speaker ? ` — ${citation.speaker}` : '';
  return [`[${number}] “${citation.text}”`, dim(`    ¶${citation.paragraph}${speaker}${source}`, style)];
}

/** The machine-readable answer: the documented JSON object, one per question. */
export function answerToJson(answer: Answer): Record<string, unknown> {
  return {
    question: answer.question,
    answer: answer.answer,
    found: answer.found,
    kind: answer.kind,
    citations: answer.citations.map((citation) => ({
      article: citation.article,
      sentenceId: citation.sentenceId,
      paragraph: citation.paragraph,
      start: citation.start,
      end: citation.end,
      text: citation.text,
      speaker: citation.speaker,
    })),
    ...(answer.parties.length > 0
      ? { parties: answer.parties.map((position) => ({ party: position.party, summary: position.summary, sentenceIds: position.citations.map((citation) => citation.sentenceId) })) }
      : {}),
    ...(answer.notice ? { notice: answer.notice } : {}),
    attribution: answer.attribution,
  };
}

export function errorToJson(question: string, error: { code: string; message: string }): Record<string, unknown> {
  return { question, error: { code: error.code, message: error.message } };
}
