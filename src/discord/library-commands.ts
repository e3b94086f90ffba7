import { MessageFlags, type APIApplicationCommandOptionChoice, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { VerbatimError } from '../core/errors.js';
import type { LibraryEntry } from '../library/library.js';
import { addRefusal, interactionMember, mayAddArticles } from './add-permission.js';
import { noPings } from './answer-message.js';
import type { BotContext } from './bot-context.js';
import { addedArticleEmbed, clip } from './library-embeds.js';
import { maxChoices } from './party-choices.js';

/** Discord's limit on a thread name, and on an autocomplete choice's name and value. */
export const threadNameLength = 100;
const choiceLength = 100;

/**
 * /add url: defers publicly at once (fetching a page takes seconds), edits the deferral into what
 * was added, then opens a thread on that reply for questions about the article.
 */
export async function addArticle(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const guildId = interaction.guildId;
  if (!(await mayChangeLibrary(interaction, context)) || guildId === null) return;
  const url = interaction.options.getString('url', true).trim();
  await context.deferrals.defer(() => interaction.deferReply());
  const library = await context.library.whenReady();
  const { entry, created } = await library.add({ guildId, url, addedBy: interaction.user.id });
  const reply = await interaction.editReply({ embeds: [addedArticleEmbed(entry, { created })], allowedMentions: noPings });
  await openArticleThread(reply, entry, context);
}

/** /remove article: one of the server's own articles, by the id autocomplete offered (or its exact title). */
export async function removeArticle(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const guildId = interaction.guildId;
  if (!(await mayChangeLibrary(interaction, context)) || guildId === null) return;
  const chosen = interaction.options.getString('article', true).trim();
  await context.deferrals.defer(() => interaction.deferReply());
  const library = await context.library.whenReady();
  const articleId = ownEntries(library.list(guildId), guildId).find((entry) => entry.meta.id === chosen || entry.meta.title === chosen)?.meta.id;
  if (articleId === undefined) throw new VerbatimError('ARTICLE_UNKNOWN', 'No such article among those this server added. Pick one from the list.');
  const removed = await library.remove({ guildId, articleId });
  await interaction.editReply({
    content: `Removed **${removed.meta.title || removed.meta.id}** (${removed.meta.publisher}) from this server’s library.`,
    allowedMentions: noPings,
  });
}

/** The server's own articles whose title, publisher or link contains what was typed, newest first. */
export function articleChoices(entries: readonly LibraryEntry[], { guildId, typed }: { guildId: string; typed: string }): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return ownEntries(entries, guildId)
    .reverse()
    .filter((entry) => [entry.meta.title, entry.meta.publisher, entry.sourceUrl ?? '', entry.meta.id].some((text) => text.toLowerCase().includes(needle)))
    .filter((entry) => entry.meta.id.length <= choiceLength)
    .slice(0, maxChoices)
    .map((entry) => ({ name: clip(`${entry.meta.title || entry.meta.id} — ${entry.meta.publisher}`, choiceLength), value: entry.meta.id }));
}

/**
 * A thread on `message` about the article; without the permission to open one, the article is
 * still added. Added from inside a thread (where Discord allows no thread), that thread is its.
 */
async function openArticleThread(message: Message, entry: LibraryEntry, context: BotContext): Promise<void> {
  if (message.channel.isThread()) {
    context.threads.remember(message.channel.id, entry.meta.id);
    return;
  }
  try {
    const thread = await message.startThread({ name: clip(entry.meta.title || entry.meta.id, threadNameLength) });
    context.threads.remember(thread.id, entry.meta.id);
  } catch (error) {
    context.logger.warn({ err: error, messageId: message.id }, 'could not open a thread on the added article (Create Public Threads permission?)');
  }
}

function ownEntries(entries: readonly LibraryEntry[], guildId: string): LibraryEntry[] {
  return entries.filter((entry) => entry.guildId === guildId);
}

async function mayChangeLibrary(interaction: ChatInputCommandInteraction, context: BotContext): Promise<boolean> {
  const { addRole } = context.config.discord;
  const refusal = interaction.guildId === null ? 'Articles are added per server: use this in a server.' : mayAddArticles(interactionMember(interaction), addRole) ? null : addRefusal(addRole);
  if (refusal === null) return true;
  await interaction.reply({ content: refusal, flags: MessageFlags.Ephemeral, allowedMentions: noPings });
  return false;
}
