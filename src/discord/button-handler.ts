import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { renderAnswerEmbeds } from '../render/discord-embeds.js';
import { moreQuotesRow, noPings, parseButtonId } from './answer-message.js';
import { requestAnswer } from './answer-request.js';
import { serviceFor } from './answer-scope.js';
import type { BotContext } from './bot-context.js';
import { passesCooldown } from './interaction-replies.js';

const forgottenAnswer = 'That answer is too old for its buttons to work. Ask again.';

/** "More quotes" and 👍/👎 under an answer. */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const parsed = parseButtonId(interaction.customId);
  if (parsed === null) return;
  const state = context.answers.get(parsed.stateId);
  if (state === undefined) {
    await interaction.reply({ content: forgottenAnswer, flags: MessageFlags.Ephemeral, allowedMentions: noPings });
    return;
  }
  if (parsed.action === 'vote') {
    await context.feedback.record({
      question: state.question,
      verdict: parsed.verdict,
      sentenceIds: state.citationIds,
      userId: interaction.user.id,
    });
    await interaction.reply({ content: 'Thanks, your feedback was recorded.', flags: MessageFlags.Ephemeral, allowedMentions: noPings });
    return;
  }
  if (!(await passesCooldown(interaction, context))) return;
  await context.deferrals.defer(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  await context.deferrals.whenIdle();
  const service = serviceFor(await context.library.whenReady(), state.scope);
  const answer = await requestAnswer(service, state.request, {
    history: state.history,
    excludeSentenceIds: [...state.shownSentenceIds],
  });
  const rendered = renderAnswerEmbeds(answer, { sources: service.sources() });
  state.shownSentenceIds.push(...rendered.shownSentenceIds);
  const hasMore = rendered.moreQuotes > 0 && rendered.shownSentenceIds.length > 0;
  await interaction.editReply({
    embeds: rendered.embeds,
    components: hasMore ? [moreQuotesRow(parsed.stateId)] : [],
    allowedMentions: noPings,
  });
}
