import type { APIEmbed } from 'discord.js';
import type { ArticleMeta } from '../core/types.js';
import { discordLimits } from './discord-embeds.js';

/** The articles the bot answers from, one field each, with each publisher's copyright line. */
export function renderSourcesEmbed(sources: readonly ArticleMeta[]): APIEmbed {
  if (sources.length === 0) {
    return { title: 'Sources', description: 'No articles are loaded.' };
  }
  const description = `Answers quote ${sources.length === 1 ? 'this article' : `these ${sources.length} articles`} word for word.`;
  // Room for the title, description and a "+N more articles" footer.
  let budget = discordLimits.total - 'Sources'.length - description.length - 40;
  const fields = sources.slice(0, discordLimits.fields).flatMap((source) => {
    const details = [source.publisher, source.date, source.url].filter((part): part is string => part !== null && part !== '');
    const value = [details.join(' · '), source.copyright].filter((line) => line.length > 0).join('\n');
    const field = {
      name: clip(source.title || source.id, discordLimits.fieldName),
      value: clip(value || source.id, discordLimits.fieldValue),
    };
    budget -= field.name.length + field.value.length;
    return budget >= 0 ? [field] : [];
  });
  const hidden = sources.length - fields.length;
  return {
    title: 'Sources',
    description,
    fields,
    ...(hidden > 0 ? { footer: { text: `+${hidden} more articles` } } : {}),
  };
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
