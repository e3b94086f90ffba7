import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { toVerbatimError, type ErrorCode } from '../core/errors.js';
import { newErrorId, type Logger } from '../core/logger.js';
import { buildAnswerMessage, noPings } from './answer-message.js';
import { checkQuestionText, requestAnswer, type AnswerRequest } from './answer-request.js';
import { scopeOf, serviceFor } from './answer-scope.js';
import type { BotContext } from './bot-context.js';

type RepliableInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** Errors the user caused and can fix; logged quietly, unlike our own failures. */
const userErrors: ReadonlySet<ErrorCode> = new Set([
  'EMPTY_QUESTION',
  'QUESTION_TOO_LONG',
  'RATE_LIMITED',
  'URL_INVALID',
  'URL_BLOCKED',
  'FETCH_TOO_MANY_REDIRECTS',
  'FETCH_TOO_LARGE',
  'FETCH_TIMEOUT',
  'FETCH_NOT_HTML',
  'FETCH_FAILED',
  'NO_ARTICLE_IN_PAGE',
  'LIBRARY_FULL',
  'ARTICLE_UNKNOWN',
]);

/**
 * Answers a slash command: checks the text and the user's cooldown first (so refusals are
 * ephemeral), defers at once (Discord allows 3 s), then edits the deferral into the answer:
 * from the server's library, and from the thread's article first when asked in its thread.
 * While the bot is still loading its library, the deferral waits for it.
 */
export async function answerCommand(interaction: ChatInputCommandInteraction, context: BotContext, request: AnswerRequest): Promise<void> {
  const checked = checkRequest(request, context.config.maxQuestionChars);
  if (!(await passesCooldown(interaction, context))) return;
  await context.deferrals.defer(() => interaction.deferReply());
  await context.deferrals.whenIdle();
  const library = await context.library.whenReady();
  const scope = await scopeOf(interaction, { library, context, botUserId: interaction.client.user.id });
  const service = serviceFor(library, scope);
  const answer = await requestAnswer(service, checked);
  const message = buildAnswerMessage({ answer, request: checked, scope, service, history: [], stateId: interaction.id, context });
  await interaction.editReply(message);
}

export function checkRequest(request: AnswerRequest, maxQuestionChars: number): AnswerRequest {
  switch (request.kind) {
    case 'ask':
      return { ...request, question: checkQuestionText(request.question, maxQuestionChars) };
    case 'summarize':
      return request.party === null ? request : { ...request, party: checkQuestionText(request.party, maxQuestionChars) };
    case 'quote':
      return {
        ...request,
        speaker: checkQuestionText(request.speaker, maxQuestionChars),
        about: request.about === null ? null : checkQuestionText(request.about, maxQuestionChars),
      };
  }
}

/** Takes the user's cooldown slot, or tells them politely (and only them) how long to wait. */
export async function passesCooldown(interaction: RepliableInteraction, context: BotContext): Promise<boolean> {
  const verdict = context.cooldown.take(interaction.user.id);
  if (verdict.allowed) return true;
  await interaction.reply({
    content: cooldownMessage(verdict.secondsLeft),
    flags: MessageFlags.Ephemeral,
    allowedMentions: noPings,
  });
  return false;
}

export function cooldownMessage(secondsLeft: number): string {
  return `Please wait ${secondsLeft} more second${secondsLeft === 1 ? '' : 's'} before asking again.`;
}

/** The user sees the short message and an id; the log line with that id has the cause. */
export function describeFailure(error: unknown, logger: Logger, context: Record<string, unknown>): string {
  const failure = toVerbatimError(error);
  const errorId = newErrorId();
  const details = { ...context, errorId, code: failure.code, err: failure.cause ?? failure };
  if (userErrors.has(failure.code)) logger.info(details, 'request refused');
  else logger.error(details, 'request failed');
  return `${failure.message} (error id: ${errorId})`;
}

/** Ephemeral whatever state the interaction is in: a public deferral is deleted and replaced. */
export async function replyWithError(interaction: RepliableInteraction, context: BotContext, error: unknown): Promise<void> {
  const content = describeFailure(error, context.logger, { interactionId: interaction.id, userId: interaction.user.id });
  const message = { content, flags: MessageFlags.Ephemeral as const, allowedMentions: noPings };
  if (interaction.deferred && interaction.ephemeral) {
    await interaction.editReply({ content, embeds: [], components: [], allowedMentions: noPings });
  } else if (interaction.deferred) {
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp(message);
  } else if (interaction.replied) {
    await interaction.followUp(message);
  } else {
    await interaction.reply(message);
  }
}
