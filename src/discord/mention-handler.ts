import type { Message, SendableChannels, User } from 'discord.js';
import type { Library } from '../library/library.js';
import { addRefusal, mayAddArticles, messageMember } from './add-permission.js';
import { buildAnswerMessage, noPings } from './answer-message.js';
import { checkQuestionText, requestAnswer } from './answer-request.js';
import { scopeOf, serviceFor } from './answer-scope.js';
import { findLinks, withoutLinks } from './article-links.js';
import type { AnswerScope, BotContext } from './bot-context.js';
import { cooldownMessage, describeFailure } from './interaction-replies.js';
import { addedArticleEmbed, clip } from './library-embeds.js';
import { threadNameLength } from './library-commands.js';

/** Earlier questions kept per thread: enough context for follow-ups, bounded for memory. */
const historyLength = 10;

/**
 * A message mentioning the bot gets its answer in a thread started on that message; any later
 * message in a thread the bot opened is a follow-up, asked with the thread's earlier questions.
 * A mention with a link adds that article first (for members who may add) and answers from it.
 */
export async function handleMessage(message: Message, botUser: User, context: BotContext): Promise<void> {
  if (message.author.bot || message.system) return;
  const mentioned = message.mentions.users.has(botUser.id);
  const { channel } = message;
  // A thread the bot opened survives a restart; only the in-memory history of it does not.
  const inOwnThread = channel.isThread() && (context.conversations.has(channel.id) || channel.ownerId === botUser.id);
  if (!mentioned && !inOwnThread) return;

  const withoutMention = message.content.replace(new RegExp(`<@!?${botUser.id}>`, 'g'), ' ').replace(/\s+/g, ' ');
  const link = mentioned && message.inGuild() ? (findLinks(withoutMention)[0] ?? null) : null;
  let thread: SendableChannels | null = null;
  try {
    const questionText = link === null ? withoutMention : withoutLinks(withoutMention);
    const question = link !== null && questionText.trim() === '' ? null : checkQuestionText(questionText, context.config.maxQuestionChars);
    const verdict = context.cooldown.take(message.author.id);
    if (!verdict.allowed) {
      await message.reply({ content: cooldownMessage(verdict.secondsLeft), allowedMentions: noPings });
      return;
    }
    const mayAdd = link !== null && mayAddArticles(messageMember(message), context.config.discord.addRole);
    if (link !== null && !mayAdd && question === null) {
      await message.reply({ content: addRefusal(context.config.discord.addRole), allowedMentions: noPings });
      return;
    }
    thread = await conversationChannel(message, question ?? link ?? '');
    await thread.sendTyping().catch(() => undefined);
    // Waits here while the bot is still loading its library, typing meanwhile.
    const library = await context.library.whenReady();
    let scope = await scopeOf({ guildId: message.guildId, channel: thread }, { library, context, botUserId: botUser.id });
    let notice: string | null = null;
    if (link !== null && mayAdd && message.inGuild()) {
      scope = await addLinked({ library, url: link, message, thread, context });
      if (question === null) return;
    } else if (link !== null) {
      notice = `${addRefusal(context.config.discord.addRole)} Answering from the articles this server already has.`;
    }
    if (question === null) return;
    const history = context.conversations.get(thread.id) ?? [];
    context.conversations.set(thread.id, [...history, question].slice(-historyLength));
    const service = serviceFor(library, scope);
    const request = { kind: 'ask', question } as const;
    const answer = await requestAnswer(service, request, { history });
    const reply = buildAnswerMessage({ answer, request, scope, service, history, stateId: message.id, context });
    await thread.send(notice === null ? reply : { ...reply, content: notice });
  } catch (error) {
    const content = describeFailure(error, context.logger, { messageId: message.id, userId: message.author.id });
    const sent = thread === null ? message.reply({ content, allowedMentions: noPings }) : thread.send({ content, allowedMentions: noPings });
    await sent.catch((replyError: unknown) => {
      context.logger.warn({ err: replyError, messageId: message.id }, 'could not send the error message');
    });
  }
}

/** Adds the linked article, says so in the thread, and makes the thread about it. */
async function addLinked({
  library,
  url,
  message,
  thread,
  context,
}: {
  library: Library;
  url: string;
  message: Message<true>;
  thread: SendableChannels;
  context: BotContext;
}): Promise<AnswerScope> {
  const { entry, created } = await library.add({ guildId: message.guildId, url, addedBy: message.author.id });
  context.threads.remember(thread.id, entry.meta.id);
  await thread.send({ embeds: [addedArticleEmbed(entry, { created })], allowedMentions: noPings });
  return { guildId: message.guildId, articleId: entry.meta.id };
}

/** The thread to answer in: the current one, a new one on the message, or (outside servers) the DM itself. */
async function conversationChannel(message: Message, name: string): Promise<SendableChannels> {
  if (message.channel.isThread()) return message.channel;
  if (message.inGuild() && !message.channel.isVoiceBased()) {
    return message.startThread({ name: clip(name, threadNameLength) });
  }
  if (!message.channel.isSendable()) throw new Error('The bot cannot send messages in this channel');
  return message.channel;
}
