import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, ArticleMeta, Citation } from '../core/types.js';

/** Discord's message and embed limits, in characters (counts). */
export const discordLimits = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** Sum of every title, description, field name and value, footer and author name of a message. */
  total: 6000,
  content: 2000,
  embeds: 10,
} as const;

export interface RenderedAnswer {
  embeds: APIEmbed[];
  /** Sentences whose quotes made it into the embeds ("More quotes" leaves them out next time). */
  shownSentenceIds: string[];
  /** Quotes not shown: left out for space here plus those the answer's cap already left out. */
  moreQuotes: number;
}

export interface RenderOptions {
  /** Known articles, to name each citation's article by title. */
  sources?: readonly ArticleMeta[];
}

const colours: Record<Answer['kind'], number> = {
  answer: 0x2f6fb0,
  summary: 0x2f6fb0,
  quote: 0x2f6fb0,
  'not-found': 0x80868b,
  declined: 0xc27c0e,
};

const kindTitles: Record<Answer['kind'], string> = {
  answer: 'Answer',
  summary: 'Summary',
  quote: 'Quotes',
  'not-found': 'Not in the article',
  declined: 'Not answered',
};

/** Room kept free for "+N more quotes" lines: the footer text is known only after layout. */
const moreLineLength = '\n+9999 more quotes'.length;

/** One thing to place: a field, or a quote too long for a field, which gets an embed's description. */
type Block =
  | { kind: 'field'; field: APIEmbedField; sentenceId: string | null }
  | { kind: 'description'; text: string; sentenceId: string };

/**
 * Turns an Answer into embeds that respect every Discord limit. Quotes are never cut: when they
 * do not all fit, fewer are shown and the footer says how many more there are. The publisher's
 * attribution always appears whole, in the footer of the last embed (or its own embed if huge).
 */
export function renderAnswerEmbeds(answer: Answer, { sources = [] }: RenderOptions = {}): RenderedAnswer {
  // With one article, naming it under every quote only takes room from the quotes.
  const titles = new Map(sources.length > 1 ? sources.map((source) => [source.id, source.title]) : []);
  const first: APIEmbed = {
    title: truncate(answer.question.trim() || kindTitles[answer.kind], discordLimits.title),
    description: truncate(describe(answer), discordLimits.description),
    color: colours[answer.kind],
  };
  const attribution = answer.attribution.trim();
  const attributionFitsFooter = attribution.length + moreLineLength <= discordLimits.footer;
  const embeds: APIEmbed[] = [first];
  // The attribution always gets its space (and, if it cannot be a footer, its embed) first.
  const reservedEmbeds = attributionFitsFooter ? 0 : 1;
  let budget = discordLimits.total - embedSize(first) - attribution.length - moreLineLength;

  const { blocks, quoteCount } = layoutBlocks(answer, titles);
  const shownSentenceIds: string[] = [];
  let current = first;
  for (const block of blocks) {
    const cost = block.kind === 'field' ? block.field.name.length + block.field.value.length : block.text.length;
    if (cost > budget) break;
    const needsNewEmbed = block.kind === 'description' || (current.fields?.length ?? 0) >= discordLimits.fields;
    if (needsNewEmbed) {
      if (embeds.length + reservedEmbeds >= discordLimits.embeds) break;
      current = { color: first.color };
      embeds.push(current);
    }
    if (block.kind === 'field') current.fields = [...(current.fields ?? []), block.field];
    else current.description = block.text;
    budget -= cost;
    if (block.sentenceId !== null) shownSentenceIds.push(block.sentenceId);
  }

  const moreQuotes = quoteCount - shownSentenceIds.length + answer.moreAvailable;
  const moreLine = moreQuotes > 0 ? `+${moreQuotes} more quote${moreQuotes === 1 ? '' : 's'}` : '';
  const last = embeds[embeds.length - 1] ?? first;
  if (attributionFitsFooter) {
    const footer = [attribution, moreLine].filter((line) => line.length > 0).join('\n');
    if (footer.length > 0) last.footer = { text: footer };
  } else {
    embeds.push({ color: first.color, description: truncate(attribution, discordLimits.description) });
    if (moreLine.length > 0) last.footer = { text: moreLine };
  }
  return { embeds, shownSentenceIds, moreQuotes };
}

/** Article titles are names here, not quotes: long ones are shortened to keep room for quotes. */
const citedTitleLength = 60;

/**
 * `> “quote” — Speaker (¶n, Article title)`, or `(¶n)` when there is no title to tell apart. Curly marks wrap the quote because article sentences
 * often hold straight quotes of their own; the quote is escaped so Discord shows it as written.
 */
export function formatCitation(citation: Citation, articleTitle: string | null): string {
  const speaker = citation.speaker === null ? '' : ` — ${escapeMarkdown(citation.speaker)}`;
  const title = articleTitle === null ? '' : `, ${escapeMarkdown(truncate(articleTitle, citedTitleLength))}`;
  const quoted = `“${escapeMarkdown(citation.text)}”${speaker} (¶${citation.paragraph}${title})`;
  return quoted
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Counts what Discord counts towards the 6000-character total of one message's embeds. */
export function embedsSize(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((total, embed) => total + embedSize(embed), 0);
}

function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((total, field) => total + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

function describe(answer: Answer): string {
  const notice = answer.notice === null ? '' : `\n\n*${answer.notice}*`;
  return `${answer.answer}${notice}`.trim() || kindTitles[answer.kind];
}

function layoutBlocks(answer: Answer, titles: ReadonlyMap<string, string>): { blocks: Block[]; quoteCount: number } {
  const quoteBlock = (citation: Citation, label: string): Block => {
    const text = formatCitation(citation, titles.get(citation.article) ?? null);
    if (text.length <= discordLimits.fieldValue) {
      return { kind: 'field', field: { name: label, value: text }, sentenceId: citation.sentenceId };
    }
    return { kind: 'description', text, sentenceId: citation.sentenceId };
  };
  const blocks: Block[] = [];
  const placed = new Set<string>();
  let quoteNumber = 0;
  const addQuote = (citation: Citation) => {
    if (placed.has(citation.sentenceId)) return;
    placed.add(citation.sentenceId);
    quoteNumber += 1;
    const block = quoteBlock(citation, `Quote ${quoteNumber}`);
    // A quote longer than an embed's description cannot be shown whole, so it is not shown.
    if (block.kind === 'field' || block.text.length <= discordLimits.description) blocks.push(block);
  };
  for (const party of answer.parties) {
    blocks.push({
      kind: 'field',
      field: {
        name: truncate(party.party, discordLimits.fieldName),
        value: truncate(party.summary.trim() || '—', discordLimits.fieldValue),
      },
      sentenceId: null,
    });
    party.citations.forEach(addQuote);
  }
  answer.citations.forEach(addQuote);
  return { blocks, quoteCount: quoteNumber };
}

/** For the engine's own words and titles only: quotes are never truncated. */
function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Backslash-escapes what Discord markdown would otherwise hide (asterisks, underscores…). */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~|`])/g, '\\$1');
}
