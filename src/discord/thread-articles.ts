import type { AnyThreadChannel } from 'discord.js';
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
      this.known.set(thread.id, articleId);
    }
    // A removed article's thread falls back to the whole library.
    return articleId !== null && entries.some((entry) => entry.meta.id === articleId) ? articleId : null;
  }
}

async function readBack(thread: AnyThreadChannel, entries: Parameters<typeof articleNamedIn>[1]): Promise<string | null> {
  const starter = await thread.fetchStarterMessage().catch(() => null);
  if (starter === null) return null;
  const text = [starter.content, ...starter.embeds.flatMap((embed) => [embed.url, embed.description, embed.footer?.text])]
    .filter((part): part is string => typeof part === 'string')
    .join('\n');
  return articleNamedIn(text, entries);
}
