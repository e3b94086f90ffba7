import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { LibraryEntry } from '../library/library.js';
import { discordLimits, escapeMarkdown } from '../render/discord-embeds.js';
import { articleMarker } from './article-links.js';

/** Articles per /sources page: enough to scan, few enough to read on a phone. */
export const sourcesPerPage = 10;

/** The reply to /add (and to a mention that added a link): what was added, and where to ask about it. */
export function addedArticleEmbed(entry: LibraryEntry, { created }: { created: boolean }): APIEmbed {
  const { meta } = entry;
  const details = [meta.publisher, meta.date, `${entry.sentences} sentences`].filter((part): part is string => part !== null && part !== '');
  const link = entry.sourceUrl ?? meta.url;
  return {
    title: clip(meta.title || meta.id, discordLimits.title),
    ...(link === null ? {} : { url: link }),
    description: clip(
      [created ? 'Added to this server’s library.' : 'This server’s library already has this article.', details.join(' · '), 'Ask about it in the thread below, or with /ask anywhere here.'].join('\n'),
      discordLimits.description,
    ),
    footer: { text: clip(articleMarker(meta.id), discordLimits.footer) },
  };
}

export interface SourcesPage {
  embed: APIEmbed;
  page: number;
  pages: number;
}

/**
 * One page of a server's library for /sources: title (linked), publisher, who added it and when.
 * Every Discord limit is applied here and only here.
 */
export function sourcesPage(entries: readonly LibraryEntry[], requestedPage: number): SourcesPage {
  const pages = Math.max(1, Math.ceil(entries.length / sourcesPerPage));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage)), pages);
  if (entries.length === 0) {
    return { embed: { title: 'Sources', description: 'No articles yet. Add one with /add.' }, page, pages };
  }
  const description = `Answers quote ${entries.length === 1 ? 'this article' : `these ${entries.length} articles`} word for word.`;
  const footer = pages > 1 ? `Page ${page} of ${pages}${page < pages ? ` · /sources page:${page + 1} for more` : ''}` : '';
  let budget = discordLimits.total - 'Sources'.length - description.length - footer.length;
  const fields: APIEmbedField[] = [];
  for (const entry of entries.slice((page - 1) * sourcesPerPage, page * sourcesPerPage)) {
    const field = sourceField(entry);
    budget -= field.name.length + field.value.length;
    if (budget < 0 || fields.length === discordLimits.fields) break;
    fields.push(field);
  }
  return { embed: { title: 'Sources', description, fields, ...(footer === '' ? {} : { footer: { text: footer } }) }, page, pages };
}

function sourceField(entry: LibraryEntry): APIEmbedField {
  const { meta } = entry;
  const link = entry.sourceUrl ?? meta.url;
  const added =
    entry.guildId === null
      ? 'Shared by the bot’s operator'
      : `Added${entry.addedBy === null ? '' : ` by <@${entry.addedBy}>`}${entry.addedAt === null ? '' : ` ${discordTime(entry.addedAt)}`}`;
  const lines = [[meta.publisher, meta.date].filter((part): part is string => part !== null && part !== '').join(' · '), added, link === null ? '' : `<${link}>`];
  return {
    name: clip(meta.title || meta.id, discordLimits.fieldName),
    value: clip(lines.filter((line) => line.length > 0).map((line) => (line === added ? line : escapeLine(line))).join('\n'), discordLimits.fieldValue),
  };
}

/** Discord shows `<t:…:R>` in each reader's own time zone ("3 hours ago"). */
function discordTime(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return Number.isFinite(seconds) ? `<t:${seconds}:R>` : '';
}

function escapeLine(line: string): string {
  return line.startsWith('<http') ? line : escapeMarkdown(line);
}

/** For titles and names only, never for quotes. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
