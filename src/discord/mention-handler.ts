import type { Message, SendableChannels, User } from 'discord.js';
import { buildAnswerMessage, noPings } from './answer-message.js';
import { checkQuestionText, requestAnswer } from './answer-request.js';
import type { BotContext } from './bot-context.js';
import { cooldownMessage, describeFailure } from './interaction-replies.js';

/** Earlier questions kept per thread: enough context for follow-ups, bounded for memory. */
const historyLength = 10;
/** Discord's limit on a thread name. */
const threadNameLength = 100;

/**
 * A message mentioning the bot gets its answer in a thread started on that message; any later
 * message in a thread the bot answers in is a follow-up, asked with the thread's earlier questions.
 */
export async function handleMessage(message: Message, botUser: User, context: BotContext): Promise<void> {
  if (message.author.bot || message.system) return;
  const mentioned = message.mentions.users.has(botUser.id);
  const inKnownThread = message.channel.isThread() && context.conversations.has(message.channel.id);
  if (!mentioned && !inKnownThread) return;

  const withoutMention = message.content.replace(new RegExp(`<@!?${botUser.id}>`, 'g'), ' ').replace(/\s+/g, ' ');
  let thread: SendableChannels | null = null;
  try {
    const question = checkQuestionText(withoutMention, context.config.maxQuestionChars);
    const verdict = context.cooldown.take(message.author.id);
    if (!verdict.allowed) {
      await message.reply({ content: cooldownMessage(verdict.secondsLeft), allowedMentions: noPings });
      return;
    }
    thread = await conversationChannel(message, question);
    const history = context.conversations.get(thread.id) ?? [];
    context.conversations.set(thread.id, [...history, question].slice(-historyLength));
    await thread.sendTyping().catch(() => undefined);
    const request = { kind: 'ask', question } as const;
    const answer = await requestAnswer(context.service, request, { history });
    await thread.send(buildAnswerMessage({ answer, request, history, stateId: message.id, context }));
  } catch (error) {
    const content = describeFailure(error, context.logger, { messageId: message.id, userId: message.author.id });
    const sent = thread === null ? message.reply({ content, allowedMentions: noPings }) : thread.send({ content, allowedMentions: noPings });
    await sent.catch((replyError: unknown) => {
      context.logger.warn({ err: replyError, messageId: message.id }, 'could not send the error message');
    });
  }
}

/** The thread to answer in: the current one, a new one on the message, or (outside servers) the DM itself. */
async function conversationChannel(message: Message, question: string): Promise<SendableChannels> {
  if (message.channel.isThread()) return message.channel;
  if (message.inGuild() && !message.channel.isVoiceBased()) {
    return message.startThread({ name: question.slice(0, threadNameLength) });
  }
  if (!message.channel.isSendable()) throw new Error('The bot cannot send messages in this channel');
  return message.channel;
}
