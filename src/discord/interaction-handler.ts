import type { Interaction } from 'discord.js';
import type { BotContext } from './bot-context.js';
import { handleButton } from './button-handler.js';
import { findCommand } from './commands.js';
import { describeFailure, replyWithError } from './interaction-replies.js';

/** Routes one interaction; a failure becomes a short ephemeral message, never an unhandled rejection. */
export async function handleInteraction(interaction: Interaction, context: BotContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    const command = findCommand(interaction.commandName);
    try {
      await (command?.autocomplete?.(interaction, context) ?? interaction.respond([]));
    } catch (error) {
      describeFailure(error, context.logger, { interactionId: interaction.id, during: 'autocomplete' });
    }
    return;
  }
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  try {
    if (interaction.isChatInputCommand()) {
      const command = findCommand(interaction.commandName);
      if (command === undefined) throw new Error(`Unknown command /${interaction.commandName}`);
      await command.execute(interaction, context);
    } else {
      await handleButton(interaction, context);
    }
  } catch (error) {
    await replyWithError(interaction, context, error).catch((replyError: unknown) => {
      context.logger.warn({ err: replyError, interactionId: interaction.id }, 'could not send the error message');
    });
  }
}
