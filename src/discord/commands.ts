import {
  ApplicationCommandOptionType,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config/config.js';
import { renderSourcesEmbed } from '../render/discord-sources.js';
import { noPings } from './answer-message.js';
import type { BotContext } from './bot-context.js';
import { answerCommand } from './interaction-replies.js';
import { partyChoices } from './party-choices.js';

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** Discord refuses a string option's max_length above 6000. */
const discordMaxLength = 6000;

async function suggestParties(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused());
  await interaction.respond(partyChoices(context.service.parties(), typed));
}

export const ask = {
  data: {
    name: 'ask',
    description: 'Ask a question about the article; the answer quotes it word for word',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'What do you want to know?',
        required: true,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, context) {
    await answerCommand(interaction, context, { kind: 'ask', question: interaction.options.getString('question', true) });
  },
} satisfies Command;

export const summarize = {
  data: {
    name: 'summarize',
    description: "Each party's position, with their exact words",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'party',
        description: 'Only this person or organisation',
        required: false,
        autocomplete: true,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, context) {
    await answerCommand(interaction, context, { kind: 'summarize', party: interaction.options.getString('party') });
  },
  autocomplete: suggestParties,
} satisfies Command;

export const quote = {
  data: {
    name: 'quote',
    description: "A speaker's exact words, optionally about a topic",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'speaker',
        description: 'Who said it',
        required: true,
        autocomplete: true,
        max_length: 1000,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'about',
        description: 'What about (optional)',
        required: false,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, context) {
    await answerCommand(interaction, context, {
      kind: 'quote',
      speaker: interaction.options.getString('speaker', true),
      about: interaction.options.getString('about'),
    });
  },
  autocomplete: suggestParties,
} satisfies Command;

export const sources = {
  data: { name: 'sources', description: 'The articles the bot answers from, with their publishers' },
  async execute(interaction, context) {
    await interaction.reply({ embeds: [renderSourcesEmbed(context.service.sources())], allowedMentions: noPings });
  },
} satisfies Command;

export const help = {
  data: { name: 'help', description: 'How to ask the bot about the article' },
  async execute(interaction) {
    const lines = commands.map((command) => `**/${command.data.name}** — ${command.data.description}`);
    lines.push('Or mention the bot with a question: it answers in a thread, where you can keep asking follow-ups.');
    lines.push('Every quote is copied from the article exactly, with its paragraph (¶) and the publisher’s attribution.');
    await interaction.reply({
      embeds: [{ title: 'Verbatim', description: lines.join('\n') }],
      flags: MessageFlags.Ephemeral,
      allowedMentions: noPings,
    });
  },
} satisfies Command;

/** The single list behind the interaction handler and `npm run deploy-commands`. */
export const commands = [ask, summarize, quote, sources, help] as const;

export type CommandName = (typeof commands)[number]['data']['name'];

/**
 * The JSON Discord is sent: every free-text option is capped at MAX_QUESTION_CHARS (and
 * Discord's own 6000), so the client refuses an overlong question before it reaches the bot.
 */
export function commandPayloads(config: Pick<Config, 'maxQuestionChars'>): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const maxLength = Math.min(config.maxQuestionChars, discordMaxLength);
  return commands.map((command) => {
    const data: RESTPostAPIChatInputApplicationCommandsJSONBody = command.data;
    return {
      ...data,
      options: data.options?.map((option) =>
        option.type === ApplicationCommandOptionType.String && option.max_length !== undefined ? { ...option, max_length: maxLength } : option,
      ),
    };
  });
}

export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.data.name === name);
}
