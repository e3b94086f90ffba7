import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Answer, AnswerService } from '../core/types.js';
import { renderAnswerEmbeds } from '../render/discord-embeds.js';
import type { AnswerRequest } from './answer-request.js';
import type { AnswerScope, BotContext } from './bot-context.js';

/** Sent with every message, edit and reply: a question containing @everyone or a role pings nobody. */
export const noPings = { parse: [] as [] };

export interface AnswerMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof noPings;
}

export type ButtonAction = { action: 'more' } | { action: 'vote'; verdict: 'up' | 'down' };

/**
 * Renders an answer with its buttons and remembers what the buttons need under `stateId`
 * (a snowflake, so the custom_id stays far below Discord's 100 characters).
 */
export function buildAnswerMessage({
  answer,
  request,
  scope,
  service,
  history,
  stateId,
  context,
}: {
  answer: Answer;
  request: AnswerRequest;
  scope: AnswerScope;
  /** The service that answered, whose articles name the citations. */
  service: AnswerService;
  history: readonly string[];
  stateId: string;
  context: BotContext;
}): AnswerMessage {
  const rendered = renderAnswerEmbeds(answer, { sources: service.sources() });
  context.answers.set(stateId, {
    request,
    scope,
    question: answer.question,
    history,
    citationIds: rendered.shownSentenceIds,
    shownSentenceIds: [...rendered.shownSentenceIds],
  });
  const buttons: APIButtonComponent[] = [];
  if (rendered.moreQuotes > 0) buttons.push(button(`more:${stateId}`, { label: 'More quotes' }));
  if (answer.citations.length > 0 || answer.parties.length > 0) {
    buttons.push(button(`vote:up:${stateId}`, { emoji: '👍' }), button(`vote:down:${stateId}`, { emoji: '👎' }));
  }
  return {
    embeds: rendered.embeds,
    components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
    allowedMentions: noPings,
  };
}

/** A row with only "More quotes", for the ephemeral replies that button produces. */
export function moreQuotesRow(stateId: string): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: [button(`more:${stateId}`, { label: 'More quotes' })] };
}

export function parseButtonId(customId: string): (ButtonAction & { stateId: string }) | null {
  const more = /^more:(\d+)$/.exec(customId);
  if (more?.[1]) return { action: 'more', stateId: more[1] };
  const vote = /^vote:(up|down):(\d+)$/.exec(customId);
  if (vote?.[1] && vote[2]) return { action: 'vote', verdict: vote[1] === 'up' ? 'up' : 'down', stateId: vote[2] };
  return null;
}

function button(customId: string, { label, emoji }: { label?: string; emoji?: string }): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    ...(label === undefined ? {} : { label }),
    ...(emoji === undefined ? {} : { emoji: { name: emoji } }),
  };
}
