import { DiscordAPIError, RESTJSONErrorCodes, type AnyThreadChannel } from 'discord.js';
import type { Library } from '../library/library.js';
import { articleNamedIn } from './article-links.js';
import { BoundedMap } from './bounded-map.js';

/**
 * Which article each thread opened on an added article is about. Kept in memory, and read back
 * from the thread's first message (the bot's /add reply with its marker, or the member's message
 * with the link) when the bot has restarted, so no second store can drift from Discord's.
 */
export class ThreadArticles {
  private readonly known: BoundedMap<string, string | null>;

  constructor(limit = 2000) {
    this.known = new BoundedMap(limit);
  }

  remember(threadId: string, articleId: string): void {
    this.known.set(threadId, articleId);
  }

  /** The thread's article if it is still in the server's library; null for any other thread. */
  async find(thread: AnyThreadChannel, { library, botUserId }: { library: Library; botUserId: string }): Promise<string | null> {
    const entries = library.list(thread.guildId).filter((entry) => entry.guildId === thread.guildId);
    let articleId = this.known.get(thread.id);
    if (articleId === undefined) {
      articleId = thread.ownerId === botUserId ? await readBack(thread, entries) : null;
      // A first message that could not be fetched (Discord down a moment) is tried again next time.
      if (articleId === undefined) return null;
      this.known.set(thread.id, articleId);
    }
    // A removed article's thread falls back to the whole library.
    return articleId !== null && entries.some((entry) => entry.meta.id === articleId) ? articleId : null;
  }
}

/** The article named by the thread's first message; undefined when that message could not be fetched. */
async function readBack(thread: AnyThreadChannel, entries: Parameters<typeof articleNamedIn>[1]): Promise<string | null | undefined> {
  const starter = await thread.fetchStarterMessage().catch((error: unknown) =>
    // Deleted for good: the thread is about no article. Anything else may work next time.
    error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage ? null : undefined,
  );
  if (starter === undefined) return undefined;
  if (starter === null) return null;
  const text = [starter.content, ...starter.embeds.flatMap((embed) => [embed.url, embed.description, embed.footer?.text])]
    .filter((part): part is string => typeof part === 'string')
    .join('\n');
  return articleNamedIn(text, entries);
}
