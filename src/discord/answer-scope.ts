import type { Channel } from 'discord.js';
import type { AnswerService } from '../core/types.js';
import type { Library } from '../library/library.js';
import type { AnswerScope, BotContext } from './bot-context.js';

/** The scope of a question asked in `channel`: the server's library, and the thread's article in an article thread. */
export async function scopeOf(
  { guildId, channel }: { guildId: string | null; channel: Channel | null },
  { library, context, botUserId }: { library: Library; context: BotContext; botUserId: string },
): Promise<AnswerScope> {
  if (guildId === null || channel === null || !channel.isThread()) return { guildId, articleId: null };
  return { guildId, articleId: await context.threads.find(channel, { library, botUserId }) };
}

export function serviceFor(library: Library, scope: AnswerScope): AnswerService {
  return scope.articleId === null ? library.service(scope.guildId) : library.service(scope.guildId, { articleId: scope.articleId });
}
